"""Tables fit the terminal, CSV cells are plain, JSON keeps structure, tied rows come out in one order (issue 18)."""
from __future__ import annotations

import csv
import io
import json

import pytest

from flows.cli import main
from flows.cli.output import cell_text, format_table
from flows.pipeline.ingest import archive_extras
from flows.pipeline.settings import to_settings
from warehouse.load import finish_run, load_document, start_run
from warehouse.publish import Writer
from warehouse_fixtures import report_2022, report_2023


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("output") / "w.duckdb")
    with Writer(path, timeout=1) as w:
        run = start_run(w.conn, "archief")
        for doc, ann in (report_2022(), report_2023()):
            load_document(w.conn, doc, ann, run)
        archive_extras(w.conn, to_settings(None))  # what the ingest flow does at the end: concern groups
        finish_run(w.conn, run)
        w.publish()
    return path


@pytest.mark.parametrize("command", ["concerns", "speakers", "documents", "trends", "search schimmel"])
def test_tables_fit_columns(published, capsys, monkeypatch, command):
    monkeypatch.setenv("COLUMNS", "72")
    assert main(command.split() + ["--warehouse", published]) == 0
    out = capsys.readouterr().out
    assert max(len(line) for line in out.splitlines()) <= 72, out


def test_cut_cells_end_in_an_ellipsis_and_wide_cuts_nothing(published, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    assert main(["documents", "--warehouse", published]) == 0
    assert "…" in capsys.readouterr().out
    assert main(["documents", "--warehouse", published, "--wide"]) == 0
    out = capsys.readouterr().out
    assert "…" not in out and "2022-03-03_bewonersavond.pdf" in out


def test_the_widest_column_wraps_whole_words():
    rows = [("a", "een heel lange zin over schimmel in de badkamers van de portiekflats aan de Maasstraat")]
    text = format_table(("k", "tekst"), rows, width=30)
    assert max(len(line) for line in text.splitlines()) <= 30
    assert "Maasstraat" in text and "…" not in text  # wrapped, not cut


def test_csv_cells_hold_no_python_reprs(published, capsys):
    assert main(["concerns", "--warehouse", published, "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert "['" not in out and "{'" not in out
    rows = list(csv.DictReader(io.StringIO(out)))
    assert any("onderhoud" in r["categories"].split("; ") for r in rows)
    assert all(r["recurring"] in ("true", "false") for r in rows)
    assert main(["query", "SELECT true AS yes, false AS no, ['a', 'b'] AS l", "--warehouse", published,
                 "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[1] == "true,false,a; b"


def test_json_keeps_quotes_as_objects(published, capsys):
    assert main(["concerns", "--warehouse", published, "--format", "json"]) == 0
    groups = json.loads(capsys.readouterr().out)["groups"]
    member = groups[0]["members"][0]
    assert {"quote", "file", "page"} <= set(member) and member["page"] == 1
    assert "(" not in member["quote"][-3:] and isinstance(groups[0]["categories"], list)
    assert main(["query", "SELECT quotes FROM v_concern_groups", "--warehouse", published, "--format", "json"]) == 0
    quote = json.loads(capsys.readouterr().out)[0]["quotes"][0]
    assert set(quote) == {"quote", "file", "page"}


def test_cell_text():
    assert cell_text([True, None, 2.5]) == "true; ; 2.5"
    assert cell_text({"quote": "Lek dak.", "file": "a.pdf", "page": 2}) == "Lek dak. (a.pdf, p. 2)"


def test_tied_rows_are_ordered_completely(published, capsys):
    assert main(["concerns", "--warehouse", published, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) > 1
    key = [(r["recurring"] != "true", -int(r["meetings"]), r["first_date"], int(r["group_id"][1:])) for r in rows]
    assert key == sorted(key)  # recurring first, most meetings, earliest, then the group number
