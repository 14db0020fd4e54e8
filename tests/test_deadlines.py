"""Deadlines as dates: hand-computed cases of the conventions in models/deadlines.py."""
import pytest

from models.deadlines import deadline_in, states_no_deadline

CASES = [
    # (text, meeting date, next meeting, expected date)
    ("Hanzeborg stuurt de bewoners voor 1 mei een brief.", "2023-03-15", None, "2023-05-01"),
    ("De gemeente komt voor 1 maart met een plan.", "2023-03-15", None, "2024-03-01"),  # first 1 March after
    ("Veldhuis zegt toe dat het plan voor 1 maart 2023 klaar is.", "2022-11-08", None, "2023-03-01"),
    ("Het adviesverzoek ligt uiterlijk 15 april bij de vereniging.", "2024-02-13", None, "2024-04-15"),
    ("De vereniging ontvangt het in oktober.", "2023-09-28", None, "2023-10-31"),
    ("Hij laat in december de ventilatie controleren.", "2022-11-08", None, "2022-12-31"),
    ("Conceptplan isolatie (Veldhuis, oktober 2023)", "2023-09-28", None, "2023-10-31"),
    ("Proef met een buurtconciërge (Kuipers, 2023)", "2022-11-08", None, "2023-12-31"),
    ("De installatie wordt nog dit jaar geplaatst.", "2023-09-28", None, "2023-12-31"),
    ("Het dak is eind dit jaar klaar.", "2021-05-02", None, "2021-12-31"),
    ("De gemeente plaatst voor de zomer extra verlichting.", "2023-03-15", None, "2023-07-01"),
    ("De gemeente plaatst voor de zomer extra verlichting.", "2023-09-28", None, "2024-07-01"),
    ("Het rapport komt in het derde kwartaal.", "2023-03-15", None, "2023-09-30"),
    ("Het rapport komt in het eerste kwartaal.", "2023-09-28", None, "2024-03-31"),
    ("Zij laat het binnen twee weken weten.", "2023-03-15", None, "2023-03-29"),
    ("Zij laat het binnen een week weten.", "2023-12-28", None, "2024-01-04"),
    ("Zij komt er in het volgende overleg op terug.", "2022-11-08", "2023-03-15", "2023-03-15"),
    ("Enquête onder de leden (bestuur, volgend overleg)", "2023-03-15", "2023-09-28", "2023-09-28"),
    # an explicit date beats the relative phrase
    ("Voor het volgende overleg, gereed voor het overleg van 12 mei.", "2023-03-15", "2023-06-01", "2023-05-12"),
    # a past date is no deadline, the later month is
    ("Hulshof heeft op 12 september gemaild dat de palen pas in november worden geplaatst.", "2023-09-28", None,
     "2023-11-30"),
    ("Het schuift door naar 1 juni 2023.", "2023-03-15", None, "2023-06-01"),
    ("Deadline september '25 (Tim)", "2025-05-13", None, "2025-09-30"),
]


@pytest.mark.parametrize("text,meeting,nxt,expected", CASES)
def test_deadline_resolved_against_the_meeting_date(text, meeting, nxt, expected):
    d = deadline_in(text, meeting, nxt)
    assert d.date == expected
    assert d.text and d.text.lower() in text.lower()  # the words are kept beside the date


@pytest.mark.parametrize("text", [
    "Stegeman belooft dat de intercom zo snel mogelijk wordt vervangen.",
    "Conceptplan isolatie Borgele (Veldhuis, datum volgt)",
    "Sinds 4 december branden de lantaarnpalen.",
    "De huurverhoging gaat niet voor 1 maart in.",
    "Bosman heeft de opbouw op 2 februari uitgelegd.",
])
def test_no_deadline(text):
    assert deadline_in(text, "2023-03-15").date is None


def test_next_meeting_unknown_keeps_the_words():
    d = deadline_in("Zij komt er in het volgende overleg op terug.", "2022-11-08")
    assert d.date is None and d.relative and "volgende overleg" in d.text


def test_states_no_deadline():
    assert states_no_deadline("Veldhuis kan nog geen nieuwe datum noemen")
    assert not states_no_deadline("voor 1 mei")
