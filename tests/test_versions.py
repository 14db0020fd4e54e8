"""Rule versions come from the content of the rule files: a changed file cannot keep an old name."""
from __future__ import annotations

import hashlib
import json
import re
from importlib import resources

from extract.document import EXAMPLE_FILLED_DOCUMENT
from models.nlp import blank_dutch
from models.pipeline import annotate
from models.settings import TagSettings
from models.versions import rule_version


def test_a_shipped_rule_file_is_named_with_its_content_hash():
    data = resources.files("models").joinpath("data", "concerns.rules.v1.json").read_bytes()
    assert rule_version("concerns.rules.v1") == "concerns.rules.v1+" + hashlib.sha256(data).hexdigest()[:8]
    assert rule_version("keywords.v1") == "keywords.v1"  # no file: the name as it is


def test_a_changed_taxonomy_gets_another_version(tmp_path):
    shipped = json.loads(resources.files("models").joinpath("data", "taxonomy.v1.json").read_text(encoding="utf-8"))
    mine = tmp_path / "taxonomy.v1.json"
    mine.write_text(json.dumps(shipped), encoding="utf-8")
    same_text = rule_version("taxonomy.v1", str(mine))
    shipped["themes"][next(iter(shipped["themes"]))].setdefault("terms", []).append("extra term")
    mine.write_text(json.dumps(shipped), encoding="utf-8")
    from models import versions

    versions._digest.cache_clear()
    assert rule_version("taxonomy.v1", str(mine)) != same_text


def test_every_rule_version_of_an_annotation_carries_a_hash():
    ann = annotate(EXAMPLE_FILLED_DOCUMENT, TagSettings(spacy_model="blank"), nlp=blank_dutch())
    got = dict(ann.versions)
    for component in ("speakers", "themes", "concerns", "commitments", "entities"):
        assert re.fullmatch(r"[a-z.]+\.v\d+\+[0-9a-f]{8}", got[component]), (component, got[component])
