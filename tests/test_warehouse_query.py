"""The SQL users' surface: read-only queries, saved queries, pseudonyms, schema, Parquet export, CLI."""
import json
from dataclasses import replace

import duckdb
import pytest

from flows.cli import main
from warehouse import db
from warehouse.export import export_parquet
from warehouse.load import finish_run, load_document, quarantine_file, start_run
from warehouse.persons import pseudonym, pseudonymiser
from warehouse.publish import Writer
from warehouse.query import QueryRefused, run_query, saved_queries
from warehouse.schema_docs import schema_rows
from warehouse_fixtures import report_2022, report_2023


@pytest.fixture(scope="module")
def conn():
    """Shared by the module: the tests only read (the refusal tests check nothing changed)."""
    c = db.open_warehouse()
    run = start_run(c, "archief")
    for doc, ann in (report_2022(), report_2023()):
        load_document(c, doc, ann, run)
    finish_run(c, run)
    yield c
    c.close()


@pytest.fixture
def published(tmp_path):
    """A published warehouse file with two reports and one quarantined file."""
    path = str(tmp_path / "w.duckdb")
    with Writer(path, timeout=1) as w:
        run = start_run(w.conn, "archief")
        for doc, ann in (report_2022(), report_2023()):
            load_document(w.conn, doc, ann, run)
        quarantine_file(w.conn, run, "archief/kapot.pdf", "ab" * 32, "corrupt", "no xref table")
        finish_run(w.conn, run)
        w.publish()
    return path


def test_select_with_named_parameters(conn):
    r = run_query(conn, "SELECT title, year FROM v_documents WHERE year = $year", {"year": 2023})
    assert r.columns == ("title", "year") and r.rows == [("Bewonersavond", 2023)]


@pytest.mark.parametrize("sql", ["DELETE FROM documents", "INSERT INTO stopwords VALUES ('x')", "DROP VIEW v_documents",
                                 "UPDATE persons SET private = false", "CREATE TABLE x (a INT)",
                                 "COPY documents TO '/tmp/x.csv'", "ATTACH ':memory:' AS other"])
def test_statements_that_write_are_refused(conn, sql):
    before = conn.execute("SELECT count(*) FROM documents").fetchone()
    with pytest.raises(QueryRefused, match="refused"):
        run_query(conn, sql)
    assert conn.execute("SELECT count(*) FROM documents").fetchone() == before


def test_two_statements_and_missing_parameters_are_refused(conn):
    with pytest.raises(QueryRefused, match="exactly one statement"):
        run_query(conn, "SELECT 1; SELECT 2")
    with pytest.raises(QueryRefused, match="--param year=VALUE"):
        run_query(conn, "SELECT * FROM v_documents WHERE year = $year")


def test_every_saved_query_runs(conn):
    queries = saved_queries()
    assert {"documents", "quarantine", "runs", "recurring_concerns", "theme_history", "person_history"} <= set(queries)
    samples = {"theme": "onderhoud", "name": "Pieters", "year": 2022, "words": "schimmel", "q": "schimmel"}
    for q in queries.values():
        assert q.description, q.name
        run_query(conn, q.sql, {p: samples.get(p, "x") for p in q.parameters})
    history = run_query(conn, queries["person_history"].sql, {"name": "Pieterse"})
    assert [r[1] for r in history.rows] == ["Anna Pietersen", "Anna Pietersen"]


def test_pseudonyms_are_stable_and_salted():
    assert pseudonym("Anna Pietersen", "s1") == pseudonym("anna  pietersen", "s1")
    assert pseudonym("Anna Pietersen", "s1") != pseudonym("Anna Pietersen", "s2")
    assert pseudonym("Anna Pietersen", "s1").startswith("Bewoner ")


def test_pseudonymise_rewrites_every_spelling_of_private_persons_only(conn):
    rows = run_query(conn, "SELECT speaker, text FROM v_sentences ORDER BY meeting_date, idx").rows
    out = pseudonymiser(conn, salt="s")(rows)
    alias = pseudonym("Anna Pietersen", "s")
    assert out[1] == (alias, f"{alias} klaagt over schimmel in de woningen aan de Dijkstraat.")  # "Mevrouw Pietersen"
    assert out[5][0] == alias  # misspelt "Anna Pieterse" in 2023 is the same pseudonym
    assert out[0][0] == "Karel Smit"  # not a private person
    assert "Pieters" not in json.dumps(out, default=str)


def test_schema_describes_every_column(conn):
    rows = schema_rows(conn)
    assert all(desc for *_, desc in rows)
    assert ("v_sentences", "view", "themes") in {r[:3] for r in rows}
    assert rows[0][1] == "view"  # views first: the stable surface


def test_parquet_export_partitions_by_year_and_pseudonymises(conn, tmp_path):
    done = {e.name: e for e in export_parquet(conn, str(tmp_path / "pq"))}
    assert {"documents", "v_sentences", "v_concerns", "ingestion_runs", "stopwords"} <= set(done)
    assert "warehouse_meta" not in done  # the salt stays home
    assert sorted(p.name for p in (tmp_path / "pq" / "v_sentences").iterdir()) == ["year=2022", "year=2023"]
    read = duckdb.connect()
    n = read.execute(f"SELECT count(*) FROM read_parquet('{tmp_path}/pq/v_sentences/*/*.parquet', hive_partitioning=1)"
                     ).fetchone()[0]
    assert n == done["v_sentences"].rows == 6
    texts = read.execute(f"SELECT string_agg(text, ' ') FROM read_parquet('{tmp_path}/pq/sentences/*/*.parquet')"
                         ).fetchone()[0]
    assert "Pietersen" not in texts and "Bewoner " in texts
    assert read.execute(f"SELECT count(*) FROM '{tmp_path}/pq/stopwords.parquet'").fetchone()[0] > 100
    raw = export_parquet(conn, str(tmp_path / "raw"), pseudonymise=False)
    assert {e.name: e.rows for e in raw} == {e.name: e.rows for e in done.values()}


def test_cli_documents_and_quarantine(published, capsys):
    assert main(["documents", "--warehouse", published]) == 0
    out = capsys.readouterr().out
    assert "2022-03-03" in out and "(2 rows)" in out
    assert main(["quarantine", "--warehouse", published, "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out)[0]["reason"] == "corrupt"
    assert main(["documents", "--warehouse", published + ".nope"]) == 1


def test_cli_query(published, capsys, tmp_path):
    assert main(["query", "SELECT count(*) AS n FROM v_sentences", "--warehouse", published, "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == ["n", "6"]
    assert main(["query", "DELETE FROM documents", "--warehouse", published]) == 2
    assert "refused" in capsys.readouterr().err
    assert main(["query", "--list"]) == 0
    assert "theme_history" in capsys.readouterr().out
    assert main(["query", "theme_history", "--param", "theme=betaalbaarheid", "--pseudonymise",
                 "--warehouse", published, "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 1 and rows[0]["speaker"].startswith("Bewoner ")
    out = tmp_path / "x.parquet"
    assert main(["query", "--saved", "documents", "--warehouse", published, "--format", "parquet",
                 "--output", str(out)]) == 0
    assert duckdb.connect().execute(f"SELECT count(*) FROM '{out}'").fetchone()[0] == 2
    assert main(["query", "--saved", "nope", "--warehouse", published]) == 2


def test_cli_schema_and_export(published, capsys, tmp_path):
    assert main(["schema", "v_concerns", "--warehouse", published]) == 0
    assert "cluster_size" in capsys.readouterr().out
    assert main(["schema", "--markdown", "--warehouse", published]) == 0
    assert "### `v_theme_trends` (view)" in capsys.readouterr().out
    assert main(["export", "--parquet", str(tmp_path / "pq"), "--warehouse", published]) == 0
    assert (tmp_path / "pq" / "v_concerns" / "year=2023").is_dir()


def test_pseudonymise_covers_how_the_text_names_a_private_person():
    from extract.document import Span
    from warehouse_fixtures import make_ann, make_doc, speaker

    c = db.open_warehouse()
    doc = make_doc("archief/lift.pdf", "2024-02-02", ["Anna vraagt of de lift snel wordt gerepareerd."])
    s = doc.sentences[0]
    anna = replace(speaker("Anna Jansen", "tenant", private=True),
                   mentions=(Span(doc.doc_id, 1, s.start, s.start + 4, "Anna"),))
    load_document(c, doc, make_ann(doc, [anna], {0: "anna jansen"}, {}), "r")
    rows = pseudonymiser(c, salt="s")(run_query(c, "SELECT text FROM v_sentences").rows)
    assert rows == [(f"{pseudonym('Anna Jansen', 's')} vraagt of de lift snel wordt gerepareerd.",)]
