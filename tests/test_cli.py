"""The command line's one "open the warehouse or exit" door: every command that reads the published
warehouse ends with exit 1 and one line when there is none."""
from __future__ import annotations

import pytest

from flows.cli import main

READERS = [["documents"], ["quarantine"], ["trends"], ["concerns"], ["speakers"], ["search", "overlast"],
           ["query", "SELECT 1"], ["schema"], ["export", "--parquet", "OUT"], ["report", "--out", "OUT"]]


@pytest.mark.parametrize("argv", READERS, ids=lambda a: a[0])
def test_a_missing_warehouse_is_one_line_and_exit_1(argv, tmp_path, capsys):
    missing = tmp_path / "nothing.duckdb"
    argv = [str(tmp_path / a) if a == "OUT" else a for a in argv]
    assert main(argv + ["--warehouse", str(missing)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"verslagen {argv[0]}: ") and "ingest" in err
    assert not missing.exists()
