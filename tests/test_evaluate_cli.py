"""`verslagen annotate` and `verslagen evaluate` end to end on a small PDF written in the test."""
import re
import json
import subprocess
import sys

import pytest

from flows.cli import main

GOLD = {
    "meeting": {"date": "2024-04-04", "type": None, "title": None, "organisation": None, "place": None,
                "participants": None},
    "sections": [{"heading": None, "themes": []},
                 {"heading": "Joost Vermeulen, opzichter Woonstichting Kempenland", "themes": ["onderhoud"]},
                 {"heading": "Rondvraag", "themes": ["onderhoud"]}],
    "speakers": [{"name": "Lotte Bosman", "aliases": ["Bosman"], "role": "voorzitter",
                  "organisation": "Bewonerscommissie Lindenhof", "kind": "chair"},
                 {"name": "Joost Vermeulen", "aliases": ["Vermeulen"], "role": "opzichter",
                  "organisation": "Woonstichting Kempenland", "kind": "housing_corporation"}],
    "concerns": [{"quote": "Een bewoonster klaagt over schimmel in de badkamer.", "categories": ["onderhoud"],
                  "kind": "complaint", "raised_by": "tenant"}],
}


def _write_pdf(path):
    from fpdf import FPDF  # ships with ocrmypdf, a dependency

    pdf = FPDF(format="A4")
    pdf.add_page()
    for size, style, text in [
        (18, "B", "Verslag bewonersavond 4 april 2024"),
        (11, "", "Op donderdag 4 april 2024 kwamen 30 bewoners bijeen in buurthuis De Linde. Voorzitter Lotte "
                 "Bosman van Bewonerscommissie Lindenhof leidde de avond."),
        (14, "B", "Joost Vermeulen, opzichter Woonstichting Kempenland"),
        (11, "", "Joost Vermeulen vertelt over de planning. Het dak wordt in juni vervangen. Volgens Vermeulen "
                 "duurt het drie weken."),
        (14, "B", "Rondvraag"),
        (11, "", "Een bewoonster klaagt over schimmel in de badkamer. Bosman antwoordt dat de commissie dit meeneemt."),
    ]:
        pdf.set_font("Helvetica", style, size)
        pdf.multi_cell(0, size * 0.6, text)
        pdf.ln(4)
    pdf.output(str(path))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("corpus")
    _write_pdf(d / "2024-04-04_bewonersavond.pdf")
    (d / "2024-04-04_bewonersavond.gold.json").write_text(json.dumps(GOLD), encoding="utf-8")
    return d


def test_annotate_prints_gold_json(corpus, capsys):
    assert main(["annotate", str(corpus / "2024-04-04_bewonersavond.pdf")]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["file"] == "2024-04-04_bewonersavond.pdf"
    assert {s["name"]: s["kind"] for s in out["speakers"]} == {"Lotte Bosman": "chair",
                                                               "Joost Vermeulen": "housing_corporation"}
    assert out["sections"][0]["heading"] is None
    assert re.fullmatch(r"speakers\.rules\.v1\+[0-9a-f]{8}", out["versions"]["speakers"])


def test_evaluate_prints_model_beside_baseline(corpus, tmp_path, capsys):
    out_json = tmp_path / "scores.json"
    assert main(["evaluate", str(corpus), "--json", str(out_json), "--predictions", str(tmp_path / "pred")]) == 0
    table = capsys.readouterr().out
    assert "baseline" in table and "2024-04-04_bewonersavond" in table
    scores = json.loads(out_json.read_text())
    assert scores["total"]["speakers"]["f1"] == 1.0 and scores["total"]["speakers_full"]["f1"] == 1.0
    # the baseline sees only the name in a heading, without kind, role or organisation
    assert scores["baseline"]["total"]["speakers"] == {"precision": 1.0, "recall": 0.5, "f1": 0.667}
    assert scores["baseline"]["total"]["speakers_full"]["f1"] == 0.0
    assert (tmp_path / "pred" / "2024-04-04_bewonersavond.json").exists()


def test_evaluate_with_gold_in_another_folder_per_genre(corpus, tmp_path, capsys):
    gold = tmp_path / "gold"
    gold.mkdir()
    typed = dict(GOLD, meeting=dict(GOLD["meeting"], type="bewonersavond"))
    (gold / "2024-04-04_bewonersavond.gold.json").write_text(json.dumps(typed), encoding="utf-8")
    pdfs = tmp_path / "pdf"
    pdfs.mkdir()
    (pdfs / "2024-04-04_bewonersavond.pdf").write_bytes((corpus / "2024-04-04_bewonersavond.pdf").read_bytes())
    out_json = tmp_path / "scores.json"
    assert main(["evaluate", str(pdfs), "--gold", str(gold), "--json", str(out_json)]) == 0
    table = capsys.readouterr().out
    assert "by genre" in table and "bewonersavond" in table and "rules" in table
    scores = json.loads(out_json.read_text())
    assert scores["genres"]["bewonersavond"]["model"]["concerns"]["recall"] == 1.0
    assert scores["rules"]["total"]["concerns"] and scores["genre_of"] == {"2024-04-04_bewonersavond": "bewonersavond"}
    assert main(["evaluate", str(pdfs), "--gold", str(tmp_path / "nowhere")]) == 2


@pytest.mark.slow
def test_evaluate_leave_one_document_out(corpus, tmp_path, capsys):
    out_json = tmp_path / "scores.json"
    assert main(["evaluate", str(corpus), "--lodo", "--json", str(out_json)]) == 0
    assert "lodo" in capsys.readouterr().out
    lodo = json.loads(out_json.read_text())["lodo"]
    assert set(lodo["documents"]) == {"2024-04-04_bewonersavond"} and "concerns" in lodo["total"]


def test_evaluate_without_gold_files_says_so(tmp_path, capsys):
    assert main(["evaluate", str(tmp_path)]) == 1
    assert "no NAME.pdf" in capsys.readouterr().err


@pytest.mark.slow
def test_annotate_imports_no_prefect(corpus):
    code = ("import sys; from flows.cli import main; rc = main(['annotate', sys.argv[1]]); "
            "sys.exit(3 if 'prefect' in sys.modules else rc)")
    r = subprocess.run([sys.executable, "-c", code, str(corpus / "2024-04-04_bewonersavond.pdf")],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    assert json.loads(r.stdout)["speakers"]
