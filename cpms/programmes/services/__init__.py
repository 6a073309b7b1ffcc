"""Writes of the programmes app: every service is atomic, checks the actor's area and writes
one audit row. Nothing is deleted."""
