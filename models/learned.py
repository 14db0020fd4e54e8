"""Rules plus the learned sentence model: the concerns and commitments the pipeline reports.

`rule_features` turns what the rules see in each sentence into features; `combine` keeps a rule tag
unless the model is sure it is wrong (probability below `keep`), and adds a sentence the rules missed
when the model is confident (probability at least `add`); both thresholds come with the artefact. An added concern takes its raiser from the
rules' actor, the attributed speaker or the paragraph's earlier concern, else the floor; an added
commitment takes the first speaker named in it, the attributed speaker or the organisation it opens with.
"""
from __future__ import annotations

import re
from dataclasses import replace

from extract.document import Document, Span
from models import commitments as cm
from models import concerns as cc
from models.annotations import Attribution, Commitment, Concern, Section, Speaker
from models.sentence_model import SentenceModel, document_features, explain
from models.themes import Taxonomy, sentence_themes

_OFFICIAL_KINDS = ("politician", "civil_servant", "housing_corporation", "care_organisation", "expert")


def rule_features(doc: Document, speakers: tuple[Speaker, ...], rule_concerns, rule_commitments) -> dict:
    """sentence index -> {feature: value} from the concern and commitment rules."""
    crules, mrules = cc.load_rules(), cm.load_rules()
    names = cc._name_patterns(speakers)
    cnames = cm._speaker_names(speakers)
    listed = cm._action_list_blocks(doc, mrules)
    concern_at = {c.sentence: c for c in rule_concerns}
    commit_at = {c.sentence for c in rule_commitments}
    out = {}
    for s in doc.sentences:
        low = cc.flat(s.text).lower()
        actor = cc.actor_of(s.text, names, crules)
        f = {"cue": cc.cue_kind(low, crules), "actor": actor[0] if actor else None,
             "resolved": crules.any("resolved", low), "reply": crules.any("reply_verbs", low),
             "problem": crules.any("problem_words", low), "not_concern": crules.any("not_a_concern", low),
             "residents": bool(cc._RESIDENTS.search(low)), "rule_concern": s.index in concern_at,
             "promise": bool(mrules.first("promise", low)), "future": bool(mrules.first("future", low)),
             "present": bool(mrules.first("present", low)), "passive": bool(mrules.first("passive", low)),
             "reporting": bool(mrules.first("reporting", low)),
             "not_commitment": bool(mrules.first("not_a_commitment", low)),
             "status": bool(mrules.first("status_report", low)),
             "listed": s.block in listed, "rule_commitment": s.index in commit_at}
        if actor and actor[0] == "person":
            f["actor_kind"] = actor[1].kind
        first = cm._first_speaker(cc.flat(s.text), cnames)
        f["named"] = first is not None
        out[s.index] = f
    return out


def _raiser(s, actor, said, by_key, earlier: dict) -> str | None:
    """raised_by for a concern the model adds; None when an official speaks for themselves."""
    low = cc.flat(s.text).lower()
    residents = bool(cc._RESIDENTS.search(low))
    if actor:
        what, sp = actor
        if what == "person":
            if sp.kind in _OFFICIAL_KINDS:
                return "residents_reported" if residents else None
            return sp.key
        if what == "reported":
            return "residents_reported"
        if what in ("tenant", "floor"):
            return what
        if what == "body":
            chair = next((x for x in by_key.values() if x.kind == "chair"), None)
            return chair.key if chair else "tenant"
    if s.block in earlier:
        return earlier[s.block]
    sp = by_key.get(said)
    if sp is not None:
        if sp.kind in _OFFICIAL_KINDS:
            return "residents_reported" if residents else None
        return sp.key
    return said if said in ("tenant", "floor") else "floor"


def combine(doc: Document, speakers: tuple[Speaker, ...], attributions: tuple[Attribution, ...],
            sections: tuple[Section, ...], taxonomy: Taxonomy, rule_concerns: tuple[Concern, ...],
            rule_commitments: tuple[Commitment, ...], model: SentenceModel | None
            ) -> tuple[tuple[Concern, ...], tuple[Commitment, ...]]:
    if model is None or not doc.sentences:
        return rule_concerns, rule_commitments
    hits = rule_features(doc, speakers, rule_concerns, rule_commitments)
    feats = document_features(doc, speakers, attributions, sections, hits)
    return (_concerns(doc, speakers, attributions, sections, taxonomy, rule_concerns, model, feats),
            _commitments(doc, speakers, attributions, rule_commitments, model, feats))


def _skip(doc: Document, s) -> bool:
    return bool(doc.blocks) and doc.blocks[s.block].kind in ("heading", "title", "footnote")


def _concerns(doc, speakers, attributions, sections, taxonomy, rule_concerns, model, feats):
    th = model.thresholds["concern"]
    crules = cc.load_rules()
    names = cc._name_patterns(speakers)
    by_key = {sp.key: sp for sp in speakers}
    said_by = {a.sentence: a.speaker for a in attributions}
    known = {a.sentence: a.themes for a in attributions if a.themes}
    at = {c.sentence: c for c in rule_concerns}
    out, earlier = [], {}
    for s, f in zip(doc.sentences, feats):
        if _skip(doc, s):
            continue
        p = model.probability("concern", f)
        if s.index in at:
            if p >= th["keep"]:
                c = at[s.index]
                out.append(replace(c, score=round(p, 3), why=("rules",) + explain(f)))
                earlier[s.block] = c.raised_by
            continue
        if p < th["add"] or f.get("r:resolved") or f.get("r:header_line") or f.get("r:not_concern") or (
                f.get("r:reply") and f.get("r:actor=person")):
            continue  # solved, a header line, "geen vragen", or someone answering
        raiser = _raiser(s, cc.actor_of(s.text, names, crules), said_by.get(s.index), by_key, earlier)
        if raiser is None:
            continue
        low = cc.flat(s.text).lower()
        kind = cc.cue_kind(low, crules) or ("question" if low.endswith("?") else "complaint")
        section = cc._section_of(sections, s)
        cats = known.get(s.index) or sentence_themes(doc, s, taxonomy) or (
            (section.themes[0].theme,) if section and section.themes else ())
        out.append(Concern(s.text, tuple(cats), kind, raiser, Span(doc.doc_id, s.page, s.start, s.end, s.text),
                           s.index, round(p, 3), ("model",) + explain(f)))
        earlier[s.block] = raiser
    return tuple(out)


def _commitments(doc, speakers, attributions, rule_commitments, model, feats):
    th = model.thresholds["commitment"]
    mrules = cm.load_rules()
    cnames = cm._speaker_names(speakers)
    said_by = {a.sentence: a.speaker for a in attributions}
    keys = {sp.key for sp in speakers}
    at: dict[int, list[Commitment]] = {}
    for c in rule_commitments:
        at.setdefault(c.sentence, []).append(c)
    out = []
    for s, f in zip(doc.sentences, feats):
        if _skip(doc, s):
            continue
        p = model.probability("commitment", f)
        if s.index in at:
            if p >= th["keep"] or f.get("r:promise"):
                out += [replace(c, score=round(p, 3), why=("rules",) + explain(f)) for c in at[s.index]]
            continue
        if p < th["add"] or f.get("r:header_line") or f.get("r:question_mark") or f.get("r:status") \
                or f.get("r:not_commitment"):
            continue
        first = cm._first_speaker(cc.flat(s.text), cnames)
        who = said_by.get(s.index)
        by = first[1].key if first else (who if who in keys else None) or cm._organisation_subject(s.text)
        out.append(Commitment(s.text, by, cm.deadline_of(s.text, mrules),
                              Span(doc.doc_id, s.page, s.start, s.end, s.text), s.index, round(p, 3),
                              ("model",) + explain(f)))
    return tuple(sorted(out, key=lambda c: (c.span.start, c.sentence)))
