"""Backup and restore of the database and the attachments (docs/backup.md)."""
