"""Choose the GSR sentences to annotate: trigger-word candidates plus a random sample.

Candidates are found by searching for the trigger words of every type (and the
words that look like them: وقع = happened, نشر = published), so that real events
and hard negatives both get in; the random sample brings in what no keyword
predicts. Deterministic (seeded). Writes seeds/corpus/raw/gsr_selection.jsonl.
"""
import json
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
GSR = ROOT.parent / "shared" / "data" / "gsr_sentences.jsonl"
PATTERNS = {
    "SIGN": r"وق[ّ]?ع|توقيع|[أا]برم|[إا]برام|اتفاق|مذكرة",
    "MEET": r"التقى|يلتقي|لقاء|اجتم?ع|استقبل|محادثات|مباحثات|زار|زيار|قمة|مفاوضات",
    "EXTEND": r"مدد|مدّد|يمدد|تمديد|مدّ",
    "DEPLOY": r"نشر|انتشار|تنتشر|ينتشر|تمركز|[أا]رسل|تعزيزات|قوات|جنود",
}
N_CANDIDATES = 1000
N_RANDOM = 300


def main():
    rows = [json.loads(line) for line in GSR.open(encoding="utf8")]
    rng = random.Random(20261129)
    pattern = re.compile("|".join(PATTERNS.values()))
    candidates = [r for r in rows if pattern.search(r["text"])]
    rest = [r for r in rows if not pattern.search(r["text"])]
    chosen = rng.sample(candidates, min(N_CANDIDATES, len(candidates)))
    chosen += rng.sample(rest, N_RANDOM)
    for r in chosen:
        r["selected_by"] = "keyword" if pattern.search(r["text"]) else "random"
    chosen.sort(key=lambda r: r["id"])
    out = ROOT / "seeds" / "corpus" / "raw" / "gsr_selection.jsonl"
    with out.open("w", encoding="utf8") as f:
        for r in chosen:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(candidates)} candidates, {len(chosen)} chosen -> {out}")


if __name__ == "__main__":
    main()
