"""The one Settings object: defaults, TOML < environment < explicit values, validation, help for every field."""
from __future__ import annotations

import pytest

from flows.pipeline.settings import Settings, SettingsError, build_settings, settings_help, to_settings


def test_defaults_and_help_for_every_field():
    s = build_settings(env={})
    assert s == Settings() and s.run.workers == 2
    rows = settings_help()
    assert {"workers", "timeout_s", "memory_budget_mb", "extract.max_pages", "tag.taxonomy", "warehouse.path"} <= {r[0] for r in rows}
    assert all(help_ for _, _, _, help_ in rows), "every setting needs help text"
    assert ("extract.max_pages", "VERSLAGEN_EXTRACT_MAX_PAGES") in {(r[0], r[1]) for r in rows}


def test_precedence_toml_env_values(tmp_path):
    toml = tmp_path / "s.toml"
    toml.write_text("workers = 3\ntimeout_s = 9\n[extract]\nmax_pages = 50\nocr = false\n")
    s = build_settings({"workers": "4"}, env={"VERSLAGEN_TIMEOUT_S": "7.5", "VERSLAGEN_WORKERS": "1"}, toml_path=str(toml))
    assert (s.run.workers, s.run.timeout_s, s.extract.max_pages, s.extract.ocr) == (4, 7.5, 50, False)


@pytest.mark.parametrize("values", [{"workers": "0"}, {"workers": "two"}, {"nonsense": 1}, {"extract.ocr": "maybe"},
                                    {"memory_budget_mb": 10}, {"memory_mb": 2048}])
def test_invalid_values_are_refused(values):
    with pytest.raises(SettingsError):
        build_settings(values, env={})


def test_round_trip_through_a_flat_dict():
    s = build_settings({"workers": 1, "warehouse.path": "/tmp/x.duckdb", "tag.taxonomy": "taxonomy.v1"}, env={})
    assert to_settings(s.as_dict()) == s


def test_cli_refuses_bad_settings_with_exit_2(tmp_path, capsys, monkeypatch):
    from flows.cli import main

    assert main(["ingest", str(tmp_path), "--set", "workers=0"]) == 2
    assert "workers must be at least 1" in capsys.readouterr().err
    monkeypatch.setenv("VERSLAGEN_EXTRACT_MAX_PAGES", "veel")
    assert main(["ingest", str(tmp_path)]) == 2
    assert "extract.max_pages" in capsys.readouterr().err
    assert main(["ingest", str(tmp_path / "nope")]) == 2
