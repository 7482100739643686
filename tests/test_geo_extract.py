"""Places end to end: the events-gold command on short notes, and the country hint of extract."""

import json

import pandas as pd
import pytest
from typer.testing import CliRunner

from conflict_events.batch import BatchConfig
from conflict_events.batch.extract import ExtractStep
from conflict_events.inputs import InputArticle
from conflict_events.spans import Span
from conflict_events.cli import app


def note(note_id: str, text: str, marks: list[tuple[str, str]]) -> dict:
    spans = [{"start": text.index(w), "end": text.index(w) + len(w), "label": label} for w, label in marks]
    return {"id": note_id, "date": "2026-11-30", "title": None, "text": text, "spans": spans, "events": []}


NOTES = [
    note("n-1", "Gunmen killed two farmers in Noorzayeha village of Kushki Kuhna district, Herat.",
         [("Gunmen", "ACTOR"), ("killed", "TRIGGER"), ("two farmers", "KILLED"), ("Noorzayeha village", "PLACE"),
          ("Kushki Kuhna district", "PLACE"), ("Herat", "PLACE")]),
    note("n-2", "Insurgents attacked a checkpoint in Shah Mardan village of Muqur district, Ghazni province.",
         [("Insurgents", "ACTOR"), ("attacked", "TRIGGER"), ("Shah Mardan village", "PLACE"),
          ("Muqur district", "PLACE"), ("Ghazni province", "PLACE")]),
]


def test_notes_naming_village_district_province_get_the_district(tmp_path):
    annotations = tmp_path / "notes.jsonl"
    annotations.write_text("".join(json.dumps(n) + "\n" for n in NOTES), encoding="utf-8")
    result = CliRunner().invoke(app, ["events-gold", str(annotations), "-o", str(tmp_path / "events.csv")])
    assert result.exit_code == 0, result.output
    rows = pd.read_csv(tmp_path / "events.csv").set_index("location_text")
    herat = rows.loc["Noorzayeha village"]
    assert (herat.country, herat.admin1, herat.admin2, herat.geo_precision) == ("Afghanistan", "Herat", "Kushk-e Kuhnah", 2)
    assert herat.latitude == pytest.approx(34.87, abs=0.05) and herat.longitude == pytest.approx(62.55, abs=0.05)
    ghazni = rows.loc["Shah Mardan village"]  # Ghazni's Muqur, not Badghis' namesake district
    assert (ghazni.country, ghazni.admin1, ghazni.geo_precision) == ("Afghanistan", "Ghazni", 2)
    assert ghazni.latitude == pytest.approx(32.82, abs=0.05)


def tripoli(extra: dict | None = None) -> tuple[InputArticle, list[Span]]:
    text = "Fighting in Tripoli left three dead."
    spans = [Span(0, 8, "TRIGGER", "Fighting"), Span(12, 19, "PLACE", "Tripoli"), Span(25, 35, "KILLED", "three dead")]
    return InputArticle("a-1", text, "2026-11-30", "dump.jsonl", 7, extra=extra or {}), spans


def test_extract_country_hint_from_option_and_record():
    assert ExtractStep("jsonl").rows(*tripoli())[0]["country"] == "Libya"
    assert ExtractStep("jsonl", country="LB").rows(*tripoli())[0]["country"] == "Lebanon"
    assert ExtractStep("jsonl", country="LB").rows(*tripoli({"country": "Libya"}))[0]["country"] == "Libya"
    with pytest.raises(ValueError, match=r"dump.jsonl.*7.*'Narnia' is not a country"):
        ExtractStep("jsonl").rows(*tripoli({"country": "Narnia"}))


def test_country_option_that_is_no_country_fails_before_reading(tmp_path):
    with pytest.raises(ValueError, match="'Narnia' is not a country"):
        BatchConfig(inputs=(tmp_path / "in.jsonl",), output=tmp_path / "out.jsonl", model=tmp_path, task="extract",
                    country="Narnia", progress=False)
