"""The hand-written gold of the bundled samples stays true to the samples (no tagger involved).

- every quote of samples/gold/NAME.gold.json and of samples/series/*/series.gold.json lies in the text
  extracted from samples/pdf/NAME.pdf (compared as ../shared/corpus/README.md "Series gold" says: NFKC,
  case, quote marks, hyphens with the white space after them, white space collapsed);
- the series gold follows its own conventions (meeting order, events, status as of the last report);
- every committed FODT is what its source in samples/src gives now, so PDFs and sources cannot drift apart.
"""
from __future__ import annotations

import importlib.util
import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SERIES_GOLD = sorted((SAMPLES / "series").glob("*/series.gold.json"))
# the reports of the series (test_samples_gold.py checks every sample's gold against the extraction goldens)
REPORT_GOLD = sorted(SAMPLES / "gold" / (d["file"][: -len(".pdf")] + ".gold.json")
                     for g in SERIES_GOLD for d in json.loads(g.read_text(encoding="utf-8"))["documents"])
EVENTS = {"promised", "repeated", "progress", "postponed", "done", "dropped"}


def norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", s).lower()
    s = re.sub(r"[\u2018\u2019\u201a\u201b`\u00b4]", "'", s)
    s = re.sub(r"[\u201c\u201d\u201e\u201f]", '"', s)
    s = re.sub(r"[-\u2010\u2011\u2012\u2013\u2014\u00ad]\s*", "", s)
    return re.sub(r"\s+", " ", s).strip()


@lru_cache(maxsize=None)
def text_of(pdf_name: str) -> str:
    from extract.pdf import document_from_pdf
    from extract.settings import ExtractSettings

    return norm(document_from_pdf(str(SAMPLES / "pdf" / pdf_name), ExtractSettings(ocr=False)).text)


def report_quotes(gold: dict) -> list[str]:
    quotes = [c["quote"] for key in ("concerns", "optional_concerns", "commitments") for c in gold.get(key) or []]
    quotes += list(gold.get("not_tenant_concerns") or [])
    quotes += [f["quote"] for f in gold.get("facts") or []]
    return quotes


def test_there_is_a_bundled_series_with_gold():
    assert SERIES_GOLD


@pytest.mark.parametrize("gold_path", REPORT_GOLD, ids=[p.name for p in REPORT_GOLD])
def test_report_gold_quotes_are_in_the_text(gold_path):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    assert gold["file"] == gold_path.name[: -len(".gold.json")] + ".pdf"
    assert gold["meeting"]["date"] == gold_path.name[:10]
    text = text_of(gold["file"])
    missing = [q for q in report_quotes(gold) if norm(q) not in text]
    assert not missing


@pytest.mark.parametrize("gold_path", SERIES_GOLD, ids=[p.parent.name for p in SERIES_GOLD])
def test_series_gold_is_consistent_with_its_reports(gold_path):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    assert gold["series"] == gold_path.parent.name
    docs = [d["file"] for d in gold["documents"]]
    dates = [d["date"] for d in gold["documents"]]
    assert dates == sorted(dates) and len(set(docs)) == len(docs)
    assert all(f[:10] == d and (SAMPLES / "pdf" / f).exists() for f, d in zip(docs, dates))
    ids = [t["id"] for t in gold["threads"]]
    assert len(set(ids)) == len(ids)
    last = dates[-1]
    for t in gold["threads"]:
        order = [docs.index(m["file"]) for m in t["mentions"]]
        assert order == sorted(order), t["id"]
        assert {m["event"] for m in t["mentions"]} <= EVENTS, t["id"]
        for m in t["mentions"]:
            assert norm(m["quote"]) in text_of(m["file"]), (t["id"], m["quote"])
        final = t["mentions"][-1]["event"]
        expected = (final if final in ("done", "dropped") else
                    "overdue" if t["deadline"] and t["deadline"] < last else "open")
        assert t["status"] == expected, t["id"]
    for d in gold["decoys"]:
        assert d["file"] in docs and norm(d["quote"]) in text_of(d["file"]), d["quote"]
    mentioned = {norm(m["quote"]) for t in gold["threads"] for m in t["mentions"]}
    assert not mentioned & {norm(d["quote"]) for d in gold["decoys"]}


def test_committed_fodt_is_what_each_source_gives():
    spec = importlib.util.spec_from_file_location("make_samples", SAMPLES / "make_samples.py")
    make_samples = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_samples)
    stale = [s.stem for s in sorted((SAMPLES / "src").glob("*.txt")) if not make_samples.up_to_date(s)]
    assert not stale, f"run samples/make_samples.py for {stale}"


def test_docs_count_the_bundled_samples():
    words = {8: "eight", 9: "nine", 10: "ten", 11: "eleven", 12: "twelve", 13: "thirteen", 14: "fourteen"}
    n = len(list((SAMPLES / "src").glob("*.txt")))
    assert n == len(list((SAMPLES / "pdf").glob("*.pdf"))) == len(list((SAMPLES / "fodt").glob("*.fodt")))
    doc = (SAMPLES.parent / "docs" / "samples.md").read_text(encoding="utf-8")
    assert f"`samples/src/*.txt` are {words.get(n, n)} fictional" in doc
