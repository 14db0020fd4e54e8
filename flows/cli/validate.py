"""Usage checks of the reader commands' arguments against what the warehouse knows (exit 2 with the valid values)."""
from __future__ import annotations

from flows.pipeline.errors import UsageError, unknown_value


def theme_keys(conn) -> set[str]:
    """Theme keys of the shipped taxonomy and every theme tagged in the warehouse (a user's own taxonomy)."""
    from models.themes import load_taxonomy

    keys = {t.key for t in load_taxonomy("taxonomy.v1").themes}
    keys |= {r[0] for r in conn.execute("SELECT DISTINCT theme FROM sentence_themes").fetchall()}
    return keys


def check_question(args, conn) -> None:
    """UsageError for an empty search, an unknown theme/category or speaker kind."""
    from models.annotations import SPEAKER_KINDS

    if args.question == "search" and not (args.words or "").strip():
        raise UsageError('give words to search for, e.g. verslagen search "overlast trappenhuis"')
    if getattr(args, "limit", 1) is not None and getattr(args, "limit", 1) < 1:
        raise UsageError("--limit must be 1 or more")
    for option in ("theme", "category"):
        value = getattr(args, option, None)
        if value is not None and value not in theme_keys(conn):
            raise unknown_value(f"theme (--{option})", value, theme_keys(conn))
    kind = getattr(args, "kind", None)
    if kind is not None and kind not in SPEAKER_KINDS:
        raise unknown_value("speaker kind (--kind)", kind, SPEAKER_KINDS)
