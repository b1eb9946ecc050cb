"""Choose the GSR sentences to annotate, in four rounds. Deterministic (seeded).

Round 1: candidates found by searching for the trigger words of every type (and
the words that look like them: وقع = happened, نشر = published), so that real
events and hard negatives both get in, plus a random sample that brings in what
no keyword predicts. Round 2: every other candidate, plus more random sentences
for the precision of every newspaper section. Round 3: among the rest, those on
which a shipped model predicts an event (raw/gsr_round3_flags.jsonl, written by
`--screen` with the 0.2.0 models; kept, since a rerun with newer models flags
other sentences), those a wider pattern matches (other verb forms such as
التقت, light verbs such as عقد, force and mandate words), and random ones up to
1,000. Round 4: every sentence left. Writes seeds/corpus/raw/gsr_selection{,2,3,4}.jsonl.
"""
import json
import random
import re
import sys
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
N_RANDOM_2 = 652
# Round 3: forms and words round 1 missed (التقت، تلتقي، عقد، بحث مع، وفد ...).
WIDER = (r"لتق|عقد|ناقش|بحث مع|استضاف|حضر|صادق|وافق|اتفق|معاهد|صفق|تعاقد|جولة|وفد|مشاورات|حوار|"
         r"تجديد|جدد|ولاية|مهمة|قاعدة|حشد|دفع ب|وصل|توجه|تعزيز|كتيبة|لواء|سفن|بوارج|طائرات|مدة|أشهر|اشهر")
N_ROUND_3 = 1000
FLAGS = Path(__file__).resolve().parents[1] / "raw" / "gsr_round3_flags.jsonl"


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
    write(chosen, "gsr_selection.jsonl")
    print(f"{len(candidates)} candidates, {len(chosen)} chosen in round 1")

    taken = {r["id"] for r in chosen}
    second = [r for r in candidates if r["id"] not in taken]
    second += rng.sample([r for r in rest if r["id"] not in taken], N_RANDOM_2)
    for r in second:
        r["selected_by"] = "keyword" if pattern.search(r["text"]) else "random"
    second.sort(key=lambda r: r["id"])
    write(second, "gsr_selection2.jsonl")
    print(f"{len(second)} chosen in round 2")

    taken |= {r["id"] for r in second}
    flagged = {json.loads(line)["id"] for line in FLAGS.open(encoding="utf8")}
    wider = re.compile(WIDER)
    left = [r for r in rows if r["id"] not in taken]
    third = [r for r in left if r["id"] in flagged or wider.search(r["text"])]
    for r in third:
        r["selected_by"] = "model" if r["id"] in flagged else "wider_keyword"
    chosen3 = {r["id"] for r in third}
    rest3 = [r for r in left if r["id"] not in chosen3]
    third += [dict(r, selected_by="random") for r in rng.sample(rest3, N_ROUND_3 - len(third))]
    third.sort(key=lambda r: r["id"])
    write(third, "gsr_selection3.jsonl")
    print(f"{len(third)} chosen in round 3")

    # Round 4: every sentence left, so the corpus holds all the GSR sentences.
    taken |= {r["id"] for r in third}
    fourth = [dict(r, selected_by="rest") for r in rows if r["id"] not in taken]
    write(fourth, "gsr_selection4.jsonl")
    print(f"{len(fourth)} chosen in round 4")


def screen(models=("models/ar_eventx_cnn", "models/ar_eventx_core")):
    """Write the ids of unselected sentences on which a shipped model finds an event."""
    from eventx.loading import load_pipeline
    from eventx.scoring import doc_events_in_chars

    taken = {json.loads(line)["id"] for name in ("gsr_selection.jsonl", "gsr_selection2.jsonl")
             for line in (ROOT / "seeds" / "corpus" / "raw" / name).open(encoding="utf8")}
    rows = [json.loads(line) for line in GSR.open(encoding="utf8")]
    rows = [r for r in rows if r["id"] not in taken]
    types = {r["id"]: set() for r in rows}
    for model in models:
        nlp = load_pipeline(str(ROOT / model))
        for r, doc in zip(rows, nlp.pipe((r["text"] for r in rows), batch_size=64)):
            types[r["id"]].update(ev["type"] for ev in doc_events_in_chars(doc))
    with FLAGS.open("w", encoding="utf8") as f:
        for r in rows:
            if types[r["id"]]:
                f.write(json.dumps({"id": r["id"], "types": sorted(types[r["id"]])}) + "\n")


def write(rows, name):
    out = ROOT / "seeds" / "corpus" / "raw" / name
    with out.open("w", encoding="utf8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    if sys.argv[1:] == ["--screen"]:
        screen()
    else:
        main()
