import gzip
import json

from eventx.io.inputs import Fields, InputDoc, Rejected, read_inputs


def test_jsonl_with_every_kind_of_bad_line(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_bytes(b"\n".join([
        json.dumps({"id": "a", "text": "نص أول", "date": "2024-03-02"}, ensure_ascii=False).encode(),
        b"{broken",
        json.dumps({"id": "b"}).encode(),
        json.dumps({"id": "c", "text": "   "}).encode(),
        b'{"id": "d", "text": "\xff\xfe"}',
        b"[1, 2]",
        json.dumps({"id": "e", "text": "نص آخر"}, ensure_ascii=False).encode(),
    ]) + b"\n")
    items = list(read_inputs([str(path)]))
    assert [type(i).__name__ for i in items] == ["InputDoc", "Rejected", "Rejected", "Rejected", "Rejected", "Rejected", "InputDoc"]
    reasons = [i.reason for i in items if isinstance(i, Rejected)]
    assert reasons[0].startswith("invalid JSON")
    assert reasons[1] == "missing text field 'text'"
    assert reasons[2] == "empty text"
    assert reasons[3].startswith("not UTF-8")
    assert reasons[4] == "a line must be a JSON object"
    assert items[1].origin == f"{path}:2"
    assert items[0].meta["date"] == "2024-03-02"


def test_folder_of_txt_gz_csv_and_custom_fields(tmp_path):
    (tmp_path / "a.txt").write_text("وقع الوزير\u00a0مذكرة", encoding="utf8")
    (tmp_path / "empty.txt").write_text("", encoding="utf8")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00")
    with gzip.open(tmp_path / "b.jsonl.gz", "wt", encoding="utf8") as f:
        f.write(json.dumps({"uid": "g1", "body": "نص"}, ensure_ascii=False) + "\n")
    (tmp_path / "c.csv").write_text("uid,body\nc1,نص من جدول\n", encoding="utf8")
    items = list(read_inputs([str(tmp_path)], fields=Fields(text="body", id="uid")))
    docs = {i.doc_id: i for i in items if isinstance(i, InputDoc)}
    assert set(docs) == {"a.txt", "g1", "c1"}
    assert docs["a.txt"].text == "وقع الوزير\u00a0مذكرة"
    rejected = {i.origin.split("/")[-1]: i.reason for i in items if isinstance(i, Rejected)}
    assert rejected["empty.txt"] == "empty text"
    assert rejected["bad.txt"].startswith("not UTF-8")


def test_missing_file_is_rejected_not_raised(tmp_path):
    items = list(read_inputs([str(tmp_path / "nope.jsonl")]))
    assert len(items) == 1 and items[0].reason == "no such file"


def test_count_documents_for_the_progress_bar(tmp_path):
    from eventx.io.inputs import count_documents

    (tmp_path / "a.txt").write_text("نص", encoding="utf8")
    (tmp_path / "b.jsonl").write_text('{"text": "x"}\n\n{"text": "y"}\n', encoding="utf8")
    assert count_documents([str(tmp_path)]) == 3
    assert count_documents(["-"]) is None
    (tmp_path / "c.csv").write_text("text\nx\n", encoding="utf8")
    assert count_documents([str(tmp_path)]) is None
