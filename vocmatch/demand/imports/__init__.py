"""An HR clerk's CSV/XLSX export of postings: check, then import."""
