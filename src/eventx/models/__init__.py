"""Thinc models (architectures) behind eventx's components."""
