"""Markdown tables from `scripts/study.py` results: `python scripts/study_table.py runs/study.json`."""

import json
import sys

LABELS = ("ACTOR", "PLACE", "KILLED", "WOUNDED", "SOURCE", "TRIGGER", "TIME", "micro")


def summary(results: dict) -> str:
    lines = ["| setting | inference | exact F1 | overlap F1 | min label exact F1 | minutes |", "|---|---|---|---|---|---|"]
    for entry in results.values():
        exact, overlap = entry["report"]["exact"], entry["report"]["overlap"]
        worst = min(exact[label]["f1"] for label in LABELS[:-1])
        lines.append(f"| {entry['setting']} | {entry['variant']} | {exact['micro']['f1']:.3f} | {overlap['micro']['f1']:.3f} | {worst:.2f} | {entry['total_seconds'] / 60:.0f} |")
    return "\n".join(lines)


def per_label(entry: dict) -> str:
    exact, overlap = entry["report"]["exact"], entry["report"]["overlap"]
    lines = ["| label | exact P | exact R | exact F1 | overlap F1 | gold |", "|---|---|---|---|---|---|"]
    for label in LABELS:
        e, o = exact[label], overlap[label]
        lines.append(f"| {label} | {e['precision']:.2f} | {e['recall']:.2f} | {e['f1']:.2f} | {o['f1']:.2f} | {e['support']} |")
    return "\n".join(lines)


if __name__ == "__main__":
    results = json.load(open(sys.argv[1]))
    print(summary(results))
    for key in sys.argv[2:]:
        print(f"\n### {key}\n")
        print(per_label(results[key]))
