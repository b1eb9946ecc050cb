"""spaCy components of eventx: trigger tagging and argument linking."""
