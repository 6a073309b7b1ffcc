"""Spreadsheet import and export of the child-monitoring book (sổ theo dõi trẻ em)."""
