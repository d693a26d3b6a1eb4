"""Files in and out: the engagement YAML, check-in CSVs, OKR sheets (CSV and Excel)."""
