"""The ONE Settings object: the stage settings plus the run settings, validated once at the edge.

Sources, later wins: defaults < TOML file (`--config FILE`) < `VERSLAGEN_*` environment variables
< command-line options. Names: run settings are top level (`workers`, env `VERSLAGEN_WORKERS`);
stage settings are `<section>.<field>` (`extract.max_pages`, env `VERSLAGEN_EXTRACT_MAX_PAGES`,
TOML `[extract] max_pages = 500`). This is the only module that reads the environment.
"""
from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field, fields, replace
from typing import Any, Mapping

from extract.settings import ExtractSettings
from models.settings import TagSettings
from warehouse.settings import WarehouseSettings

ENV_PREFIX = "VERSLAGEN_"
RETIRED = {"memory_mb": "use memory_budget_mb, one budget in MB for the whole process tree (default 1536)"}


class SettingsError(ValueError):
    """A setting has an unknown name or an invalid value (a usage error: exit 2)."""


@dataclass(frozen=True)
class RunSettings:
    folder: str = field(default="", metadata={"help": "Folder scanned recursively for *.pdf / *.PDF report files."})
    workers: int = field(default=2, metadata={"help": "Files processed in parallel (one sandboxed reader process each)."})
    timeout_s: float = field(default=120.0, metadata={"help": "Wall-clock limit per file in seconds; its reader is killed and the file quarantined (timeout)."})
    memory_budget_mb: int = field(default=1536, metadata={"help": "Memory budget in MB for the whole process tree: the parent's own use is counted, each reader gets an equal share of the rest (RLIMIT_AS on top of what it starts with); a file that exceeds its share is read again alone with the whole budget, then quarantined (too_large). Also applies to annotate, evaluate and debug-page."})
    retries: int = field(default=3, metadata={"help": "Retries (with backoff) of warehouse steps that fail transiently, e.g. a busy warehouse."})
    all_files: bool = field(default=False, metadata={"help": "Ingest every file in the folder, not only *.pdf/*.PDF names (non-PDFs are quarantined as not_a_pdf)."})
    allow_missing: bool = field(default=False, metadata={"help": "Mark reports missing even when the folder looks unmounted: it is empty, a subfolder cannot be read, or more than missing_share_max of the known reports vanished at once (otherwise the run refuses and needs attention)."})
    missing_share_max: float = field(default=0.5, metadata={"help": "Largest share (0..1) of the known reports under the folder that may vanish in one run before the run refuses to mark them missing (see allow_missing)."})
    retry_quarantined: bool = field(default=False, metadata={"help": "Read every quarantined file again, even when its content and the limits that quarantined it are unchanged."})


@dataclass(frozen=True)
class Settings:
    run: RunSettings = field(default_factory=RunSettings)
    extract: ExtractSettings = field(default_factory=ExtractSettings)
    tag: TagSettings = field(default_factory=TagSettings)
    warehouse: WarehouseSettings = field(default_factory=WarehouseSettings)

    def as_dict(self) -> dict[str, Any]:
        """Flat {name: value}; stored with every ingestion run."""
        return {name: getattr(getattr(self, sec), f.name) for name, sec, f in _fields()}


SECTIONS = ("run", "extract", "tag", "warehouse")


def _fields():
    for sec in SECTIONS:
        cls = {f.name: f for f in fields(Settings)}[sec].default_factory
        for f in fields(cls):
            yield (f.name if sec == "run" else f"{sec}.{f.name}"), sec, f


def _env_name(name: str) -> str:
    return ENV_PREFIX + name.replace(".", "_").upper()


def settings_help() -> list[tuple[str, str, Any, str]]:
    """(name, environment variable, default, help) for every setting (README, `verslagen ingest --help`)."""
    return [(name, _env_name(name), f.default, f.metadata.get("help", "")) for name, _, f in _fields()]


def settings_help_text() -> str:
    return "\n".join(f"  {n} (env {e}, default {d!r})\n      {h}" for n, e, d, h in settings_help())


def _convert(name: str, f: dataclasses.Field, value: Any) -> Any:
    kind = type(f.default)
    try:
        if kind is bool:
            if isinstance(value, str):
                low = value.strip().lower()
                if low not in ("1", "0", "true", "false", "yes", "no", "on", "off"):
                    raise ValueError(value)
                return low in ("1", "true", "yes", "on")
            return bool(value)
        if kind is int and isinstance(value, float) and not value.is_integer():
            raise ValueError(value)
        return kind(value)
    except (TypeError, ValueError):
        raise SettingsError(f"setting {name}: expected {kind.__name__}, got {value!r}") from None


def _check(s: Settings) -> Settings:
    r, e = s.run, s.extract
    problems = []
    if r.workers < 1:
        problems.append("workers must be at least 1")
    if r.timeout_s <= 0:
        problems.append("timeout_s must be positive")
    if r.memory_budget_mb < 512:
        problems.append("memory_budget_mb must be at least 512")
    if not 0 <= r.missing_share_max <= 1:
        problems.append("missing_share_max must be between 0 and 1")
    if r.retries < 0:
        problems.append("retries must be 0 or more")
    w = s.warehouse
    if w.query_row_limit < 0 or w.query_threads < 1 or w.query_timeout_s <= 0:
        problems.append("warehouse.query_row_limit must be 0 or more, query_threads at least 1, query_timeout_s positive")
    if e.max_pages < 1 or e.max_file_mb < 1:
        problems.append("extract.max_pages and extract.max_file_mb must be positive")
    if problems:
        raise SettingsError("; ".join(problems))
    return s


def build_settings(values: Mapping[str, Any] | None = None, env: Mapping[str, str] | None = None,
                   toml_path: str | None = None) -> Settings:
    """Validated Settings from a TOML file, the environment (`os.environ` unless given) and explicit values."""
    known = {name: (sec, f) for name, sec, f in _fields()}
    merged: dict[str, Any] = {}
    if toml_path:
        merged.update(_read_toml(toml_path, known))
    env = os.environ if env is None else env
    for name in list(known) + list(RETIRED):
        if _env_name(name) in env:
            merged[name] = env[_env_name(name)]
    for name, value in (values or {}).items():
        if value is not None:
            merged[name] = value
    parts: dict[str, dict[str, Any]] = {sec: {} for sec in SECTIONS}
    for name, value in merged.items():
        if name in RETIRED:
            raise SettingsError(f"setting {name!r} is retired: {RETIRED[name]}")
        if name not in known:
            raise SettingsError(f"unknown setting {name!r}; known: {', '.join(known)}")
        sec, f = known[name]
        parts[sec][f.name] = _convert(name, f, value)
    base = Settings()
    return _check(Settings(**{sec: replace(getattr(base, sec), **parts[sec]) for sec in SECTIONS}))


def _read_toml(path: str, known) -> dict[str, Any]:
    import tomllib

    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise SettingsError(f"cannot read settings file {path}: {e}") from None
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            out.update({f"{key}.{k}": v for k, v in value.items()})
        else:
            out[key] = value
    return out


def to_settings(value: Settings | Mapping[str, Any] | None) -> Settings:
    """Settings from a Settings, a flat dict of names (a deployment's parameters) or None (defaults)."""
    if isinstance(value, Settings):
        return value
    return build_settings(dict(value or {}), env={})


def reader_settings(args) -> WarehouseSettings:
    """The warehouse settings of a read command: environment, then its --warehouse and --[no-]pseudonymise."""
    return build_settings({"warehouse.path": getattr(args, "warehouse", None),
                           "warehouse.pseudonymise": getattr(args, "pseudonymise", None)}).warehouse
