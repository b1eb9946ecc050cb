"""Event scoring as ANNOTATION.md §6 defines it, as pure functions.

An event here is a dict in character offsets:
{"type", "start", "end", "arguments": [{"role", "start", "end"}]}.
"""
from collections import Counter
from typing import Dict, Iterable, List, Sequence, Tuple

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


def score_events(pairs: Iterable[Tuple[Events, Events]], *, types: Sequence[str] = ()) -> Dict:
    """Score predicted against gold events, document by document.

    pairs (Iterable[Tuple[Events, Events]]): (predicted, gold) events per document.
    types (Sequence[str]): event types to report separately (others still count overall).
    RETURNS (Dict): {"trigger_i", "trigger_c", "arg_i", "arg_c", "arg_c_relaxed": PRF,
        "per_type": {type: {"trigger_c": PRF, "arg_c": PRF}}}.
    """
    totals = Counter()
    per_type = {t: Counter() for t in types}
    for pred, gold in pairs:
        p_trig_i = Counter((e["start"], e["end"]) for e in pred)
        g_trig_i = Counter((e["start"], e["end"]) for e in gold)
        p_trig_c = Counter((e["start"], e["end"], e["type"]) for e in pred)
        g_trig_c = Counter((e["start"], e["end"], e["type"]) for e in gold)
        p_args = [(e["start"], e["end"], a["start"], a["end"], a["role"], e["type"]) for e in pred for a in e["arguments"]]
        g_args = [(e["start"], e["end"], a["start"], a["end"], a["role"], e["type"]) for e in gold for a in e["arguments"]]
        totals["trig_i_tp"] += _matches(p_trig_i, g_trig_i)
        totals["trig_c_tp"] += _matches(p_trig_c, g_trig_c)
        totals["trig_pred"] += len(pred)
        totals["trig_gold"] += len(gold)
        totals["arg_i_tp"] += _matches(Counter(a[:4] for a in p_args), Counter(a[:4] for a in g_args))
        totals["arg_c_tp"] += _matches(Counter(a[:5] for a in p_args), Counter(a[:5] for a in g_args))
        totals["arg_relaxed_tp"] += _relaxed_matches([a[:5] for a in p_args], [a[:5] for a in g_args])
        totals["arg_pred"] += len(p_args)
        totals["arg_gold"] += len(g_args)
        for t, counts in per_type.items():
            counts["trig_tp"] += _matches(Counter(k for k in p_trig_c.elements() if k[2] == t),
                                          Counter(k for k in g_trig_c.elements() if k[2] == t))
            counts["trig_pred"] += sum(1 for e in pred if e["type"] == t)
            counts["trig_gold"] += sum(1 for e in gold if e["type"] == t)
            pa = Counter(a[:5] for a in p_args if a[5] == t)
            ga = Counter(a[:5] for a in g_args if a[5] == t)
            counts["arg_tp"] += _matches(pa, ga)
            counts["arg_pred"] += sum(pa.values())
            counts["arg_gold"] += sum(ga.values())
    return {
        "trigger_i": _prf(totals["trig_i_tp"], totals["trig_pred"], totals["trig_gold"]),
        "trigger_c": _prf(totals["trig_c_tp"], totals["trig_pred"], totals["trig_gold"]),
        "arg_i": _prf(totals["arg_i_tp"], totals["arg_pred"], totals["arg_gold"]),
        "arg_c": _prf(totals["arg_c_tp"], totals["arg_pred"], totals["arg_gold"]),
        "arg_c_relaxed": _prf(totals["arg_relaxed_tp"], totals["arg_pred"], totals["arg_gold"]),
        "per_type": {
            t: {"trigger_c": _prf(c["trig_tp"], c["trig_pred"], c["trig_gold"]),
                "arg_c": _prf(c["arg_tp"], c["arg_pred"], c["arg_gold"])}
            for t, c in per_type.items()
        },
    }


def doc_events_in_chars(doc) -> Events:
    """A Doc's events (token offsets in doc._.events) as char-offset events for scoring."""
    from .pipeline.events import get_events

    out = []
    for ev in get_events(doc):
        trig = doc[ev["start"]:ev["end"]]
        args = [{"role": a["role"], "start": doc[a["start"]:a["end"]].start_char,
                 "end": doc[a["start"]:a["end"]].end_char} for a in ev["arguments"]]
        out.append({"type": ev["type"], "start": trig.start_char, "end": trig.end_char, "arguments": args})
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
