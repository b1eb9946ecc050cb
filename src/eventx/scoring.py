"""Event scoring as ANNOTATION.md §6 defines it, as pure functions.

An event here is a dict in character offsets:
{"type", "start", "end", "arguments": [{"role", "start", "end"}]}.
"""
from collections import Counter
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Tuple

Events = List[Dict]


def _prf(tp: int, n_pred: int, n_gold: int) -> Dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f": f, "tp": tp, "n_pred": n_pred, "n_gold": n_gold}


def _matches(pred: Counter, gold: Counter) -> int:
    return sum((pred & gold).values())


def _relaxed_matches(pred_args: List[Tuple], gold_args: List[Tuple]) -> int:
    """Count pred arguments overlapping an unused gold one of the same trigger and role."""
    used = [False] * len(gold_args)
    tp = 0
    for ts, te, s, e, role in pred_args:
        for k, (gts, gte, gs, ge, grole) in enumerate(gold_args):
            if not used[k] and (gts, gte, grole) == (ts, te, role) and s < ge and gs < e:
                used[k] = True
                tp += 1
                break
    return tp


def _doc_counts(pred: Events, gold: Events, types: Sequence[str]) -> Counter:
    """The tallies of one document: true positives, predicted and gold counts per metric."""
    counts = Counter()
    p_trig_i = Counter((e["start"], e["end"]) for e in pred)
    g_trig_i = Counter((e["start"], e["end"]) for e in gold)
    p_trig_c = Counter((e["start"], e["end"], e["type"]) for e in pred)
    g_trig_c = Counter((e["start"], e["end"], e["type"]) for e in gold)
    p_args = [(e["start"], e["end"], a["start"], a["end"], a["role"], e["type"]) for e in pred for a in e["arguments"]]
    g_args = [(e["start"], e["end"], a["start"], a["end"], a["role"], e["type"]) for e in gold for a in e["arguments"]]
    counts["trig_i_tp"] = _matches(p_trig_i, g_trig_i)
    counts["trig_c_tp"] = _matches(p_trig_c, g_trig_c)
    counts["trig_pred"] = len(pred)
    counts["trig_gold"] = len(gold)
    counts["arg_i_tp"] = _matches(Counter(a[:4] for a in p_args), Counter(a[:4] for a in g_args))
    counts["arg_c_tp"] = _matches(Counter(a[:5] for a in p_args), Counter(a[:5] for a in g_args))
    counts["arg_relaxed_tp"] = _relaxed_matches([a[:5] for a in p_args], [a[:5] for a in g_args])
    counts["arg_pred"] = len(p_args)
    counts["arg_gold"] = len(g_args)
    for t in types:
        counts[t, "trig_tp"] = _matches(Counter(k for k in p_trig_c.elements() if k[2] == t),
                                        Counter(k for k in g_trig_c.elements() if k[2] == t))
        counts[t, "trig_pred"] = sum(1 for e in pred if e["type"] == t)
        counts[t, "trig_gold"] = sum(1 for e in gold if e["type"] == t)
        pa = Counter(a[:5] for a in p_args if a[5] == t)
        ga = Counter(a[:5] for a in g_args if a[5] == t)
        counts[t, "arg_tp"] = _matches(pa, ga)
        counts[t, "arg_pred"] = sum(pa.values())
        counts[t, "arg_gold"] = sum(ga.values())
    return counts


# The metrics that get bootstrap intervals: name -> (true positives, predicted, gold) tallies.
INTERVAL_METRICS = {
    "trigger_c": ("trig_c_tp", "trig_pred", "trig_gold"),
    "arg_c": ("arg_c_tp", "arg_pred", "arg_gold"),
    "arg_c_relaxed": ("arg_relaxed_tp", "arg_pred", "arg_gold"),
}


def _resampled_sums(tables: Sequence, samples: int, seed: int) -> List:
    """Each table's column sums over `samples` resamples of its rows (the same resamples for every table)."""
    import numpy

    n = len(tables[0])
    draws = numpy.random.default_rng(seed).integers(0, n, size=(samples, n))
    weights = numpy.stack([numpy.bincount(row, minlength=n) for row in draws])
    return [weights @ table for table in tables]


def _tally_table(doc_counts: Sequence[Counter]):
    """The documents' INTERVAL_METRICS tallies as an array (one row a document), and its column per tally."""
    import numpy

    keys = sorted({k for keys in INTERVAL_METRICS.values() for k in keys})
    return (numpy.asarray([[c[k] for k in keys] for c in doc_counts], dtype="float64"),
            {k: i for i, k in enumerate(keys)})


def _f1(sums, column: Dict[str, int], metric: str):
    """F1 of one metric of INTERVAL_METRICS from summed tallies (any leading shape)."""
    import numpy

    tp, n_pred, n_gold = INTERVAL_METRICS[metric]
    tps, total = sums[..., column[tp]], sums[..., column[n_pred]] + sums[..., column[n_gold]]
    return numpy.divide(2 * tps, total, out=numpy.zeros_like(tps), where=total > 0)


def bootstrap_intervals(doc_counts: Sequence[Counter], *, samples: int = 1000, level: float = 0.95,
                        seed: int = 0) -> Dict[str, List[float]]:
    """Percentile bootstrap intervals of the F1 scores, resampling documents.

    An evaluation set of a few hundred events gives F1 scores that move by
    several points with the sample; the interval says how far. Documents are
    drawn with replacement `samples` times (a fixed seed: the same interval for
    the same predictions), and each metric's F1 is recomputed on every draw.

    doc_counts (Sequence[Counter]): per-document tallies (see score_events).
    RETURNS (Dict[str, List[float]]): [low, high] F1 per metric of INTERVAL_METRICS.
    """
    import numpy

    if not doc_counts:
        return {name: [0.0, 0.0] for name in INTERVAL_METRICS}
    table, column = _tally_table(doc_counts)
    (sums,) = _resampled_sums([table], samples, seed)
    tail = 100 * (1 - level) / 2
    out = {}
    for name in INTERVAL_METRICS:
        f1 = _f1(sums, column, name)
        out[name] = [float(numpy.percentile(f1, tail)), float(numpy.percentile(f1, 100 - tail))]
    return out


def document_counts(pairs: Iterable[Tuple[Events, Events]], *, types: Sequence[str] = ()) -> List[Counter]:
    """Per-document tallies of (predicted, gold) pairs, for score_events and the bootstrap functions."""
    return [_doc_counts(pred, gold, types) for pred, gold in pairs]


def paired_bootstrap(counts_a: Sequence[Counter], counts_b: Sequence[Counter], *, samples: int = 1000,
                     level: float = 0.95, seed: int = 0) -> Dict[str, Dict[str, float]]:
    """How sure is it that system B scores higher than system A on the same documents?

    Both systems are scored on the same resamples of the documents, so the
    documents' own difficulty cancels out: a far tighter test than comparing
    two separate intervals.

    counts_a, counts_b (Sequence[Counter]): per-document tallies (document_counts), same documents in order.
    RETURNS (Dict[str, Dict[str, float]]): per metric of INTERVAL_METRICS, "diff" (F1 of B minus
        A on the full set), "low" and "high" (the interval of the difference), "b_better" (the
        share of resamples in which B scores higher).
    """
    import numpy

    if len(counts_a) != len(counts_b):
        raise ValueError(f"paired_bootstrap needs the same documents: {len(counts_a)} against {len(counts_b)}")
    (table_a, column), (table_b, _) = _tally_table(counts_a), _tally_table(counts_b)
    sums_a, sums_b = _resampled_sums([table_a, table_b], samples, seed)
    tail = 100 * (1 - level) / 2
    out = {}
    for name in INTERVAL_METRICS:
        diff = _f1(table_b.sum(axis=0), column, name) - _f1(table_a.sum(axis=0), column, name)
        diffs = _f1(sums_b, column, name) - _f1(sums_a, column, name)
        out[name] = {"diff": float(diff), "low": float(numpy.percentile(diffs, tail)),
                     "high": float(numpy.percentile(diffs, 100 - tail)), "b_better": float((diffs > 0).mean())}
    return out


def score_events(pairs: Iterable[Tuple[Events, Events]], *, types: Sequence[str] = (),
                 intervals: bool = False) -> Dict:
    """Score predicted against gold events, document by document.

    pairs (Iterable[Tuple[Events, Events]]): (predicted, gold) events per document.
    types (Sequence[str]): event types to report separately (others still count overall).
    intervals (bool): also give 95% bootstrap intervals of the F1 scores (bootstrap_intervals).
    RETURNS (Dict): {"trigger_i", "trigger_c", "arg_i", "arg_c", "arg_c_relaxed": PRF,
        "per_type": {type: {"trigger_c": PRF, "arg_c": PRF}}}, and "intervals" when asked.
    """
    doc_counts = document_counts(pairs, types=types)
    totals = Counter()
    for counts in doc_counts:
        totals.update(counts)
    result = {
        "trigger_i": _prf(totals["trig_i_tp"], totals["trig_pred"], totals["trig_gold"]),
        "trigger_c": _prf(totals["trig_c_tp"], totals["trig_pred"], totals["trig_gold"]),
        "arg_i": _prf(totals["arg_i_tp"], totals["arg_pred"], totals["arg_gold"]),
        "arg_c": _prf(totals["arg_c_tp"], totals["arg_pred"], totals["arg_gold"]),
        "arg_c_relaxed": _prf(totals["arg_relaxed_tp"], totals["arg_pred"], totals["arg_gold"]),
        "per_type": {
            t: {"trigger_c": _prf(totals[t, "trig_tp"], totals[t, "trig_pred"], totals[t, "trig_gold"]),
                "arg_c": _prf(totals[t, "arg_tp"], totals[t, "arg_pred"], totals[t, "arg_gold"])}
            for t in types
        },
    }
    if intervals:
        result["intervals"] = bootstrap_intervals(doc_counts)
    return result


def _overlaps(a: Dict, b: Dict) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def _same_span(a: Dict, b: Dict) -> bool:
    return (a["start"], a["end"]) == (b["start"], b["end"])


def _take(items: List[Dict], match: Callable[[Dict], bool]) -> Optional[Dict]:
    """Remove and return the first item that match accepts (None if none does)."""
    for k, item in enumerate(items):
        if match(item):
            return items.pop(k)
    return None


def _argument_errors(pred: Dict, gold: Dict) -> List[Dict]:
    """The argument errors of a predicted event against the gold event at the same trigger span."""
    gold_args, pred_args = list(gold["arguments"]), list(pred["arguments"])
    for a in list(gold_args):  # right: not errors
        if _take(pred_args, lambda b: _same_span(a, b) and b["role"] == a["role"]) is not None:
            gold_args.remove(a)
    found = []
    for a in list(gold_args):
        b = _take(pred_args, lambda b: _same_span(a, b))
        if b is not None:
            gold_args.remove(a)
            found.append(("wrong_role", a, b))
    for a in list(gold_args):
        b = (_take(pred_args, lambda b: _overlaps(a, b) and b["role"] == a["role"])
             or _take(pred_args, lambda b: _overlaps(a, b)))
        if b is not None:
            gold_args.remove(a)
            found.append(("boundary" if b["role"] == a["role"] else "boundary_and_role", a, b))
    found += [("missed_argument", a, None) for a in gold_args]
    found += [("spurious_argument", None, b) for b in pred_args]
    trigger = {"type": gold["type"], "start": gold["start"], "end": gold["end"]}
    return [{"kind": kind, "trigger": trigger, "gold": a, "pred": b} for kind, a, b in found]


def event_errors(pred: Events, gold: Events) -> List[Dict]:
    """What the predicted events of one document got wrong against its gold events, one dict per error.

    Triggers pair by span, as trigger identification scores them: a gold trigger with no predicted one at
    its span is "missed_trigger", a predicted one with no gold one "spurious_trigger", a pair whose types
    differ "wrong_type". Arguments are compared within each pair, as argument-C scores them (a role on the
    right trigger span counts whatever the event type): the same span with another role is "wrong_role",
    an overlapping span with the same role "boundary", with another role "boundary_and_role", and what is
    left is "missed_argument" or "spurious_argument". An unpaired trigger's arguments go with its error.

    pred (Events): the predicted events (char offsets, as doc_events_in_chars gives them).
    gold (Events): the gold events.
    RETURNS (List[Dict]): {"kind", "trigger": {"type", "start", "end"}, "gold", "pred"}, where gold and pred
        are the events (trigger errors) or arguments (argument errors) involved, None where one is absent.
    """
    unpaired = list(pred)
    errors = []
    for g in gold:
        p = (_take(unpaired, lambda p: _same_span(p, g) and p["type"] == g["type"])
             or _take(unpaired, lambda p: _same_span(p, g)))
        trigger = {"type": g["type"], "start": g["start"], "end": g["end"]}
        if p is None:
            errors.append({"kind": "missed_trigger", "trigger": trigger, "gold": g, "pred": None})
            continue
        if p["type"] != g["type"]:
            errors.append({"kind": "wrong_type", "trigger": trigger, "gold": g, "pred": p})
        errors.extend(_argument_errors(p, g))
    for p in unpaired:
        trigger = {"type": p["type"], "start": p["start"], "end": p["end"]}
        errors.append({"kind": "spurious_trigger", "trigger": trigger, "gold": None, "pred": p})
    return errors


ERROR_KINDS = ("missed_trigger", "spurious_trigger", "wrong_type", "missed_argument", "spurious_argument",
               "wrong_role", "boundary", "boundary_and_role")


def doc_events_in_chars(doc, *, confidence: bool = False) -> Events:
    """A Doc's events (token offsets in doc._.events) as char-offset events for scoring.

    confidence (bool): also give each event and argument its "confidence" (predicted docs only).
    """
    from .pipeline.events import get_events

    out = []
    for ev in get_events(doc):
        trig = doc[ev["start"]:ev["end"]]
        args = [{"role": a["role"], "start": doc[a["start"]:a["end"]].start_char,
                 "end": doc[a["start"]:a["end"]].end_char} for a in ev["arguments"]]
        event = {"type": ev["type"], "start": trig.start_char, "end": trig.end_char, "arguments": args}
        if confidence:
            event["confidence"] = ev["confidence"]
            for arg, a in zip(args, ev["arguments"]):
                arg["confidence"] = a["confidence"]
        out.append(event)
    return out


def score_examples(examples, **cfg) -> Dict[str, float]:
    """spaCy scorer: flat metrics for training logs and model selection."""
    result = score_events((doc_events_in_chars(eg.predicted), doc_events_in_chars(eg.reference)) for eg in examples)
    return {
        "trigger_p": result["trigger_c"]["p"], "trigger_r": result["trigger_c"]["r"],
        "trigger_f": result["trigger_c"]["f"],
        "arg_p": result["arg_c"]["p"], "arg_r": result["arg_c"]["r"], "arg_f": result["arg_c"]["f"],
    }


def make_events_scorer():
    return score_examples


try:  # registered for spaCy configs; scoring itself needs no spaCy
    from spacy.util import registry

    registry.scorers("eventx.events_scorer.v1")(make_events_scorer)
except ImportError:  # pragma: no cover
    pass
