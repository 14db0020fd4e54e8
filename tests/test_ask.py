"""The council's questions (trends, concerns, speakers, search) and the HTML report, on a real warehouse file."""
import json

import pytest

from flows.cli import main
from warehouse import ask
from warehouse.load import finish_run, load_archive_extras, load_document, start_run
from warehouse.series_store import rebuild_series
from warehouse.publish import Writer, open_reader
from warehouse_fixtures import report_2022, report_2023


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("ask") / "w.duckdb")
    with Writer(path, timeout=1) as w:
        run = start_run(w.conn, "archief")
        for doc, ann in (report_2022(), report_2023()):
            load_document(w.conn, doc, ann, run)
        load_archive_extras(w.conn, [], rebuild_series(w.conn).clusters)  # what the ingest flow does at the end
        finish_run(w.conn, run)
        w.publish()
    return path


@pytest.fixture
def conn(published):
    c = open_reader(published)
    yield c
    c.close()


def test_trends_per_year_with_trend_mark(conn):
    cols, rows = ask.theme_trends(conn)
    by = {(r[0], r[1]): dict(zip(cols, r)) for r in rows}
    assert by[(2022, "onderhoud")]["sentences"] == 2 and by[(2022, "onderhoud")]["share"] == pytest.approx(2 / 3, abs=1e-3)
    assert by[(2023, "onderhoud")]["trend"] == "falling"  # 2/3 of the sentences in 2022, 1/3 in 2023
    assert {r[1] for r in ask.theme_trends(conn, theme="betaalbaarheid")[1]} == {"betaalbaarheid"}


def test_concerns_with_examples_and_filters(conn):
    cols, rows = ask.recurring_concerns(conn)
    assert len(rows) == 2  # schimmel aan de Dijkstraat in 2022 and again in 2023 is one concern group
    assert dict(zip(cols, rows[0]))["meetings"] == 2
    example = dict(zip(cols, rows[0]))["examples"][0]
    assert example["file"].endswith("_bewonersavond.pdf") and example["page"] == 1 and "schimmel" in example["quote"]
    assert all(r[5].year >= 2023 for r in ask.recurring_concerns(conn, since=2023)[1])
    assert [r[1] for r in ask.recurring_concerns(conn, category="betaalbaarheid")[1]] == [["betaalbaarheid"]]
    assert ask.recurring_concerns(conn, min_meetings=3)[1] == []


def test_speakers_across_reports(conn):
    cols, rows = ask.speakers(conn, name="smit")
    row = dict(zip(cols, rows[0]))
    assert row["name"] == "Karel Smit" and row["meetings"] == 2


def test_search_is_dutch_stemmed(conn):
    cols, rows = ask.search(conn, "woning")  # the text says "woningen"
    assert any("schimmel in de woningen" in r[-1] for r in rows)
    assert all(r[1].year == 2023 for r in ask.search(conn, "woning", year=2023)[1])


def test_commands_print_rows_in_every_format(published, capsys):
    for fmt in ("table", "csv", "json"):
        assert main(["concerns", "--warehouse", published, "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert "schimmel" in out and '"categories"' in out
    assert main(["search", "schimmel", "--warehouse", published, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["text"].count("schimmel") == 1


def test_pseudonymise_hides_private_names_only(published, capsys):
    assert main(["speakers", "--warehouse", published, "--pseudonymise", "--format", "json"]) == 0
    names = {r["name"] for r in json.loads(capsys.readouterr().out)}
    assert "Karel Smit" in names and not any("Pieters" in n for n in names)


def test_missing_warehouse_needs_attention(tmp_path, capsys):
    assert main(["trends", "--warehouse", str(tmp_path / "none.duckdb")]) == 1
