"""Annotated data in the ANNOTATION.md format: models, reading, validation, conversion."""
from .annotations import AnnotatedDoc, ArgumentAnnotation, EventAnnotation, SpanAnnotation
from .reader import read_annotations

__all__ = ["AnnotatedDoc", "ArgumentAnnotation", "EventAnnotation", "SpanAnnotation", "read_annotations"]
