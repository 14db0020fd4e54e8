"""Warehouse settings: validated once at the edge (flows/settings.py) and passed down."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class WarehouseSettings:
    path: str = field(default="warehouse.duckdb", metadata={"help": "The published DuckDB warehouse file that readers open (writers work in <path>.ingest)."})
    lock_timeout_s: float = field(default=30.0, metadata={"help": "How long a second writer waits for <path>.lock before stopping with 'warehouse busy'."})
    person_match: float = field(default=0.9, metadata={"help": "Minimum same-person score (0..1) to treat a speaker as an already known person across reports."})
    pseudonym_salt: str = field(default="", metadata={"help": "Salt for pseudonyms of private persons ('Bewoner 1a2b'); empty = the warehouse's own random salt."})
    series_overrides: str = field(default="", metadata={"help": "TOML file putting reports into named series when detection gets it wrong: [series] name = [\"file pattern\", ...]; empty = detect only."})
    fts_stemmer: str = field(default="dutch", metadata={"help": "Snowball stemmer of the full-text index over sentences."})
