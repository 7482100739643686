"""Gazetteer load time, per-name lookup time and event assembly throughput of whichever checkout is
on PYTHONPATH (run it once per checkout, alternating, on the same machine; ``--rounds`` repeats).

    PYTHONPATH=. python benchmarks/geocode_speed.py [--rounds 3] [--cpu] [--json out.json]

* load: a fresh process, from the first import until the gazetteer answers one name (the SQLite
  index must already be built; imports are timed apart);
* lookup: ``resolve`` of every distinct PLACE name of the corpus and the geocoding dev set, first
  time (cold memo) and again (warm), median per name in microseconds;
* assembly: ``extract_events`` over the corpus texts with their gold spans (the stage of ``extract``
  that geocodes; the tagger before it does not change with the geocoder), articles per second,
  median of three passes in one process (the first pass fills the memo); ``--cpu`` times it in the
  process's CPU time instead of wall time, which other jobs on a shared machine disturb less.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = [ROOT / "annotations" / "seeds.jsonl", *sorted((ROOT / "annotations" / "synthetic").glob("part_*.jsonl"))]
DEV = ROOT / "evaluation" / "geocoding" / "dev.jsonl"

_LOAD = """
import time, sys
t0 = time.perf_counter()
from conflict_events.events.geocode import default_gazetteer
t1 = time.perf_counter()
default_gazetteer().resolve("Kandahar")
t2 = time.perf_counter()
print(t1 - t0, t2 - t1)
"""


def _records() -> list[dict]:
    return [json.loads(line) for path in CORPUS for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _names(records: list[dict]) -> list[str]:
    rows = records + [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines()]
    return list(dict.fromkeys(r["text"][s["start"]: s["end"]] for r in rows for s in r["spans"] if s["label"] == "PLACE"))


def load_seconds() -> tuple[float, float]:
    out = subprocess.run([sys.executable, "-c", _LOAD], capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), float(out[1])


def lookup_micros(names: list[str]) -> tuple[float, float]:
    from conflict_events.events.geocode import Gazetteer

    gaz = Gazetteer()  # a fresh memo
    times = {}
    for round_name in ("first", "again"):
        per = []
        for name in names:
            start = time.perf_counter()
            gaz.resolve(name)
            per.append(time.perf_counter() - start)
        times[round_name] = statistics.median(per) * 1e6
    return times["first"], times["again"]


def assembly_rate(records: list[dict], clock=time.perf_counter) -> float:
    from conflict_events.events import extract_events
    from conflict_events.events.geocode import default_gazetteer
    from conflict_events.spans import Span

    gaz = default_gazetteer()
    start = clock()
    for r in records:
        spans = [Span(s["start"], s["end"], s["label"], r["text"][s["start"]: s["end"]]) for s in r["spans"]]
        extract_events(r["id"], r["text"], r.get("date"), spans, gaz)
    return len(records) / (clock() - start)


def main() -> None:
    rounds = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 3
    clock = time.process_time if "--cpu" in sys.argv else time.perf_counter
    records = _records()
    names = _names(records)
    result = {"articles": len(records), "names": len(names), "rounds": []}
    for _ in range(rounds):
        imports, ready = load_seconds()
        first, again = lookup_micros(names)
        result["rounds"].append({"imports_s": imports, "gazetteer_ready_s": ready, "resolve_first_us": first,
                                 "resolve_again_us": again,
                                 "assembly_articles_per_s": statistics.median(assembly_rate(records, clock) for _ in range(3))})
    print(json.dumps(result, indent=1))
    if "--json" in sys.argv:
        Path(sys.argv[sys.argv.index("--json") + 1]).write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
