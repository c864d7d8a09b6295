"""Keeping what was made: output folders, locks, manifests, change reports, archive, PDFs."""
