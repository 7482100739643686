"""Print an events CSV (from `conflict-events extract --format csv`) as a compact table:
`python scripts/show_events.py EVENTS.csv`."""

import sys

import pandas as pd

COLUMNS = ["event_date", "event_type", "sub_event_type", "actor1", "actor2", "location", "admin1", "country",
           "latitude", "longitude", "killed_low", "killed_high", "wounded_low", "wounded_high", "source"]


def main(path: str) -> None:
    events = pd.read_csv(path)
    if events.empty:
        print("no events")
        return
    with pd.option_context("display.max_columns", None, "display.width", 200, "display.max_colwidth", 40):
        print(events[[c for c in COLUMNS if c in events.columns]].to_string(index=False))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
