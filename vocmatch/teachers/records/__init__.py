"""Teachers and their dated records: writes, the forms, the roster workbook in and out."""
