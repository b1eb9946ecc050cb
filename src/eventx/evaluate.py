"""Evaluate a pipeline on gold annotations with the ANNOTATION.md §6 metrics."""
from pathlib import Path
from typing import Dict, List, Sequence

from .corpus.reader import read_annotations
from .loading import pipeline_ontology
from .quantize import quantize_int8
from .scoring import doc_events_in_chars, score_events


def gold_events(ann) -> List[Dict]:
    return [{"type": ev.type, "start": ev.trigger.start, "end": ev.trigger.end,
             "arguments": [{"role": a.role, "start": a.start, "end": a.end} for a in ev.arguments]}
            for ev in ann.events]


def evaluate(nlp, gold_paths: Sequence[Path], *, batch_size: int = 64, int8: bool = False) -> Dict:
    """Run nlp over the gold texts and score its events against the gold ones.

    int8 (bool): quantize nlp's transformer in place first (see quantize.py), as extract does.
    RETURNS (Dict): the score_events result with its 95% bootstrap intervals, plus "n_docs", "types", "model" and "int8" (whether
        a transformer ran quantized).
    """
    anns = [ann for path in gold_paths for _, ann in read_annotations(path)]
    quantized = quantize_int8(nlp) if int8 else 0
    onto = pipeline_ontology(nlp)
    types = onto.type_names if onto else sorted({ev.type for ann in anns for ev in ann.events})
    docs = nlp.pipe((ann.text for ann in anns), batch_size=batch_size)
    result = score_events(((doc_events_in_chars(doc), gold_events(ann)) for doc, ann in zip(docs, anns)), types=types,
                          intervals=True)
    from .extract import model_info

    result.update({"n_docs": len(anns), "types": list(types), "model": model_info(nlp).model_dump(),
                   "int8": quantized > 0})
    return result


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
    if "intervals" in result:
        lines += ["", "Intervals: 2.5th to 97.5th percentile of F1 over 1,000 resamples of the documents."]
    return "\n".join(lines)
