"""Language of a text by stopword profile: nl, en, de, fr, or und (undetermined).

No model: each language has a list of its most frequent function words. A word shared by
several languages ("de", "die", "en", "is") counts for each of them, so the decision rests on the
many words that are not shared. A Dutch report full of English terms ("API", "meeting", "design
rules") stays Dutch because English content words are not in the profiles.
"""
from __future__ import annotations

import re

RULES_VERSION = "language.stopwords.v1"
MIN_HITS = 3  # fewer stopword hits than this: too little text to say (und)
MIN_SHARE = 0.55  # the winner must have this share of all hits, else the text is mixed (und)
SAMPLE_CHARS = 20000  # the first part of a long document decides; keeps the call fast

STOPWORDS = {
    "nl": """de het een en van in is dat op te zijn voor met niet die er aan ook als bij om door
        maar naar dan wordt worden werd nog wel geen kan zal heeft hebben had over uit tot
        deze dit wat zich moet meer zo omdat waar hoe wij we ze hij zij ik jullie onze ons
        hun haar mijn heel alle veel tijdens binnen tussen volgens nu al wordt geweest gaat
        komen komt gaan daar hier waarin waarbij echter eigenlijk welke wie toch sinds""",
    "en": """the of and to in is that for it with as was on be by are this at from or an not
        which have has had were but they their its been will would can there we our you he
        she his her them these those also more than other into about such only who when
        what all any may should could after before because being while where""",
    "de": """der die das und ist nicht mit den dem des ein eine einer eines sich auf für auch
        von zu im bei wird werden wurde sind hat haben war als noch nach aus wie oder aber
        über nur durch vom zur zum wenn sie er wir ich man dass kann muss diese dieser dieses
        sowie jedoch""",
    "fr": """le la les et des est une un pour dans que qui pas du sur au aux par avec ce cette
        ces sont il elle ils nous vous mais ou plus être été avoir fait comme leur leurs
        son sa ses tout tous aussi très entre sans sous chez dont lors""",
}
_PROFILES = {lang: frozenset(words.split()) for lang, words in STOPWORDS.items()}
_WORD = re.compile(r"[a-zà-öø-ÿß]+")


def language_scores(text: str) -> dict[str, int]:
    """Stopword hits per language in the first SAMPLE_CHARS characters."""
    words = _WORD.findall(text[:SAMPLE_CHARS].lower())
    return {lang: sum(w in stop for w in words) for lang, stop in _PROFILES.items()}


def language_of(text: str) -> str:
    """'nl', 'en', 'de', 'fr' or 'und' (too little text, or no language clearly ahead)."""
    scores = language_scores(text)
    best = max(scores, key=scores.get)
    if scores[best] < MIN_HITS:
        return "und"
    # shared words count for several languages; compare the winner with the runner-up only
    runner_up = max(v for k, v in scores.items() if k != best)
    return best if scores[best] / (scores[best] + runner_up) >= MIN_SHARE else "und"
