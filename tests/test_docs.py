"""Every CLI command has --help and a README entry; every setting is documented in the README."""
from __future__ import annotations

from pathlib import Path

import pytest

from flows.cli import COMMANDS, main
from flows.pipeline.settings import settings_help

README = Path(__file__).resolve().parents[1] / "README.md"


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_command_has_help(command, capsys):
    assert main([command, "--help"]) == 0
    assert "usage: verslagen " + command in capsys.readouterr().out


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_command_in_readme(command):
    assert f"verslagen {command}" in README.read_text(encoding="utf-8")


def test_every_setting_in_readme():
    text = README.read_text(encoding="utf-8")
    missing = [name for name, *_ in settings_help() if f"`{name}`" not in text]
    assert not missing, f"settings without a README entry (write them as `name`): {missing}"
