"""Print tagged articles' spans as a table: `python scripts/show_spans.py SPANS.jsonl`."""

import json
import sys


def main(spans_path: str) -> None:
    for line in open(spans_path, encoding="utf-8"):
        record = json.loads(line)
        print(f"\n{record['id']}: {len(record['spans'])} spans")
        print(f"{'label':<8} {'start':>5} {'end':>5} {'score':>5}  text")
        for span in record["spans"]:
            print(f"{span['label']:<8} {span['start']:>5} {span['end']:>5} {span['score']:>5.2f}  {span['text']}")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1])
