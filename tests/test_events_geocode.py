"""Offline geocoding: transliteration variants, type words, namesakes, unknown places."""

import pytest

from conflict_events.events.geocode import default_gazetteer, geocode_places, normalise_name, strip_type_words


@pytest.fixture(scope="module")
def gaz():
    return default_gazetteer()


def test_normalise_and_type_words():
    assert normalise_name("Qal\u2019ah-ye Now") == "qalah ye now"
    assert normalise_name("Qala-i-Naw") == "qala i naw"
    assert strip_type_words("Badghis province") == ("badghis", "admin1")
    assert strip_type_words("Nerkh district") == ("nerkh", "district")
    assert strip_type_words("Kandahar airport compound") == ("kandahar", "site")
    assert strip_type_words("southern Afghanistan") == ("afghanistan", None)


def test_qala_i_naw_resolves_in_badghis_afghanistan(gaz):
    place = gaz.resolve("Qala-i-Naw")
    assert (place.country, place.admin1, place.precision, place.kind) == ("Afghanistan", "Badghis", 1, "city")
    assert place.latitude == pytest.approx(34.99, abs=0.05) and place.longitude == pytest.approx(63.13, abs=0.05)
    assert place.geonameid is not None


def test_province_with_type_word_is_admin1(gaz):
    place = gaz.resolve("Badghis province")
    assert (place.country, place.admin1, place.precision, place.kind) == ("Afghanistan", "Badghis", 3, "admin1")
    assert gaz.resolve("Badghis").admin1 == "Badghis"  # no town of that name: the province
    assert gaz.resolve("Wardak province").admin1 == "Vardak"  # an alias of the GeoNames name


def test_kandahar_picks_the_afghan_city(gaz):
    places = geocode_places(["Kandahar", "Kandahar airport compound", "Pakistan", "Islamabad"], gaz)
    assert places["Kandahar"].country == "Afghanistan"
    assert places["Kandahar"].admin1 == "Kandahar"
    assert places["Kandahar airport compound"].geonameid == places["Kandahar"].geonameid
    assert places["Pakistan"].kind == "country" and places["Pakistan"].precision == 3 and places["Pakistan"].level == 4


def test_namesakes_follow_the_articles_other_places(gaz):
    assert geocode_places(["Hyderabad", "Sindh"], gaz)["Hyderabad"].country == "Pakistan"
    assert geocode_places(["Hyderabad", "Telangana"], gaz)["Hyderabad"].country == "India"


def test_compound_site_and_country_region(gaz):
    places = geocode_places(["Spin Boldak-Chaman border crossing", "Kandahar", "Chaman"], gaz)
    assert places["Spin Boldak-Chaman border crossing"].country == "Afghanistan"
    assert places["Chaman"].country == "Pakistan"
    region = gaz.resolve("southern Afghanistan")
    assert (region.country, region.precision, region.level) == ("Afghanistan", 3, 4)  # ACLED has no country level


def test_unknown_place_keeps_null_coordinates(gaz):
    place = gaz.resolve("Xqzvbrtwville")
    assert place.text == "Xqzvbrtwville"
    assert (place.latitude, place.longitude, place.geonameid, place.country) == (None, None, None, None)
    assert not place.resolved


def test_no_foreign_namesake_for_a_district(gaz):
    # 'andar' is also an alternate spelling of a small French town; in an Afghan article it is
    # Ghazni's Andar district (GeoNames ADM2), at its seat, precision 2
    places = geocode_places(["Ghazni", "Andar district border"], gaz)
    andar = places["Andar district border"]
    assert (andar.country_code, andar.admin1, andar.admin1_code, andar.kind, andar.precision) == ("AF", "Ghazni", "AF.08", "admin2", 2)
    assert andar.admin2 == "Andaṟ" and andar.latitude == pytest.approx(33.32, abs=0.1)
    # a district nobody knows keeps the article's country and null coordinates
    unknown = geocode_places(["Ghazni", "Xqzvbr district"], gaz)["Xqzvbr district"]
    assert (unknown.country_code, unknown.latitude, unknown.longitude, unknown.precision) == ("AF", None, None, None)


def test_particles_and_compass_words_are_not_towns_abroad(gaz):
    # Found in the long synthetic articles: "al" matched a Norwegian town, "South" an Icelandic one.
    places = geocode_places(["al-Omar oil field", "Deir ez-Zor", "Syria", "South Hospital", "Raqqa"], gaz)
    assert places["al-Omar oil field"].country == "Syria" and places["al-Omar oil field"].latitude is None
    assert places["South Hospital"].country == "Syria"
    assert places["Deir ez-Zor"].country == "Syria"


def test_a_piece_of_a_longer_name_counts_only_where_the_article_points(gaz):
    from collections import Counter

    # 'Lara' (a Venezuelan state) inside an unknown village's name says nothing of where it lies
    assert gaz.resolve("Djoumane-Lara").country_code != "VE"
    assert gaz.resolve("Djoumane-Lara", Counter({"VE": 2})).country_code == "VE"
    # a country piece still names its country ('Afghanistan-Pakistan border')
    assert gaz.resolve("Afghanistan-Pakistan border").kind == "country"
