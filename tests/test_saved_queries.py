"""Saved queries from a user folder beside the shipped ones (issue 18)."""
from __future__ import annotations

import json

from flows.cli import main
from warehouse.saved_queries import all_saved_queries
from test_output import published  # noqa: F401  (the module fixture)


def test_user_folder_queries_are_listed_and_run(published, tmp_path, capsys, monkeypatch):  # noqa: F811
    folder = tmp_path / "mijn-queries"
    folder.mkdir()
    (folder / "per_jaar.sql").write_text("-- Reports per year.\nSELECT year, count(*) AS n FROM v_documents "
                                         "WHERE year >= $from GROUP BY year ORDER BY year;\n", encoding="utf-8")
    monkeypatch.setenv("VERSLAGEN_WAREHOUSE_QUERIES_DIR", str(folder))
    assert main(["query", "--list", "--format", "json"]) == 0
    listed = {r["name"]: r for r in json.loads(capsys.readouterr().out)}
    assert listed["per_jaar"]["parameters"] == "from" and listed["per_jaar"]["from"] == str(folder)
    assert listed["documents"]["from"] == "shipped"
    assert main(["query", "per_jaar", "--param", "from=2023", "--warehouse", published, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"year": 2023, "n": 1}]
    monkeypatch.delenv("VERSLAGEN_WAREHOUSE_QUERIES_DIR")
    assert main(["query", "per_jaar", "--queries-dir", str(folder), "--param", "from=2022", "--warehouse", published,
                 "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == ["2022,1", "2023,1"]


def test_a_missing_user_folder_is_no_error(tmp_path):
    assert "documents" in all_saved_queries(str(tmp_path / "none"))
