"""Turn annotations written by hand in the light format into ANNOTATION.md records.

Annotators name spans by their text, never by offsets; this script finds the
offsets, so `text[start:end] == span text` holds by construction.

Light format, one JSON object a line:

    {"id": "gsr-00000", "text": "...", "date": "2024-03-02",
     "events": [
       {"type": "DEPLOY", "trigger": "أرسلت", "modality": "asserted",
        "polarity": "positive",
        "arguments": [["agent", "الحكومة الباكستانية"], ["object", "ألفي جندي"],
                      ["place", "وادي سوات"], ["time", "امس"]]}]}

- A span must start at the start of a word or right after attached clitics
  (و ف ب ل ك, and the ل of a ل + ال fusion: `ليبيا` in `لليبيا`) and end at
  the end of a word.
- `trigger` takes the first such occurrence; add `"trigger_n": 2` for the
  second. An argument takes the occurrence nearest to the trigger; add a
  third element (`["time", "امس", 2]`) for the n-th occurrence.
- `modality` defaults to "asserted", `polarity` to "positive".

Usage: python light_to_gold.py RAW.light.jsonl [...] -o OUT.jsonl
Exits 1 and prints `file:line: problem` for every line it cannot convert.
"""
import argparse
import json
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
CLITICS = set("وفبلكس")


def is_word_char(char):
    return char.isalnum() or "\u0610" <= char <= "\u061a" or "\u064b" <= char <= "\u065f" or char in "\u0670\u0640"


def valid_occurrences(text, span_text):
    """Start offsets where span_text sits on word (or clitic) boundaries."""
    starts = []
    i = text.find(span_text)
    while i != -1:
        end = i + len(span_text)
        ends_word = end == len(text) or not is_word_char(text[end])
        j = i
        while j > 0 and is_word_char(text[j - 1]) and (text[j - 1] in CLITICS or text[j - 1] == "\u0640"):
            j -= 1
        starts_word = j == 0 or not is_word_char(text[j - 1])
        if ends_word and starts_word and (i - j) <= 4:
            starts.append(i)
        i = text.find(span_text, i + 1)
    return starts


def check_fusion(text, start, what):
    """Refuse a span that starts right after لل (spans start after clitics only):
    in a ل + ال fusion (للاجتماع, ولليبيا) the span starts after the first ل
    (`لاجتماع`, `ليبيا`), so a span after both is a mistake."""
    if start >= 2 and text[start - 2:start] == "لل":
        raise ValueError(f"{what} starts after لل: in a ل + ال fusion the span starts after the first ل")


def load_ontology():
    with open(ROOT / "configs" / "ontology.toml", "rb") as f:
        return tomllib.load(f)


def convert_line(obj, ontology):
    text = obj["text"]
    events = []
    for ev in obj.get("events", []):
        etype = ev["type"]
        if etype not in ontology["types"]:
            raise ValueError(f"unknown event type {etype!r}")
        allowed = ontology["types"][etype]["roles"]
        trig = ev["trigger"]
        occ = valid_occurrences(text, trig)
        n = ev.get("trigger_n", 1)
        if len(occ) < n:
            raise ValueError(f"trigger {trig!r} (occurrence {n}) not found on word boundaries")
        t_start = occ[n - 1]
        t_end = t_start + len(trig)
        check_fusion(text, t_start, f"trigger {trig!r}")
        args = []
        for item in ev.get("arguments", []):
            role, arg_text = item[0], item[1]
            if role not in allowed:
                raise ValueError(f"role {role!r} not allowed for {etype} (allowed: {allowed})")
            a_occ = [s for s in valid_occurrences(text, arg_text)
                     if s + len(arg_text) <= t_start or s >= t_end]
            if not a_occ:
                raise ValueError(f"argument {arg_text!r} not found on word boundaries outside the trigger")
            if len(item) > 2:
                if len(a_occ) < item[2]:
                    raise ValueError(f"argument {arg_text!r} has no occurrence {item[2]}")
                a_start = a_occ[item[2] - 1]
            else:
                a_start = min(a_occ, key=lambda s: abs(s - t_start))
            check_fusion(text, a_start, f"argument {arg_text!r}")
            args.append({"role": role, "start": a_start, "end": a_start + len(arg_text), "text": arg_text})
        modality = ev.get("modality", "asserted")
        polarity = ev.get("polarity", "positive")
        if modality not in ("asserted", "other"):
            raise ValueError(f"modality {modality!r} must be asserted or other")
        if polarity not in ("positive", "negative"):
            raise ValueError(f"polarity {polarity!r} must be positive or negative")
        events.append({"type": etype,
                       "trigger": {"start": t_start, "end": t_end, "text": trig},
                       "modality": modality, "polarity": polarity,
                       "arguments": args})
    keys = [(e["trigger"]["start"], e["type"]) for e in events]
    if len(keys) != len(set(keys)):
        raise ValueError("two events share a trigger and type (use trigger_n for a repeated word)")
    out = {k: v for k, v in obj.items() if k != "events"}
    out["events"] = events
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("inputs", nargs="+", type=Path)
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    ontology = load_ontology()
    gsr_path = ROOT.parent / "shared" / "data" / "gsr_sentences.jsonl"
    gsr = {}
    if gsr_path.exists():
        gsr = {r["id"]: r["text"] for r in map(json.loads, gsr_path.open(encoding="utf8"))}
    problems, records = [], []
    for path in args.inputs:
        for lineno, line in enumerate(path.open(encoding="utf8"), 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                if obj["id"].startswith("gsr-") and gsr.get(obj["id"]) != obj["text"]:
                    raise ValueError("text differs from the GSR sentence with this id (copy it exactly)")
                records.append(convert_line(obj, ontology))
            except (ValueError, KeyError, TypeError, IndexError) as e:
                problems.append(f"{path}:{lineno}: {type(e).__name__}: {e}")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        print(f"{len(problems)} problem(s); nothing written", file=sys.stderr)
        sys.exit(1)
    with args.output.open("w", encoding="utf8") as f:
        for rec in records:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    n_events = sum(len(r["events"]) for r in records)
    print(f"{len(records)} sentences, {n_events} events -> {args.output}")


if __name__ == "__main__":
    main()
