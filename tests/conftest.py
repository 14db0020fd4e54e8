"""Shared pytest setup: library versions in the header and the `--regenerate-goldens` switch."""
from __future__ import annotations

from importlib import metadata

import pytest


def pytest_addoption(parser):
    parser.addoption("--regenerate-goldens", action="store_true", default=False,
                     help="rewrite tests/golden/*.txt from the current extraction instead of comparing with them")


def pytest_report_header(config):
    names = ("pdfplumber", "pdfminer.six", "pypdfium2", "pikepdf", "spacy", "duckdb", "prefect", "scikit-learn")
    versions = []
    for name in names:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} -")
    return "libraries: " + ", ".join(versions)


@pytest.fixture
def regenerate_goldens(request) -> bool:
    return bool(request.config.getoption("--regenerate-goldens"))
