"""Code outside the package: remaking templates, measuring rendered PDFs (used by tests and scripts)."""
