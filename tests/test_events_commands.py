"""The event commands registered on a Typer app: gold-span events written and scored (no model)."""

import json

import pandas as pd
from typer.testing import CliRunner

from conflict_events.cli import app

ARTICLE = {
    "id": "t-1", "date": "2015-12-09", "title": None,
    "text": "Taliban fighters stormed a police station in Kandahar on Monday night, killing three police officers.",
    "spans": [{"start": 0, "end": 16, "label": "ACTOR"}, {"start": 17, "end": 24, "label": "TRIGGER"},
              {"start": 45, "end": 53, "label": "PLACE"}, {"start": 54, "end": 69, "label": "TIME"},
              {"start": 79, "end": 100, "label": "KILLED"}],
    "events": [{"event_type": "Battles", "actor1": "Taliban", "actor2": "police officers", "location": "Kandahar",
                "country": "Afghanistan", "date": "2015-12-07", "date_text": "Monday night",
                "killed": {"low": 3, "high": 3}, "wounded": None, "triggers": [{"start": 17, "end": 24}]}],
}


def test_events_gold_and_eval(tmp_path):
    annotations = tmp_path / "a.jsonl"
    annotations.write_text(json.dumps(ARTICLE) + "\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["events-gold", str(annotations), "-o", str(tmp_path / "events.csv")])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(tmp_path / "events.csv")
    assert frame.loc[0, "event_date"] == "2015-12-07" and frame.loc[0, "fatalities"] == 3
    runner.invoke(app, ["events-gold", str(annotations), "-o", str(tmp_path / "events.jsonl")])
    result = runner.invoke(app, ["events-eval", str(annotations), "--predicted", str(tmp_path / "events.jsonl")])
    assert result.exit_code == 0, result.output
    assert "P 1.000 R 1.000" in result.output
    result = runner.invoke(app, ["events-merge", str(tmp_path / "events.jsonl"), "-o", str(tmp_path / "m.parquet")])
    assert result.exit_code == 0 and len(pd.read_parquet(tmp_path / "m.parquet")) == 1
