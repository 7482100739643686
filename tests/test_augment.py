import random

from conflict_events.corpus import Article
from conflict_events.spans import span_from_text
from conflict_events.training.augment import augment_article, augment_corpus, rerender_number, split_place

TEXT = "Taliban fighters attacked Badghis province, killing 12 police. Taliban said 12 died in Badghis province."


def make_article():
    marks = [(0, 7, "ACTOR"), (17, 25, "TRIGGER"), (26, 42, "PLACE"), (52, 61, "KILLED"), (63, 70, "ACTOR"), (87, 103, "PLACE")]
    return Article(id="x", text=TEXT, spans=tuple(span_from_text(TEXT, s, e, l) for s, e, l in marks))


def test_offsets_stay_valid_and_mentions_change_together():
    article = make_article()
    assert [s.text for s in article.spans][2] == "Badghis province"
    new = augment_article(article, random.Random(3))
    assert new.id == "x-aug" and new.events == ()
    for old, span in zip(article.spans, new.spans):
        assert span.label == old.label and new.text[span.start:span.end] == span.text
    places = [s.text for s in new.spans if s.label == "PLACE"]
    actors = [s.text for s in new.spans if s.label == "ACTOR"]
    assert places[0] == places[1] and places[0].endswith(" province") and places[0] != "Badghis province"
    assert actors[0] == actors[1] != "Taliban"
    assert [s.text for s in new.spans if s.label == "KILLED"] == ["twelve police"]
    assert new.text[new.spans[1].start:new.spans[1].end] == "attacked"  # triggers untouched


def test_number_rendering_both_ways():
    assert rerender_number("at least 37 people", random.Random(0)) == "at least thirty-seven people"
    assert rerender_number("three police officers", random.Random(0)) == "3 police officers"
    assert rerender_number("dozens", random.Random(0)) == "dozens"


def test_split_place_and_corpus_size():
    assert split_place("Spin Boldak border crossing") == ("Spin Boldak", " border crossing")
    assert split_place("Kandahar") == ("Kandahar", "")
    assert len(augment_corpus([make_article()], copies=2, seed=1)) == 3
