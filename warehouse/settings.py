"""Warehouse settings: validated once at the edge (flows/pipeline/settings.py) and passed down."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class WarehouseSettings:
    path: str = field(default="warehouse.duckdb", metadata={"help": "The published DuckDB warehouse file that readers open (writers work in <path>.ingest)."})
    lock_timeout_s: float = field(default=30.0, metadata={"help": "How long a second writer waits for <path>.lock before stopping with 'warehouse busy'."})
    person_match: float = field(default=0.9, metadata={"help": "Minimum same-person score (0..1) to treat a speaker as an already known person across reports."})
    pseudonym_salt: str = field(default="", metadata={"help": "Salt (the key of the keyed hash) for pseudonyms of private persons ('Bewoner k3xq7abm'); empty = the warehouse's own random salt."})
    pseudonymise: bool = field(default=False, metadata={"help": "Read commands (query, export, report, concerns, commitments, series, search, speakers, trends) see only the pseudonymised copy of the warehouse: private persons' names replaced everywhere (--pseudonymise / --no-pseudonymise for one command)."})
    queries_dir: str = field(default="~/.config/verslagen/queries", metadata={"help": "Folder of your own saved queries (NAME.sql, first comment lines describe them), listed by `verslagen query --list` beside the shipped ones."})
    query_row_limit: int = field(default=10000, metadata={"help": "Rows `verslagen query` prints at most (--limit N raises it; 0 = no limit); a message says when the limit cut the output."})
    query_timeout_s: float = field(default=60.0, metadata={"help": "Seconds a `verslagen query` statement may run before it is interrupted."})
    query_memory_limit: str = field(default="512MB", metadata={"help": "DuckDB memory_limit of a reader's connection (query, saved queries); beyond it a query stops with 'out of memory'."})
    query_threads: int = field(default=2, metadata={"help": "DuckDB threads of a reader's connection."})
    series_overrides: str = field(default="", metadata={"help": "TOML file putting reports into named series when detection gets it wrong: [series] name = [\"file pattern\", ...]; empty = detect only."})
    fts_stemmer: str = field(default="dutch", metadata={"help": "Snowball stemmer of the full-text index over sentences."})
