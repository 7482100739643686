"""geocode_article: ACLED's fallback for unknown villages, context, country hints and datelines."""

import re

import pytest

from conflict_events.events import extract_events
from conflict_events.events.geocode import geocode_article
from conflict_events.spans import Span


def spans_for(text: str, places: list[str], others: list[tuple[str, str]] = ()) -> list[Span]:
    spans = [Span(m.start(), m.end(), "PLACE", m.group()) for p in places for m in re.finditer(re.escape(p), text)]
    spans += [Span(text.index(w), text.index(w) + len(w), label, w) for w, label in others]
    return sorted(spans)


def by_text(text: str, spans: list[Span], hint: str | None = None) -> dict:
    return {text[s: e]: p for (s, e), p in geocode_article(text, spans, hint).items()}


@pytest.mark.parametrize("name", ["Xqzvbrtwville", "123", "—", "  ", "district", "Noorzayeha-ye Kalan", "Qxzq district"])
def test_unknown_names_never_crash_and_get_no_coordinates(name):
    text = f"Fighting was reported in {name} on Monday."
    start = text.index(name)
    place = geocode_article(text, [Span(start, start + len(name), "PLACE", name)])[(start, start + len(name))]
    assert (place.latitude, place.longitude, place.geonameid) == (None, None, None)


def test_note_naming_village_district_province_gets_the_district():
    text = "Taliban gunmen killed two farmers in Noorzayeha village of Kushki Kuhna district, Herat on Monday."
    spans = spans_for(text, ["Noorzayeha village", "Kushki Kuhna district", "Herat"],
                      [("Taliban gunmen", "ACTOR"), ("killed", "TRIGGER"), ("two farmers", "KILLED")])
    [event] = extract_events("note", text, "2026-11-30", spans)
    assert (event.country, event.admin1, event.admin2, event.geo_precision) == ("Afghanistan", "Herat", "Kushk-e Kuhnah", 2)
    assert event.location_text == "Noorzayeha village"
    assert event.latitude == pytest.approx(34.87, abs=0.05) and event.longitude == pytest.approx(62.55, abs=0.05)
    # the same note as one span
    one = spans_for(text, ["Noorzayeha village of Kushki Kuhna district, Herat"], [("killed", "TRIGGER")])
    [event] = extract_events("note", text, "2026-11-30", one)
    assert (event.admin2, event.location_text, event.geo_precision) == ("Kushk-e Kuhnah", "Noorzayeha village", 2)


def test_place_exposes_acled_fields():
    text = "Clashes in Qandahar city."
    place = by_text(text, spans_for(text, ["Qandahar"]))["Qandahar"]
    assert (place.country_code, place.admin1, place.admin1_code, place.precision) == ("AF", "Kandahar", "AF.23", 1)
    assert place.admin2 and place.geonameid == 1138336


def test_namesakes_follow_the_article():
    text = "Militiamen shelled Tripoli, near the Lebanese border town of Akkar."
    assert by_text(text, spans_for(text, ["Tripoli", "Akkar"]))["Tripoli"].country_code == "LB"
    text = "Houthi forces shelled Marib."
    assert by_text(text, spans_for(text, ["Marib"]))["Marib"].country_code == "YE"
    text = "Taliban fighters attacked a checkpoint in Balkh district."
    balkh = by_text(text, spans_for(text, ["Balkh district"]))["Balkh district"]
    assert (balkh.country_code, balkh.precision) == ("AF", 2)


def test_country_hint_only_where_the_text_does_not_decide():
    text = "Fighting in Tripoli left three dead."
    spans = spans_for(text, ["Tripoli"])
    assert by_text(text, spans)["Tripoli"].country_code == "LY"
    assert by_text(text, spans, "LB")["Tripoli"].country_code == "LB"
    assert by_text(text, spans, "Lebanon")["Tripoli"].country_code == "LB"
    decided = "Fighting in Tripoli, Libya, left three dead."
    assert by_text(decided, spans_for(decided, ["Tripoli", "Libya"]), "LB")["Tripoli"].country_code == "LY"


def test_a_country_hint_that_is_no_country_fails_clearly():
    with pytest.raises(ValueError, match="'Narnia' is not a country"):
        geocode_article("Fighting in Tripoli.", [Span(12, 19, "PLACE", "Tripoli")], "Narnia")


def test_dateline_is_not_the_event_place():
    text = ("BAMAKO, Mali (Sahel Wire) \u2014 Malian soldiers clashed with militants near Ber in the Timbuktu "
            "region on Sunday, the army said.")
    spans = spans_for(text, ["BAMAKO", "Ber", "Timbuktu region"], [("clashed", "TRIGGER"), ("Malian soldiers", "ACTOR")])
    places = by_text(text, spans)
    assert places["Ber"].country_code == "ML" and places["Ber"].location_text == "Ber"  # never Berlin
    [event] = extract_events("dl", text, "2026-11-30", spans)
    assert event.country == "Mali" and event.location != "BAMAKO" and event.admin1 == "Tombouctou"
    assert "Germany" not in (event.actor1 or "")


def test_any_spans_at_all_never_crash():
    # spans a poor model might mark: any stretch, datelines, pieces joined by commas, 'of', 'and'
    import random

    text = ("GAO, Mali / NIAMEY \u2014 Gunmen of the JNIM attacked Boni village of Hombori commune, Mopti region, "
            "and Ber in the Timbuktu region, killing 12, officials in Bamako and Kabul said. Xqz of Qqq, Zzz.")
    rng = random.Random(7)
    for _ in range(200):
        spans = []
        for _ in range(rng.randint(1, 8)):
            start = rng.randrange(len(text) - 1)
            spans.append(Span(start, rng.randint(start + 1, min(len(text), start + 60)), "PLACE", ""))
        places = geocode_article(text, spans)
        assert set(places) == {(s.start, s.end) for s in spans}
        for place in places.values():
            assert (place.latitude is None) == (place.longitude is None)
            assert place.precision in (None, 1, 2, 3)


def test_dateline_is_the_event_place_when_the_text_puts_it_there():
    text = "KABUL, Afghanistan \u2014 A bomb exploded in Kabul on Monday, killing three people, police said."
    spans = spans_for(text, ["KABUL", "Kabul"], [("exploded", "TRIGGER"), ("three people", "KILLED")])
    [event] = extract_events("k", text, "2026-11-30", spans)
    assert (event.location, event.country, event.geo_precision) == ("Kabul", "Afghanistan", 1)
    # named only in the dateline, it is not the event's place
    text = "KABUL, Afghanistan \u2014 A bomb exploded in a village of Logar province on Monday, police said."
    spans = spans_for(text, ["KABUL", "Logar province"], [("exploded", "TRIGGER")])
    [event] = extract_events("k", text, "2026-11-30", spans)
    assert (event.location, event.admin1, event.geo_precision) == ("Logar province", "Lowgar", 3)  # GeoNames spelling


def test_a_namesake_in_a_country_nothing_else_points_to_is_a_village_of_the_articles_country():
    text = ("Junta troops shelled Kani on Sunday, killing five, residents who fled to Monywa said. Fighting was "
            "also reported near Shwebo.")
    places = by_text(text, spans_for(text, ["Kani", "Monywa", "Shwebo"]))
    assert (places["Kani"].country, places["Kani"].resolved, places["Kani"].latitude) == ("Myanmar", False, None)
    # the article pointing to the namesake's country keeps it
    text = "Police said gunmen shot dead a trader in Kani, central Japan, on Sunday."
    assert by_text(text, spans_for(text, ["Kani", "Japan"]))["Kani"].country == "Japan"


def test_country_cues_count_demonyms_and_read_a_group_name_as_one_name():
    from conflict_events.events.geo_context import country_cues

    # a country's name inside a group's name is no mention of that country
    assert country_cues("Fighters of the Sudan People's Liberation Army-in-Opposition (SPLA-IO) clashed with SSPDF "
                        "soldiers.") == {"SS": 3}
    assert country_cues("The Sudanese army said Sudan had closed the border.") == {"SD": 2}
    assert country_cues("The Russian Defence Ministry said a Ukrainian drone was shot down.") == {"RU": 1, "UA": 1}
    # a unit only one country has: Bangladesh's upazilas, Ethiopia's woredas, the Philippines' barangays
    assert country_cues("Masked men abducted two health workers in Dighinala upazila.") == {"BD": 1}
    assert country_cues("Fighting spread to three woredas of the zone.") == {"ET": 1}
    assert country_cues("Gunmen shot a councillor in Barangay Tumbang.") == {"PH": 1}
    # groups active in one country only
    assert country_cues("Hashd fighters repelled the attack.") == {"IQ": 1}
    assert country_cues("Macawisley militiamen and Danab commandos retook the village.") == {"SO": 2}


def test_a_city_of_the_country_the_demonyms_name_beside_the_attackers_one_is_not_dropped():
    text = ("A Ukrainian drone attack hit Novoshakhtinsk on Sunday. The Russian Defence Ministry said air defences "
            "destroyed 23 drones over the region.")
    assert by_text(text, spans_for(text, ["Novoshakhtinsk"]))["Novoshakhtinsk"].country_code == "RU"


def test_an_acronym_two_countries_share_is_no_country_cue():
    from conflict_events.events.geo_context import country_cues

    # the UPDF is Uganda's army and a party of Bangladesh's Chittagong Hill Tracts
    assert country_cues("UPDF activists said the attackers came at night.") == {}


def test_a_country_named_only_across_a_border_casts_no_vote_for_the_articles_country():
    text = ("Gunmen burned the village of Bawi-Kolo, in Baboua sub-prefecture near the border with Cameroon, "
            "on Saturday. The prefect in Bouar said seven people were killed. Lorries on the road carry goods "
            "from the port of Douala.")
    spans = spans_for(text, ["Bawi-Kolo", "Baboua sub-prefecture", "Cameroon", "Bouar", "Douala"])
    places = by_text(text, spans)
    assert places["Bouar"].country_code == "CF" and places["Bawi-Kolo"].country_code == "CF"
    # named as a place the article is about, the same country votes again
    told = text.replace("near the border with Cameroon", "and in Garoua, Cameroon")
    assert by_text(told, spans_for(told, ["Bawi-Kolo", "Baboua sub-prefecture", "Garoua", "Cameroon", "Bouar",
                                          "Douala"]))["Cameroon"].country_code == "CM"
