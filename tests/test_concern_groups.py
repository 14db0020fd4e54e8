"""Concern groups: same object and problem, within a report and across the reports of one series."""
from models.concern_groups import ConcernItem, groups_json, groups_of, is_recurring, places_in


def item(key, doc, date, sentence, quote, series="s1", section=1, cats=("onderhoud",), by="tenant"):
    return ConcernItem(key, f"{doc}.pdf", doc, date, series, sentence, section, quote, cats, by, 1,
                       "Bewonersraad De Vaart Rivierstad")


ITEMS = [
    item("a1", "m1", "2023-03-07", 3, "Joop Kramer klaagt dat de lift van flat De Meander al weken stilstaat.", by="Joop Kramer"),
    item("a2", "m1", "2023-03-07", 4, "Hij vraagt wanneer de lift van De Meander weer werkt.", by="Joop Kramer"),
    item("a3", "m1", "2023-03-07", 9, "Een bewoonster klaagt over schimmel in de badkamers aan de Havenstraat.", section=2),
    item("b1", "m2", "2023-06-13", 5, "Joop Kramer meldt dat de lift van flat De Meander opnieuw stilstaat.", by="Joop Kramer"),
    item("b2", "m2", "2023-06-13", 8, "Bewoners van De Meander klagen over geluidsoverlast van het café.", section=2,
         cats=("overlast",)),
    # the same place and problem in a report of another series: another landlord, another issue
    item("c1", "x1", "2023-06-20", 2, "Een huurder klaagt dat de lift van flat De Meander stilstaat.", series="s2"),
]


def test_groups_join_object_and_problem_within_and_across_reports():
    groups = groups_of(ITEMS, people={"Joop Kramer"})
    by_key = {m.key: g for g in groups for m in g.members}
    assert by_key["a1"] is by_key["a2"] is by_key["b1"]  # the lift of De Meander, raised again
    assert by_key["a3"] is not by_key["a1"]  # another place, another problem
    assert by_key["b2"] is not by_key["b1"]  # same complex, another problem
    assert by_key["c1"] is not by_key["a1"]  # same words in another series
    lift = by_key["a1"]
    assert lift.recurring and lift.n_meetings == 2 and lift.years == (2023,)
    assert lift.first_date == "2023-03-07" and lift.last_date == "2023-06-13"
    assert "Meander" in lift.places and "lift" in lift.label
    assert groups[0] is lift  # recurring groups first
    assert [g.recurring for g in groups].count(True) == 1


def test_one_definition_of_recurring():
    assert not is_recurring(1) and is_recurring(2) and is_recurring(5)


def test_places_are_objects_not_people_or_openers():
    assert places_in("Joop Kramer klaagt over de lift van De Meander in complex 214.", ("Joop Kramer",)) == {
        "Meander", "complex 214"}
    assert places_in("Een bewoner klaagt over de Havenstraat.") == {"Havenstraat"}


def test_a_solved_report_closes_the_group():
    solved = [item("s", "m3", "2023-10-10", 4, "De lift van De Meander is inmiddels verholpen.")]
    lift = next(g for g in groups_of(ITEMS, solved, {"Joop Kramer"}) if any(m.key == "a1" for m in g.members))
    assert lift.closed_by == "De lift van De Meander is inmiddels verholpen."


def test_json_is_the_concern_groups_format():
    js = groups_json(groups_of(ITEMS), ["m1.pdf", "m2.pdf"])
    assert js["documents"] == ["m1.pdf", "m2.pdf"]
    members = [m for g in js["groups"] for m in g["members"]]
    assert len(members) == len(ITEMS) and all({"file", "quote", "page"} <= set(m) for m in members)
    assert groups_of([]) == []
