"""Pydantic models of the annotation format (ANNOTATION.md §5)."""
from typing import List, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, model_validator


class SpanAnnotation(BaseModel):
    """A trigger span: character offsets into the text and the text they cover."""

    model_config = ConfigDict(extra="forbid")
    start: int = Field(ge=0, description="Start character offset (inclusive).")
    end: int = Field(ge=0, description="End character offset (exclusive).")
    text: str = Field(min_length=1, description="text[start:end] of the document.")

    @model_validator(mode="after")
    def _ordered(self):
        if self.end <= self.start:
            raise ValueError(f"end ({self.end}) must be greater than start ({self.start})")
        return self


class ArgumentAnnotation(SpanAnnotation):
    """An argument span with its role."""

    role: str = Field(description="The argument's role, one of the ontology's roles.")


class EventAnnotation(BaseModel):
    """One event mention."""

    model_config = ConfigDict(extra="forbid")
    type: str = Field(description="The event type, one of the ontology's types.")
    trigger: SpanAnnotation
    modality: Literal["asserted", "other"] = "asserted"
    polarity: Literal["positive", "negative"] = "positive"
    arguments: List[ArgumentAnnotation] = Field(default_factory=list)


class AnnotatedDoc(BaseModel):
    """A document or sentence with its events. Unknown keys are kept and ignored."""

    model_config = ConfigDict(extra="allow")
    id: str = Field(min_length=1)
    text: str
    date: Optional[str] = None
    events: List[EventAnnotation] = Field(default_factory=list)
