"""The keyword baseline: a trigger is any token in the ontology's trigger lexicon.

It finds no arguments. It exists to measure what the trained model adds.
"""
from typing import Dict, Optional

from spacy.language import Language
from spacy.tokens import Doc

from ..arabic import strip_marks
from ..ontology import Ontology
from .events import set_events


@Language.factory("eventx_keywords", assigns=["doc._.events", "doc.spans"], default_config={"ontology": None})
def make_keyword_tagger(nlp: Language, name: str, ontology: Optional[Dict]) -> "KeywordTriggerTagger":
    """Create a KeywordTriggerTagger; ontology is the dict form of an Ontology (None: configs/ontology.toml)."""
    onto = Ontology.from_dict(ontology) if ontology else Ontology.from_file()
    return KeywordTriggerTagger(onto)


class KeywordTriggerTagger:
    def __init__(self, ontology: Ontology):
        self.ontology = ontology
        self.lexicon = {}
        for etype in ontology.types.values():
            for form in etype.triggers:
                self.lexicon.setdefault(strip_marks(form), etype.name)

    def __call__(self, doc: Doc) -> Doc:
        events = []
        for token in doc:
            etype = self.lexicon.get(strip_marks(token.text))
            if etype:
                events.append({"type": etype, "start": token.i, "end": token.i + 1, "modality": "asserted",
                               "polarity": "positive", "confidence": 1.0, "modality_confidence": 1.0,
                               "polarity_confidence": 1.0, "arguments": []})
        set_events(doc, events)
        return doc
