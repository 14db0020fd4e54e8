"""Dutch words for the warehouse's English keys (speaker kinds, concern kinds, anonymous voices, columns),
for what a council member reads: the HTML report and `verslagen themes`."""
from __future__ import annotations

SPEAKER_KINDS_NL = {
    "tenant": "huurder", "tenant_representative": "huurdersvertegenwoordiger", "politician": "politicus",
    "civil_servant": "ambtenaar", "housing_corporation": "woningcorporatie", "care_organisation": "zorgorganisatie",
    "expert": "deskundige", "chair": "voorzitter", "other": "overig",
}
VOICES_NL = {"tenant": "een huurder", "floor": "de zaal", "residents_reported": "bewoners (volgens het verslag)"}
CONCERN_KINDS_NL = {"complaint": "klacht", "worry": "zorg", "question": "vraag", "disagreement": "onenigheid",
                    "condition": "voorwaarde", "request": "verzoek"}
TRENDS_NL = {"rising": "stijgend", "falling": "dalend", "steady": "gelijk", "": ""}
COLUMNS_NL = {
    "name": "naam", "kind": "soort", "roles": "rollen", "organisations": "organisaties", "meetings": "vergaderingen",
    "first_meeting": "eerste vergadering", "last_meeting": "laatste vergadering", "sentences": "zinnen",
    "concerns": "zorgen", "categories": "thema's", "years": "jaren", "first_seen": "eerst genoemd",
    "last_seen": "laatst genoemd", "raised_by": "genoemd door", "examples": "voorbeelden", "theme": "thema",
    "year": "jaar", "share": "aandeel", "trend": "trend", "date": "datum", "type": "soort vergadering",
    "title": "titel", "file_name": "bestand", "page": "pagina",
}


def speaker_kind_nl(kind: str | None) -> str:
    return SPEAKER_KINDS_NL.get(kind or "", kind or "")


def voice_nl(raised_by: str | None) -> str:
    """A concern's raiser in Dutch: anonymous voices translated, names kept."""
    return VOICES_NL.get(raised_by or "", raised_by or "")
