"""Evaluate a pipeline on gold annotations with the ANNOTATION.md §6 metrics."""
from collections import Counter
from pathlib import Path
from typing import Dict, List, Optional, Sequence

from .corpus.reader import read_annotations
from .loading import pipeline_ontology
from .quantize import quantize_int8
from .records.build import sentence_record, sentence_starts
from .scoring import ERROR_KINDS, doc_events_in_chars, event_errors, score_events

NO_VALUE = "(none)"


def gold_events(ann) -> List[Dict]:
    return [{"type": ev.type, "start": ev.trigger.start, "end": ev.trigger.end,
             "arguments": [{"role": a.role, "start": a.start, "end": a.end} for a in ev.arguments]}
            for ev in ann.events]


def _group_of(ann, field: str) -> str:
    """The value of a gold line's field (a known one such as date, or any extra key such as source)."""
    value = getattr(ann, field, None) if field in type(ann).model_fields else (ann.model_extra or {}).get(field)
    return NO_VALUE if value is None or value == "" else str(value)


def _with_text(item, text: str):
    """A copy of an event, argument or span dict with "text": text[start:end] beside its offsets."""
    if not isinstance(item, dict):
        return item
    out = {key: _with_text(value, text) for key, value in item.items() if key != "arguments"}
    if "start" in item and "end" in item:
        out["text"] = text[item["start"]:item["end"]]
    if "arguments" in item:
        out["arguments"] = [_with_text(arg, text) for arg in item["arguments"]]
    return out


def _error_rows(doc, ann, origin: str, pred: List[Dict], gold: List[Dict]) -> List[Dict]:
    """The errors of one document (scoring.event_errors) with texts, the gold line and the trigger's
    sentence, as the records give it."""
    rows = []
    sent_starts = sentence_starts(doc)
    for error in event_errors(pred, gold):
        trigger = error["trigger"]
        span = doc.char_span(trigger["start"], trigger["end"], alignment_mode="expand")
        sentence = sentence_record(doc, ann.text, span.start if span is not None else 0, sent_starts)
        rows.append({"doc_id": ann.id, "origin": origin, "kind": error["kind"],
                     "trigger": _with_text(trigger, ann.text),
                     "gold": _with_text(error["gold"], ann.text), "pred": _with_text(error["pred"], ann.text),
                     "sentence": sentence.model_dump()})
    return rows


def evaluate(nlp, gold_paths: Sequence[Path], *, batch_size: int = 64, int8: bool = False,
             by: Optional[str] = None, errors: bool = False) -> Dict:
    """Run nlp over the gold texts and score its events against the gold ones.

    int8 (bool): quantize nlp's transformer in place first (see quantize.py), as extract does.
    by (Optional[str]): also score the documents apart by the value of this field of their gold lines (e.g.
        "source", or a newspaper section), documents without it under "(none)".
    errors (bool): also list every error (scoring.event_errors) with its texts, document and sentence.
    RETURNS (Dict): the score_events result with its 95% bootstrap intervals, plus "n_docs", "types", "model"
        and "int8" (whether a transformer ran quantized); "by" ({"field", "groups": {value: result + "n_docs"}})
        and "errors" (a list) when asked.
    """
    lines = [(f"{path}:{lineno}", ann) for path in gold_paths for lineno, ann in read_annotations(path)]
    quantized = quantize_int8(nlp) if int8 else 0
    onto = pipeline_ontology(nlp)
    types = onto.type_names if onto else sorted({ev.type for _, ann in lines for ev in ann.events})
    pairs, error_rows = [], []
    docs = nlp.pipe((ann.text for _, ann in lines), batch_size=batch_size)
    for doc, (origin, ann) in zip(docs, lines):
        pair = (doc_events_in_chars(doc), gold_events(ann))
        pairs.append(pair)
        if errors:
            error_rows.extend(_error_rows(doc, ann, origin, *pair))
    result = score_events(pairs, types=types, intervals=True)
    from .extract import model_info

    result.update({"n_docs": len(lines), "types": list(types), "model": model_info(nlp).model_dump(),
                   "int8": quantized > 0})
    if by:
        groups = {}
        for pair, (_, ann) in zip(pairs, lines):
            groups.setdefault(_group_of(ann, by), []).append(pair)
        result["by"] = {"field": by, "groups": {
            value: {**score_events(group, types=types, intervals=True), "n_docs": len(group)}
            for value, group in sorted(groups.items())}}
    if errors:
        result["errors"] = error_rows
    return result


def error_counts(rows: Sequence[Dict]) -> Dict[str, int]:
    """How many errors of each kind (scoring.ERROR_KINDS, in that order), kinds with none left out."""
    counts = Counter(row["kind"] for row in rows)
    return {kind: counts[kind] for kind in ERROR_KINDS if counts[kind]}


def format_table(result: Dict) -> str:
    """A plain-text table of the overall and per-type scores (percentages)."""
    int8 = " (int8)" if result.get("int8") else ""
    lines = [f"model {result['model']['name']} {result['model']['version']}{int8} on {result['n_docs']} documents", ""]
    lines.append(f"{'metric':<26}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'pred':>7}   F1 95% interval")
    names = [("trigger identification", "trigger_i"), ("trigger classification", "trigger_c"),
             ("argument identification", "arg_i"), ("argument classification", "arg_c"),
             ("argument class. relaxed", "arg_c_relaxed")]
    for label, key in names:
        m = result[key]
        row = f"{label:<26}{100 * m['p']:>7.1f}{100 * m['r']:>7.1f}{100 * m['f']:>7.1f}{m['n_gold']:>7}{m['n_pred']:>7}"
        if key in result.get("intervals", {}):
            low, high = result["intervals"][key]
            row += f"   {100 * low:.1f} to {100 * high:.1f}"
        lines.append(row)
    lines += ["", f"{'type':<10}{'trig-C F1':>10}{'gold':>6}{'arg-C F1':>10}{'gold':>6}"]
    for t, m in result["per_type"].items():
        lines.append(f"{t:<10}{100 * m['trigger_c']['f']:>10.1f}{m['trigger_c']['n_gold']:>6}"
                     f"{100 * m['arg_c']['f']:>10.1f}{m['arg_c']['n_gold']:>6}")
    if "by" in result:
        lines += ["", f"{'by ' + result['by']['field']:<16}{'docs':>6}{'events':>7}{'trig-C P':>10}{'R':>6}{'F1':>6}"
                  f"{'arg-C P':>9}{'R':>6}{'F1':>6}   trig-C F1 / arg-C F1 95% intervals"]
        for value, m in result["by"]["groups"].items():
            trig, arg = m["trigger_c"], m["arg_c"]
            (tl, th), (al, ah) = m["intervals"]["trigger_c"], m["intervals"]["arg_c"]
            lines.append(f"{value[:15]:<16}{m['n_docs']:>6}{trig['n_gold']:>7}{100 * trig['p']:>10.1f}"
                         f"{100 * trig['r']:>6.1f}{100 * trig['f']:>6.1f}{100 * arg['p']:>9.1f}{100 * arg['r']:>6.1f}"
                         f"{100 * arg['f']:>6.1f}   {100 * tl:.1f}-{100 * th:.1f} / {100 * al:.1f}-{100 * ah:.1f}")
    if "intervals" in result:
        lines += ["", "Intervals: 2.5th to 97.5th percentile of F1 over 1,000 resamples of the documents."]
    return "\n".join(lines)
