"""`verslagen themes`: the keys a user types (theme keys, meeting types, speaker and concern kinds)."""
from __future__ import annotations


def add_parsers(sub) -> None:
    from flows.cli import add_format_arg

    p = sub.add_parser("themes", help="List the theme keys, meeting types, speaker kinds and concern kinds",
                       description="The values that --theme, --category and --kind take and that the warehouse's "
                                   "themes, meeting_type, speaker_kind and kind columns hold, with their Dutch labels.")
    p.add_argument("--taxonomy", default=None, metavar="NAME|PATH",
                   help="theme taxonomy to list (default: the tag.taxonomy setting, taxonomy.v1)")
    p.add_argument("--config", default=None, metavar="FILE", help="settings file (TOML)")
    add_format_arg(p)
    p.set_defaults(run=run)


def vocabulary_rows(taxonomy_name: str) -> list[tuple[str, str, str]]:
    """(list, key, Dutch label) for themes, meeting types, speaker kinds and concern kinds."""
    from extract.metadata import TYPES
    from models.annotations import CONCERN_KINDS, SPEAKER_KINDS
    from models.themes import load_taxonomy
    from warehouse.labels import CONCERN_KINDS_NL, SPEAKER_KINDS_NL, VOICES_NL

    rows = [("theme", t.key, t.label) for t in load_taxonomy(taxonomy_name).themes]
    rows += [("meeting_type", key, key) for key, _ in TYPES]
    rows += [("speaker_kind", k, SPEAKER_KINDS_NL.get(k, k)) for k in SPEAKER_KINDS]
    rows += [("raised_by", k, v) for k, v in VOICES_NL.items()]
    rows += [("concern_kind", k, CONCERN_KINDS_NL.get(k, k)) for k in CONCERN_KINDS]
    return rows


def run(args) -> int:
    from flows.cli.output import print_rows
    from flows.pipeline.settings import build_settings

    settings = build_settings({"tag.taxonomy": args.taxonomy}, toml_path=args.config)
    print_rows(("list", "key", "label"), vocabulary_rows(settings.tag.taxonomy), args.format)
    return 0
