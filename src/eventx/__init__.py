"""eventx: event extraction from Arabic news into validated JSON Lines records."""
__version__ = "0.1.0"
