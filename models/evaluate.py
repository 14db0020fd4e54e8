"""Pure metric functions: predictions (gold-format dicts, what `verslagen annotate` prints) vs gold.

The rules and figures are those of the corpus's reference scorer (../shared/tools/score_gold.py,
rules in ../shared/corpus/README.md); tests/test_evaluate.py pins them with hand-computed cases.
Nothing here reads files: `score_doc(pred, gold)` per document, `summarise(docs)` micro-averages.
"""
from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

_TITLES = r"^(mevrouw|mevr\.?|mw\.?|meneer|mr\.?|dhr\.?|de heer|heer|wethouder|burgemeester|voorzitter)\s+"
_STOP = {"de", "van", "het", "en", "der", "den"}


def norm(s) -> str:
    s = unicodedata.normalize("NFKC", str(s or "")).replace("\u00ad", "").casefold()
    s = re.sub(r"[‘’´`']", "'", s)
    s = re.sub(r"[“”„\"]", '"', s)
    s = re.sub(r"[-‐‑–—]", "-", s)
    return re.sub(r"\s+", " ", s).strip()


def norm_key(s) -> str:
    return re.sub(r"[^\w]+", " ", norm(s)).strip()


def norm_name(s) -> str:
    return re.sub(_TITLES, "", norm_key(s))


def words(s) -> set[str]:
    return set(norm_key(s).split()) - _STOP


def close(pred, gold) -> bool:
    """Word overlap: at least half of the shorter one's words (an empty gold agrees with anything)."""
    p, g = words(pred), words(gold)
    if not g:
        return True
    return bool(p) and len(p & g) / min(len(p), len(g)) >= 0.5


def prf(tp_p: int, n_pred: int, tp_r: int, n_gold: int) -> dict:
    p = tp_p / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = tp_r / n_gold if n_gold else 1.0
    return {"precision": round(p, 3), "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def person_names(p: dict) -> set[str]:
    return {norm_name(n) for n in [p.get("name")] + list(p.get("aliases") or []) if n and norm_name(n)}


def score_meeting(pred: dict, gold: dict) -> dict:
    exact = ("date", "type", "participants")
    return {k: (norm_key(pred.get(k)) == norm_key(g) if k in exact else close(pred.get(k), g))
            for k, g in gold.items() if g is not None}


def score_speakers(pred: list, gold: list) -> dict:
    """One-to-one by shared name/alias; a prediction hitting two gold people, or one already taken, is wrong."""
    gnames = [person_names(g) for g in gold]
    taken, tp, full = {}, 0, 0
    for p in pred:
        hits = [i for i, ns in enumerate(gnames) if ns & person_names(p)]
        if len(hits) == 1 and hits[0] not in taken:
            g = gold[hits[0]]
            taken[hits[0]] = p.get("name")
            tp += 1
            full += (p.get("kind") == g.get("kind") and close(p.get("role"), g.get("role"))
                     and close(p.get("organisation"), g.get("organisation")))
    return {"tp": tp, "tp_full": full, "n_pred": len(pred), "n_gold": len(gold),
            "missed": [gold[i]["name"] for i in range(len(gold)) if i not in taken],
            "extra": [p.get("name") for p in pred if not any(person_names(p) & n for n in gnames)]}


def match_section(heading, gold_sections: list, used: set) -> int | None:
    h = norm_key(heading)
    best, best_r = None, 0.0
    for i, g in enumerate(gold_sections):
        if i in used:
            continue
        gh = norm_key(g.get("heading"))
        r = 1.0 if h == gh else (SequenceMatcher(None, h, gh).ratio() if h and gh else 0.0)
        if r > best_r:
            best, best_r = i, r
    return best if best_r >= 0.8 else None


def score_themes(pred_sections: list, gold_sections: list) -> dict:
    used, tp_p, n_pred, tp_r = set(), 0, 0, 0
    n_gold = sum(len(g.get("themes") or []) for g in gold_sections)
    for s in pred_sections:
        themes = set(s.get("themes") or [])
        n_pred += len(themes)
        i = match_section(s.get("heading"), gold_sections, used)
        if i is None:
            continue
        used.add(i)
        g = gold_sections[i]
        tp_p += len(themes & (set(g.get("themes") or []) | set(g.get("also") or [])))
        tp_r += len(themes & set(g.get("themes") or []))
    return {"tp_p": tp_p, "n_pred": n_pred, "tp_r": tp_r, "n_gold": n_gold,
            "sections_matched": len(used), "sections_gold": len(gold_sections)}


def covers(pred_quote, gold_quote) -> bool:
    p, g = norm(pred_quote), norm(gold_quote)
    if not p or not g:
        return False
    return g in p or (p in g and len(p) >= 0.6 * len(g))


def raised_by_class(value, gold_people: list) -> str:
    v = norm_name(value)
    if v in ("tenant", "floor"):
        return "anonymous_tenant"
    for p in gold_people:
        if v and v in person_names(p):
            return "person:" + norm_name(p["name"])
    return v


def _quote(o) -> str:
    return o["quote"] if isinstance(o, dict) else o


def score_concerns(pred: list, gold: dict) -> dict:
    people = gold.get("speakers") or []
    gc = gold.get("concerns") or []
    ignore, wrong = gold.get("optional_concerns") or [], gold.get("not_tenant_concerns") or []
    taken, tp, fp, officials, cat_ok, by_ok, by_strict, misses_by = set(), 0, 0, 0, 0, 0, 0, []
    extra = []
    for p in pred:
        q = p.get("quote", "")
        hit = next((i for i, g in enumerate(gc) if i not in taken and covers(q, g["quote"])), None)
        if hit is None:
            if any(covers(q, _quote(o)) for o in ignore):
                continue
            fp += 1
            officials += any(covers(q, _quote(o)) for o in wrong)
            extra.append(q[:70])
            continue
        taken.add(hit)
        g = gc[hit]
        tp += 1
        cat_ok += bool(set(p.get("categories") or []) & set(g.get("categories") or []))
        same = raised_by_class(p.get("raised_by"), people) == raised_by_class(g.get("raised_by"), people)
        by_ok += same
        by_strict += norm_name(p.get("raised_by")) == norm_name(g.get("raised_by"))
        if not same:
            misses_by.append(f"{g.get('raised_by')} <- {p.get('raised_by')}")
    return {"tp": tp, "n_pred": tp + fp, "n_gold": len(gc), "officials_as_tenants": officials,
            "category_agree": cat_ok, "raised_by_agree": by_ok, "raised_by_strict": by_strict,
            "missed": [g["quote"][:70] for i, g in enumerate(gc) if i not in taken],
            "raised_by_wrong": misses_by, "extra": extra}


def score_commitments(pred: list, gold: list) -> dict:
    taken, tp = set(), 0
    for p in pred:
        hit = next((i for i, g in enumerate(gold) if i not in taken and covers(p.get("quote", ""), g["quote"])), None)
        if hit is not None:
            taken.add(hit)
            tp += 1
    return {"tp": tp, "n_pred": len(pred), "n_gold": len(gold)}


def score_doc(pred: dict, gold: dict) -> dict:
    out = {"meeting": score_meeting(pred.get("meeting") or {}, gold.get("meeting") or {}),
           "speakers": score_speakers(pred.get("speakers") or [], gold.get("speakers") or []),
           "themes": score_themes(pred.get("sections") or [], gold.get("sections") or []),
           "concerns": score_concerns(pred.get("concerns") or [], gold)}
    if gold.get("commitments") is not None:
        out["commitments"] = score_commitments(pred.get("commitments") or [], gold["commitments"])
    return out


def summarise(docs: dict) -> dict:
    """Micro-averaged totals over documents (the reference scorer's `total`)."""
    def s(part, key):
        return sum(d[part][key] for d in docs.values() if part in d)
    meeting = [ok for d in docs.values() for ok in d["meeting"].values()]
    sp, th, co = (lambda k: s("speakers", k)), (lambda k: s("themes", k)), (lambda k: s("concerns", k))
    ratio = lambda k: round(co(k) / co("tp"), 3) if co("tp") else None
    total = {
        "meeting_fields_right": round(sum(meeting) / len(meeting), 3) if meeting else None,
        "meeting_date_right": sum(d["meeting"].get("date", False) for d in docs.values()),
        "speakers": prf(sp("tp"), sp("n_pred"), sp("tp"), sp("n_gold")),
        "speakers_full": prf(sp("tp_full"), sp("n_pred"), sp("tp_full"), sp("n_gold")),
        "themes": prf(th("tp_p"), th("n_pred"), th("tp_r"), th("n_gold")),
        "concerns": prf(co("tp"), co("n_pred"), co("tp"), co("n_gold")),
        "concerns_category_agree": ratio("category_agree"),
        "concerns_raised_by_agree": ratio("raised_by_agree"),
        "concerns_raised_by_strict": ratio("raised_by_strict"),
        "officials_as_tenants": co("officials_as_tenants"),
    }
    if any("commitments" in d for d in docs.values()):
        cm = lambda k: s("commitments", k)
        total["commitments"] = prf(cm("tp"), cm("n_pred"), cm("tp"), cm("n_gold"))
    return total
