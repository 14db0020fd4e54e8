"""Dutch person-name vocabulary, in one place: titles (honorifics) and name particles (tussenvoegsels).

Used by the attendee lists (extract/attendees.py), the name finder and name comparison
(models/speakers_find.py, models/names.py) and the speaker cues. Data only, no behaviour: each user
picks the set it needs (a list parser also reads abbreviated particles such as "vd"; a name finder
also takes loose particles such as "uit" in "Uit de Bos").
"""
from __future__ import annotations

import re

# Honorifics before a name, as written; "de heer" before "heer" so the longer one wins.
HONORIFICS = ("mevrouw", "mevr.", "mevr", "mw.", "mw", "meneer", "mr.", "dhr.", "dhr", "de heer", "heer",
              "drs.", "dr.", "ir.", "ing.", "prof.")
# The honorifics of speech ("zegt mevrouw X", "A en dhr. B"), as one regex alternation.
SPEECH_TITLES = r"mevrouw|mevr\.?|mw\.?|dhr\.?|de heer|meneer"
# Title words before a name (without the dot) and the title they stand for; offices included.
TITLE_WORDS = {"mevrouw": "mevrouw", "mevr": "mevrouw", "mw": "mevrouw", "meneer": "meneer", "dhr": "de heer",
               "heer": "de heer", "wethouder": "wethouder", "burgemeester": "burgemeester",
               "gedeputeerde": "gedeputeerde", "minister": "minister", "raadslid": "raadslid"}
# Abbreviations ending in a full stop that end no sentence ("mevr. Jansen", "(gem. Utrecht)" aside).
TITLE_ABBREVIATIONS = frozenset({"mevr", "dhr", "drs", "ing", "prof", "mr", "dr", "ir", "mw"})

# Name particles, longest first so "van der" wins over "van".
PARTICLES = ("van der", "van den", "van de", "van het", "van 't", "in 't", "in de", "op de", "op den", "uit de",
             "van", "de", "der", "den", "ter", "ten", "te", "het", "'t", "el", "al", "von", "le", "la", "du",
             "da", "dos", "di", "ben", "bin", "op")
# Single particle words of Dutch names ("Jan van der Berg", "Bob te Riele", "Saida el Idrissi").
PARTICLE_WORDS = frozenset({"van", "de", "der", "den", "ter", "ten", "te", "el", "al", "'t", "la", "le", "du"})
# Particles as written in attendee lists: "Linda vd Brink", "J. v. Dijk".
ABBREVIATED_PARTICLES = frozenset({"vd", "vder", "vden", "v", "d"})
# Particle words a name finder also takes: foreign particles and capitalised "In", "Op", "Uit".
LOOSE_PARTICLE_WORDS = PARTICLE_WORDS | {"von", "da", "dos", "di", "het", "in", "op", "uit", "ben", "bin"}


def honorific_pattern() -> str:
    """The honorifics as one regex alternation, longest first."""
    return "|".join(re.escape(t) for t in sorted(HONORIFICS, key=len, reverse=True))
