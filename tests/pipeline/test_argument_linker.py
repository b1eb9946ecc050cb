

def test_decoded_spans_leave_out_linking_words_and_separators():
    """ANNOTATION.md: arguments leave out linking prepositions, clitics and punctuation."""
    import spacy

    from eventx.pipeline.argument_linker import _trim_edges

    nlp = spacy.blank("ar", config={"nlp": {"tokenizer": {"@tokenizers": "eventx.ArabicTokenizer.v2"}}})
    doc = nlp("في مدينة أنطاليا جنوب تركيا لبحث التعاون ، »")

    def trimmed(start, end):
        arg = {"start": start, "end": end}
        _trim_edges(doc, arg)
        return doc[arg["start"]:arg["end"]].text

    assert [t.text for t in doc][:6] == ["في", "مدينة", "أنطاليا", "جنوب", "تركيا", "ل"]
    assert trimmed(0, 6) == "مدينة أنطاليا جنوب تركيا"
    assert trimmed(1, len(doc)) == "مدينة أنطاليا جنوب تركيا لبحث التعاون"
    assert trimmed(0, 1) == "في"  # a span is never trimmed away
