"""Geocoding fallbacks on hand-made notes with known answers: province exonyms, a village standing on
the district or province named with it, provinces voting for the article's country, datelines not
voting, and unknown names getting no coordinates."""

import re

import pytest

from conflict_events.events import extract_events
from conflict_events.events.geocode import geocode_article
from conflict_events.spans import Span


def marked(note: str) -> tuple[str, list[Span]]:
    """``"Raid on [Kautikari], [Chibok], [Borno]"`` -> the text and a PLACE span per bracket."""
    text, spans, pos = "", [], 0
    for m in re.finditer(r"\[([^\[\]]+)\]", note):
        text += note[pos:m.start()]
        spans.append(Span(len(text), len(text) + len(m.group(1)), "PLACE", m.group(1)))
        text += m.group(1)
        pos = m.end()
    return text + note[pos:], spans


def places(note: str, hint: str | None = None) -> dict:
    text, spans = marked(note)
    return {text[s:e]: p for (s, e), p in geocode_article(text, spans, hint).items()}


@pytest.mark.parametrize("name, code", [
    ("Lower Shabelle region", "SO.14"), ("Middle Shabelle", "SO.13"), ("Hiraan", "SO.07"),
    ("Salahuddin province", "IQ.18"), ("Nineveh", "IQ.15"), ("North Kivu", "CD.11"), ("Kasai Central", "CD.23"),
    ("Extreme North region", "CM.12"), ("Karen state", "MM.05"), ("South Lebanon", "LB.06"),
    ("Centre-North region", "BF.05"), ("Tillabery region", "NE.09"), ("Shabwa governorate", "YE.05"),
])
def test_province_names_the_admin1_table_lacks(name, code):
    place = places(f"Clashes were reported in [{name}] on Monday.")[name]
    assert (place.admin1_code, place.kind, place.precision) == (code, "admin1", 3)


def test_a_compass_region_needs_its_country():
    found = places("Soldiers were attacked in the [East region] of [Burkina Faso].")
    assert found["East region"].admin1_code == "BF.08"
    found = places("Separatists blocked roads in the [Southwest region] of [Cameroon].")
    assert found["Southwest region"].admin1_code == "CM.09"


def test_short_note_village_district_province_gives_the_district():
    found = places("Gunmen raided [Kautikari], [Chibok], [Borno] overnight.")
    village = found["Kautikari"]
    assert (village.country_code, village.admin1_code, village.admin2, village.precision) == ("NG", "NG.27", "Chibok", 2)
    assert village.location_text == "Kautikari"
    assert (village.latitude, village.longitude) == pytest.approx((10.87, 12.85), abs=0.05)


@pytest.mark.parametrize("note", [
    "ADF rebels killed ten people in [Mamove] village, [Beni] territory, [North Kivu].",
    "ADF rebels killed ten people in [Mamove village] of [Beni territory], [North Kivu province].",
])
def test_village_stands_on_its_territory_with_unit_words_inside_or_outside_the_spans(note):
    village = next(p for name, p in places(note).items() if name.startswith("Mamove"))
    assert (village.country_code, village.admin1_code, village.admin2, village.precision) == ("CD", "CD.11", "Beni", 2)
    assert village.location_text.startswith("Mamove")
    assert (village.latitude, village.longitude) == pytest.approx((0.49, 29.47), abs=0.05)


def test_town_named_like_its_district_carries_the_district():
    found = places("Militants attacked [Janaale], [Marka], [Lower Shabelle] on Tuesday.")
    assert (found["Janaale"].admin2, found["Janaale"].location_text, found["Janaale"].precision) == ("Marka", "Janaale", 2)
    assert found["Marka"].admin2 == "Marka"


def test_village_on_the_outskirts_of_a_town_and_in_a_province_only():
    found = places("The RSF shelled [Abu Shouk camp] on the outskirts of [El Fasher], [North Darfur].")
    assert (found["Abu Shouk camp"].admin1_code, found["Abu Shouk camp"].precision) == ("SD.55", 2)
    found = places("The militia captured [Zqarbatown] in [Rakhine state].")
    assert (found["Zqarbatown"].admin1_code, found["Zqarbatown"].precision) == ("MM.01", 3)
    assert found["Zqarbatown"].location_text == "Zqarbatown"


def test_a_named_province_outvotes_a_neighbour_named_in_passing():
    found = places("Jihadists killed 12 soldiers near [Ayorou] in the [Tillabéri region], close to the border with [Mali].")
    assert (found["Ayorou"].country_code, found["Ayorou"].admin1_code) == ("NE", "NE.09")
    assert found["Tillabéri region"].admin1_code == "NE.09"


def test_the_other_places_never_unresolve_a_name():
    found = places("Clashes in [Shabwa] and [Al Bayda] left dozens dead.")
    assert (found["Shabwa"].admin1_code, found["Al Bayda"].admin1_code) == ("YE.05", "YE.20")


def test_dateline_abroad_does_not_vote():
    found = places("[NAIROBI], [Kenya] (Horn Wire) — A bomb struck a convoy near [Beledweyne] in [Hiraan region] on Friday.")
    assert found["NAIROBI"].country_code == "KE"
    assert (found["Beledweyne"].country_code, found["Hiraan region"].admin1_code) == ("SO", "SO.07")
    text, spans = marked("[NAIROBI], [Kenya] (Horn Wire) — Gunmen attacked [Zqarbatown] in [Hiraan region] on Friday.")
    village = geocode_article(text, spans)[(spans[2].start, spans[2].end)]
    assert (village.country_code, village.admin1_code, village.precision) == ("SO", "SO.07", 3)


def test_extract_events_keeps_the_village_in_location_text():
    text = "Boko Haram fighters killed three farmers in Kautikari, Chibok, Borno on Monday."
    spans = [Span(text.index(w), text.index(w) + len(w), label, w) for w, label in (
        ("Boko Haram fighters", "ACTOR"), ("killed", "TRIGGER"), ("three farmers", "KILLED"),
        ("Kautikari", "PLACE"), ("Chibok", "PLACE"), ("Borno", "PLACE"))]
    [event] = extract_events("note", text, "2026-12-05", sorted(spans))
    assert (event.country, event.admin1, event.admin2, event.geo_precision) == ("Nigeria", "Borno", "Chibok", 2)
    assert event.location_text == "Kautikari"


@pytest.mark.parametrize("name", ["Zqarbatown", "North", "East region", "Qxqx state", "Lower"])
def test_unknown_or_bare_names_get_no_coordinates(name):
    place = places(f"Fighting was reported in [{name}] on Monday.")[name]
    assert (place.latitude, place.longitude, place.geonameid) == (None, None, None)



def test_unknown_name_stands_on_the_one_province_the_note_names():
    found = places("Gunmen killed dozens in [Zqarbatown]; survivors fled to [Dori], the main town of the [Sahel region].")
    village = found["Zqarbatown"]
    assert (village.country_code, village.admin1_code, village.precision, village.location_text) == ("BF", "BF.12", 3, "Zqarbatown")
    # towns in two provinces: no guess
    found = places("Gunmen killed dozens in [Zqarbatown]; survivors fled to [Dori] in the [Sahel region] and on to [Kaya].")
    assert found["Zqarbatown"].admin1_code is None and found["Zqarbatown"].latitude is None


def test_a_piece_of_an_unknown_name_is_no_small_town_abroad():
    # 'Béri' alone is a small town in Wales; the article is in Niger
    from conflict_events.events.geo_context import places_by_name
    from tests.test_events_assemble import marked
    text, spans = marked("[Gunmen]{ACTOR} [attacked]{TRIGGER} the village of [Tamoudou-Béri]{PLACE}, department of "
                         "[Tillabéri]{PLACE}, near [Ouallam]{PLACE}.")
    places = places_by_name(text, spans)
    assert places["Tillabéri"].country == "Niger"
    assert places["Tamoudou-Béri"].country in ("Niger", None)
