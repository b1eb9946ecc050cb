"""The CLI end to end: extraction on the seed article, quarantine, validate, schema, evaluate."""
import json

import pytest
from typer.testing import CliRunner

from eventx.cli import app
from eventx.records import EventRecord

from .conftest import REPO, SEED_ARTICLE, SHARED

runner = CliRunner()


def read_records(path):
    return [EventRecord.model_validate_json(line) for line in path.read_text(encoding="utf8").splitlines()]


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed") / "events.jsonl"
    result = runner.invoke(app, ["extract", str(SEED_ARTICLE), "-o", str(out), "--date", "2024-03-02", "--no-progress"])
    return result, out


def test_extract_seed_article(seed_run):
    result, out = seed_run
    assert result.exit_code == 0, result.output
    records = read_records(out)
    text = SEED_ARTICLE.read_text(encoding="utf8")
    assert len(records) >= 5
    assert {r.event_type for r in records} == {"SIGN", "MEET", "EXTEND", "DEPLOY"}
    for rec in records:
        assert rec.doc_id == "seed_article.txt" and rec.date == "2024-03-02"
        assert text[rec.trigger.start:rec.trigger.end] == rec.trigger.text
        assert text[rec.sentence.start:rec.sentence.end] == rec.sentence.text
        assert rec.sentence.start <= rec.trigger.start < rec.trigger.end <= rec.sentence.end
        for arg in rec.arguments:
            assert text[arg.start:arg.end] == arg.text
            assert not (arg.start < rec.trigger.end and rec.trigger.start < arg.end)
    assert "read 1, processed 1, quarantined 0" in result.output


def test_seed_records_carry_normalized_values(seed_run):
    """The worked example's dates, duration and actors, as the shipped model's records carry them."""
    _, out = seed_run
    args = [a for r in read_records(out) for a in r.arguments]
    values = {(a.text, a.normalized.value, getattr(a.normalized, "mod", None)) for a in args if a.normalized}
    assert {("منذ عام 2020", "2020", "SINCE"), ("الأسبوع الماضي", "2024-W08", None),
            ("أواخر نوفمبر/تشرين الثاني 2019", "2019-11", "LATE"), ("عامين إضافيين", "P2Y", None)} <= values
    assert {a.actor.country for a in args if a.actor} >= {"LBY", "TUR", "USA"}


def test_extraction_is_deterministic(seed_run, tmp_path):
    _, first = seed_run
    out = tmp_path / "again.jsonl"
    result = runner.invoke(app, ["extract", str(SEED_ARTICLE), "-o", str(out), "--date", "2024-03-02", "--no-progress"])
    assert result.exit_code == 0
    assert out.read_text(encoding="utf8") == first.read_text(encoding="utf8")


def test_bad_input_is_quarantined_and_counts_add_up(tmp_path):
    inp = tmp_path / "in.jsonl"
    inp.write_bytes(b"\n".join([
        json.dumps({"id": "ok-1", "text": "ووقع الرئيسان اتفاقية للتعاون الأمني أمس."}, ensure_ascii=False).encode(),
        b"{oops",
        json.dumps({"id": "no-text"}).encode(),
        json.dumps({"id": "blank", "text": ""}).encode(),
        b'{"id": "latin1", "text": "caf\xe9"}',
        json.dumps({"id": "ok-2", "text": "نشرت الحكومة قوات في المدينة."}, ensure_ascii=False).encode(),
    ]) + b"\n")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(inp), "-o", str(out), "--no-progress"])
    assert result.exit_code == 3, result.output
    assert "read 6, processed 2, quarantined 4" in result.output
    quarantined = [json.loads(l) for l in (tmp_path / "out.quarantine.jsonl").read_text(encoding="utf8").splitlines()]
    assert [q["origin"] for q in quarantined] == [f"{inp}:2", f"{inp}:3", f"{inp}:4", f"{inp}:5"]
    assert all(q["reason"] for q in quarantined)
    assert {r.doc_id for r in read_records(out)} <= {"ok-1", "ok-2"}


def test_missing_model_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["extract", str(SEED_ARTICLE), "-o", str(tmp_path / "o.jsonl"), "--model", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert "[E021]" in result.output


def test_ensemble_of_a_pipeline_without_argument_linker_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["ensemble-arguments", "keywords", "keywords", "-o", str(tmp_path / "x"), "--version", "1.0.0"])
    assert result.exit_code == 1
    assert "[E043]" in result.output and "no argument linker" in result.output
    assert not (tmp_path / "x").exists()


def test_ensemble_cli_errors_name_the_part_and_need_something_to_average(tmp_path):
    result = runner.invoke(app, ["ensemble", "keywords", "keywords", "-o", str(tmp_path / "x"), "--version", "1.0.0"])
    assert result.exit_code == 1
    assert "[E043]" in result.output and "no trigger tagger" in result.output
    result = runner.invoke(app, ["ensemble", "keywords", "keywords", "-o", str(tmp_path / "x"), "--version", "1.0.0",
                                 "--no-triggers", "--no-arguments"])
    assert result.exit_code == 1
    assert "nothing to average" in result.output
    assert not (tmp_path / "x").exists()


def test_validate_cli(tmp_path):
    assert runner.invoke(app, ["validate", str(SHARED / "seed_gold.jsonl")]).exit_code == 0
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"id": "x", "text": "وقع", "events": [
        {"type": "SIGN", "trigger": {"start": 0, "end": 2, "text": "وقع"}}]}, ensure_ascii=False) + "\n", encoding="utf8")
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:1: event 0 (SIGN 'وقع'): trigger [0:2]" in result.output


def test_schema_cli():
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["title"] == "EventRecord" and "event_id" in schema["properties"]


def test_evaluate_cli_model_and_baseline(tmp_path):
    out = tmp_path / "scores.json"
    result = runner.invoke(app, ["evaluate", "keywords", str(SHARED / "seed_gold.jsonl"), "--json", str(out)])
    assert result.exit_code == 0, result.output
    scores = json.loads(out.read_text())
    assert scores["trigger_c"]["n_gold"] == 13
    assert scores["arg_c"]["n_pred"] == 0  # the baseline finds no arguments
    assert "trigger classification" in result.output


def test_evaluate_cli_scores_by_field_and_lists_errors(tmp_path):
    lines = (SHARED / "seed_gold.jsonl").read_text(encoding="utf8").splitlines()
    gold = tmp_path / "gold.jsonl"
    with_sections = [{**json.loads(line), "section": "politics" if k % 2 else "economy"} for k, line in enumerate(lines)]
    with_sections[0].pop("section")
    gold.write_text("".join(json.dumps(obj, ensure_ascii=False) + "\n" for obj in with_sections), encoding="utf8")
    scores_path, errors_path = tmp_path / "scores.json", tmp_path / "errors.jsonl"
    result = runner.invoke(app, ["evaluate", "keywords", str(gold), "--by", "section", "--errors", str(errors_path),
                                 "--json", str(scores_path)])
    assert result.exit_code == 0, result.output
    scores = json.loads(scores_path.read_text())
    groups = scores["by"]["groups"]
    assert scores["by"]["field"] == "section" and set(groups) == {"(none)", "economy", "politics"}
    assert sum(g["n_docs"] for g in groups.values()) == scores["n_docs"] == len(lines)
    assert sum(g["trigger_c"]["n_gold"] for g in groups.values()) == scores["trigger_c"]["n_gold"]
    assert "errors" not in scores and "by section" in result.output
    errors = [json.loads(line) for line in errors_path.read_text(encoding="utf8").splitlines()]
    # The baseline finds every seed trigger and no argument: each gold argument is one missed_argument.
    assert {e["kind"] for e in errors} == {"missed_argument"}
    assert len(errors) == scores["arg_c"]["n_gold"]
    texts = {obj["id"]: obj["text"] for obj in with_sections}
    lines_of = {obj["id"]: k for k, obj in enumerate(with_sections, 1)}
    for e in errors:
        assert texts[e["doc_id"]][e["gold"]["start"]:e["gold"]["end"]] == e["gold"]["text"]
        assert e["sentence"]["text"] == texts[e["doc_id"]][e["sentence"]["start"]:e["sentence"]["end"]]
        assert e["sentence"]["start"] <= e["trigger"]["start"] < e["trigger"]["end"] <= e["sentence"]["end"]
        assert e["origin"] == f"{gold}:{lines_of[e['doc_id']]}"
    assert f"missed_argument {len(errors)}" in result.output


def test_train_cli_with_a_new_event_type(tmp_path, train_file):
    """A user adds an event type to the ontology and trains: no code change."""

    ontology = tmp_path / "ontology.toml"
    ontology.write_text((REPO / "configs" / "ontology.toml").read_text(encoding="utf8") + '''
[types.ARREST]
description = "Someone is arrested."
roles = ["agent", "object", "place", "time"]
''', encoding="utf8")
    data = train_file.read_text(encoding="utf8") + json.dumps({
        "id": "t7", "text": "اعتقلت الشرطة ثلاثة أشخاص في بغداد.", "events": [
            {"type": "ARREST", "trigger": {"start": 0, "end": 6, "text": "اعتقلت"}, "arguments": [
                {"role": "agent", "start": 7, "end": 13, "text": "الشرطة"}]}]}, ensure_ascii=False) + "\n"
    train_file.write_text(data, encoding="utf8")
    out = tmp_path / "model"
    result = runner.invoke(app, ["train", str(train_file), str(train_file), "-o", str(out), "--config",
                                 str(REPO / "configs" / "cnn.cfg"), "--ontology", str(ontology),
                                 "--set", "training.max_steps=20", "--set", "training.eval_frequency=10"])
    assert result.exit_code == 0, result.output
    import spacy

    nlp = spacy.load(out)
    assert "ARREST" in nlp.get_pipe("eventx_triggers").types
    assert nlp.config["paths"]["ontology"] == str(ontology)


def test_pretrain_cli_writes_weights_and_rejects_a_config_without_pretraining(tmp_path):
    out = tmp_path / "pt"
    result = runner.invoke(app, ["pretrain", str(SEED_ARTICLE), "-o", str(out), "--epochs", "1",
                                 "--config", str(REPO / "configs" / "cnn.cfg")])
    assert result.exit_code == 0, result.output
    assert (out / "model-last.bin").exists() and "model-last.bin" in result.output
    result = runner.invoke(app, ["pretrain", str(SEED_ARTICLE), "-o", str(out),
                                 "--config", str(REPO / "configs" / "transformer.cfg")])
    assert result.exit_code != 0 and "[pretraining]" in result.output
