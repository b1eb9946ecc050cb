"""Reading input documents and writing records."""
