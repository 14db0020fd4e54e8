"""The README and --help tell a new user what they need (issue 18): next step after `make run`, the DuckDB CLI,
telemetry settings, theme keys and meeting types, examples in every command's help, --version."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from extract.metadata import TYPES
from flows.cli import COMMANDS, main
from models.themes import load_taxonomy

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_theme_keys_and_meeting_types_are_in_the_readme():
    missing = [t.key for t in load_taxonomy("taxonomy.v1").themes if f"`{t.key}`" not in README]
    missing += [k for k, _ in TYPES if f"`{k}`" not in README]
    assert not missing, missing


def test_themes_command_lists_them(capsys):
    assert main(["themes", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert "theme,overlast,Overlast" in out and "meeting_type,bewonersavond,bewonersavond" in out
    assert "speaker_kind,housing_corporation,woningcorporatie" in out


def test_readme_set_up_steps():
    assert ".venv/bin/verslagen" in README and "source .venv/bin/activate" in README
    assert "duckdb -readonly warehouse.duckdb" in README and "(READ_ONLY)" in README and "DETACH" in README
    recipe = README.split("## The nightly service")[1].split("```")[1]
    assert "DO_NOT_TRACK=1" in recipe and "PREFECT_SERVER_ANALYTICS_ENABLED=false" in recipe
    run = (ROOT / "Makefile").read_text(encoding="utf-8").split("\nrun:")[1].split("\n\n")[0]
    assert re.search(r"@echo .*Next: \$\(BIN\)/verslagen", run)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_help_has_examples(command, capsys):
    assert main([command, "--help"]) == 0
    help_text = capsys.readouterr().out
    assert "examples:" in help_text and f"verslagen {command}" in help_text.split("examples:")[1]


def test_version(capsys):
    with pytest.raises(SystemExit) as stop:
        from flows.cli import build_parser
        build_parser().parse_args(["--version"])
    assert stop.value.code == 0
    assert re.match(r"verslagen \S+", capsys.readouterr().out)
    assert main(["--version"]) == 0
