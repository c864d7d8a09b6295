"""Generate Thai performance-agreement packets (คำรับรองการปฏิบัติราชการ) from YAML data."""

__version__ = "0.1.0"
