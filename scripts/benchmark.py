"""Benchmark the batch path against the Hugging Face token-classification pipeline (not a test).

    .venv/bin/python scripts/benchmark.py [--model runs/model] [--sizes 1000,10000] [--report BENCHMARKS.md]

In one run, on the same texts and the same model, each variant in its own subprocess (so peak RSS
is its own):

* ``package``   -- ``conflict_events.batch.run_batch``: streaming read, length-sorted buffers,
                   background tokenizer thread, chunked output;
* ``unsorted``  -- the same path with length bucketing off (windows batched in input order);
* ``pipeline``  -- ``transformers.pipeline("token-classification", aggregation_strategy="simple")``
                   fed a generator of texts with ``batch_size``, as its docs suggest for large inputs,
                   with ``stride`` and ``model_max_length`` set so it cuts exactly the windows the
                   package cuts (every token of every article is seen by both);
* ``package`` runs the default backend (``auto``); ``--backends fp32,bf16,int8,onnx-fp32,onnx-int8``
                   adds the package on each named backend (``model/backends.py``) at the first size, and
                   ``pipeline-bf16`` (the pipeline with bf16 weights) comes with ``bf16``, so that the two
                   can be compared at equal precision.

Reduced precisions change the scores a little, so every backend's spans are compared with fp32's
(the ``fp32`` variant when it ran, else the package's).

Dumps of each size are built from the five seed articles. ``--shape short`` (the old default):
runs of consecutive sentences of random length, from one sentence to a whole article (mean about
120 words). ``--shape news``: news-length articles, a log-normal number of words (median 280,
about 310 on average, 90% between 120 and 650) filled with consecutive sentences, continuing into
the next seed when one ends. The dump's length distribution is printed and reported. With no ``--model``, the packaged
MiniLM encoder gets a fresh random head (speed does not depend on the weights).

Every variant's process runs under the same allocator: jemalloc when it is installed (as the
``conflict-events`` program itself does; see ``conflict_events/batch/allocator.py``), or glibc's
malloc with ``--allocator system``.

The compute-bound ceiling: encoder FLOPs per token (2 x matmul parameters + the attention terms
4 x layers x sequence x hidden) against the fp32 matmul GFLOP/s measured here on the model's own
layer shapes.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED_DIRS = [Path("/work/shared/seeds"), ROOT / "shared" / "seeds"]


# --------------------------------------------------------------------------------------------- data

def seed_texts() -> list[str]:
    for folder in SEED_DIRS:
        files = sorted(folder.glob("*.txt")) if folder.is_dir() else []
        if files:
            return [f.read_text(encoding="utf-8") for f in files]
    annotations = ROOT / "annotations" / "seeds.jsonl"
    return [json.loads(line)["text"] for line in annotations.read_text(encoding="utf-8").splitlines() if line.strip()]


def sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?\"”])\s+|\n+", text) if s.strip()]


def build_dump(path: Path, count: int, seed: int = 0) -> None:
    """``count`` articles: a run of consecutive sentences from one seed. One in ten is a whole
    article (several windows); the rest 1 + Exp(mean 4) sentences."""
    rng = random.Random(seed)
    pools = [sentences(t) for t in seed_texts()]
    with path.open("w", encoding="utf-8") as sink:
        for i in range(count):
            pool = rng.choice(pools)
            k = len(pool) if rng.random() < 0.1 else min(len(pool), 1 + int(rng.expovariate(1 / 4)))
            start = rng.randrange(len(pool) - k + 1)
            sink.write(json.dumps({"id": f"bench-{i}", "text": " ".join(pool[start : start + k])}, ensure_ascii=False) + "\n")


def build_news_dump(path: Path, count: int, seed: int = 0) -> None:
    """``count`` news-length articles; see the module docstring."""
    rng = random.Random(seed)
    pool = [s for text in seed_texts() for s in sentences(text)]
    with path.open("w", encoding="utf-8") as sink:
        for i in range(count):
            target = min(1200, max(60, int(rng.lognormvariate(5.64, 0.5))))
            at, chosen, words = rng.randrange(len(pool)), [], 0
            while words < target:
                sentence = pool[at % len(pool)]
                chosen.append(sentence)
                words += len(sentence.split())
                at += 1
            sink.write(json.dumps({"id": f"news-{i}", "text": " ".join(chosen)}, ensure_ascii=False) + "\n")


DUMP_SHAPES = {"short": build_dump, "news": build_news_dump}

# variant -> backend of model/backends.py
PACKAGE_BACKENDS = {"package": "auto", "unsorted": "auto", "fp32": "torch", "bf16": "torch-bf16",
                    "int8": "torch-int8", "onnx-fp32": "onnx", "onnx-int8": "onnx-int8"}


def random_head_model(folder: Path) -> Path:
    """The packaged MiniLM encoder with a fresh (seeded) token-classification head."""
    import torch
    from transformers import AutoModelForTokenClassification, AutoTokenizer

    from conflict_events.labels import ID2LABEL, LABEL2ID
    from conflict_events.model.base_encoder import resolve_base_model

    if (folder / "config.json").is_file():
        return folder
    torch.manual_seed(0)
    encoder = resolve_base_model(None)
    model = AutoModelForTokenClassification.from_pretrained(encoder, num_labels=len(ID2LABEL), id2label=ID2LABEL, label2id=LABEL2ID)
    model.save_pretrained(folder)
    AutoTokenizer.from_pretrained(encoder).save_pretrained(folder)
    (folder / "training_config.json").write_text(json.dumps({"max_length": 256, "stride": 64}), encoding="utf-8")
    return folder


# ------------------------------------------------------------------------------------------ variants

def rss_mb() -> float:
    """This process's peak RSS so far, in MiB. ``VmHWM`` rather than ``getrusage``: Linux carries
    ``ru_maxrss`` over from the parent across fork and exec, so a child would report the parent's
    peak when that is higher."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # not Linux: KiB on Linux, bytes on macOS


def current_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class RssSampler:
    """VmRSS twice a second while a variant runs: the median shows the steady state that the peak
    (one bad moment) hides."""

    def __init__(self) -> None:
        import threading

        self.samples: list[float] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self.stop.wait(0.5):
            self.samples.append(current_rss_mb())

    def start(self) -> None:
        self.thread.start()

    def finish(self) -> None:
        self.stop.set()
        self.thread.join()

    def summary(self) -> dict:
        ordered = sorted(self.samples) or [0.0]
        late = self.samples[len(self.samples) // 2 :] or [0.0]
        return {"rss_median_mb": ordered[len(ordered) // 2], "rss_median_second_half_mb": sorted(late)[len(late) // 2],
                "rss_samples": len(self.samples)}


def run_variant(variant: str, dump: Path, model: Path, output: Path, batch_size: int) -> dict:
    """Runs in the child process. Returns timings and memory (sampled from after the model load)."""
    sampler = RssSampler()
    start = time.perf_counter()
    if variant.startswith("pipeline"):
        import torch
        from transformers import pipeline

        from conflict_events.model.tagger import inference_config

        saved = inference_config(model)
        window = {"max_length": saved.max_length, "stride": saved.stride}
        dtype = torch.bfloat16 if variant == "pipeline-bf16" else torch.float32
        pipe = pipeline("token-classification", model=str(model), aggregation_strategy="simple", device=-1, dtype=dtype)
        pipe.tokenizer.model_max_length = window["max_length"]  # the same windows the package cuts
        loaded = time.perf_counter()
        rss_loaded = rss_mb()
        sampler.start()

        def texts():
            with dump.open(encoding="utf-8") as source:
                for line in source:
                    yield json.loads(line)["text"]

        articles = 0
        with output.open("w", encoding="utf-8") as sink:
            for entities in pipe(texts(), batch_size=batch_size, stride=window["stride"]):
                sink.write(json.dumps([{"start": e["start"], "end": e["end"], "label": e["entity_group"], "score": float(e["score"])}
                                       for e in entities]) + "\n")
                articles += 1
        tokens = None
    else:
        from conflict_events.batch import BatchConfig, run_batch
        from conflict_events.model import Tagger

        backend = PACKAGE_BACKENDS[variant]
        Tagger.load(model, backend=backend, batch_size=batch_size)  # warm the file cache so every variant loads alike
        loaded = time.perf_counter()
        rss_loaded = rss_mb()
        sampler.start()
        config = BatchConfig(inputs=(dump,), output=output, model=model, batch_size=batch_size, progress=False,
                             sort_by_length=variant != "unsorted", backend=backend, overwrite=True)
        summary = run_batch(config)
        articles, tokens = summary.processed, summary.tokens
    seconds = time.perf_counter() - loaded
    sampler.finish()
    return {"variant": variant, "articles": articles, "seconds": seconds, "load_seconds": loaded - start,
            "tokens_counted": tokens, "rss_after_load_mb": rss_loaded, "peak_rss_mb": rss_mb()} | sampler.summary()


# ---------------------------------------------------------------------------------- ceiling estimate

def dump_tokens(dump: Path, model: Path) -> dict:
    """Tokens the model sees for the dump (windows, special tokens included) and their mean length."""
    from conflict_events.model import Tagger

    tagger = Tagger.load(model, backend="torch")
    texts = [json.loads(line)["text"] for line in dump.open(encoding="utf-8")]
    windows = tagger.prepare(texts).windows
    lengths = [len(w) for w in windows]
    article_words = sorted(len(t.split()) for t in texts)
    percentile = lambda q: article_words[min(len(article_words) - 1, int(q * len(article_words)))]  # noqa: E731
    return {"tokens": sum(lengths), "windows": len(windows), "mean_window": sum(lengths) / len(lengths),
            "words": sum(article_words), "max_length": tagger.config.max_length, "stride": tagger.config.stride,
            "article_words": {"mean": sum(article_words) / len(article_words), "p10": percentile(0.1), "p50": percentile(0.5),
                              "p90": percentile(0.9), "max": article_words[-1]},
            "windows_per_article": len(windows) / len(texts)}


def flops_per_token(model: Path, mean_sequence: float) -> dict:
    from transformers import AutoConfig

    config = AutoConfig.from_pretrained(model)
    h, i, layers, labels = config.hidden_size, config.intermediate_size, config.num_hidden_layers, config.num_labels
    matmul_params = layers * (4 * h * h + 2 * h * i) + h * labels
    attention = 4 * layers * mean_sequence * h  # QK^T and attention x V, per token
    return {"hidden": h, "intermediate": i, "layers": layers, "matmul_params": matmul_params,
            "flops_per_token": 2 * matmul_params + attention, "attention_flops_per_token": attention}


def matmul_gflops(model: Path, rows: int = 4096, repeats: int = 8) -> dict:
    """fp32 matmul speed on the model's own layer shapes (rows = batch x sequence), FLOP-weighted."""
    import torch
    from transformers import AutoConfig

    config = AutoConfig.from_pretrained(model)
    h, i = config.hidden_size, config.intermediate_size
    shapes = [(h, h)] * 4 + [(h, i), (i, h)]  # Q, K, V, output; FFN up, down
    total_flops = total_seconds = 0.0
    with torch.inference_mode():
        for k, n in shapes:
            a, b = torch.randn(rows, k), torch.randn(k, n)
            a @ b  # warm up
            best = float("inf")
            for _ in range(repeats):
                t = time.perf_counter()
                a @ b
                best = min(best, time.perf_counter() - t)
            total_flops += 2 * rows * k * n
            total_seconds += best
    return {"gflops": total_flops / total_seconds / 1e9, "threads": torch.get_num_threads(), "rows": rows}


# ------------------------------------------------------------------------------------------- report

def machine() -> dict:
    lscpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
    fields = dict(line.split(":", 1) for line in lscpu.splitlines() if ":" in line)
    pick = lambda k: fields.get(k, "?").strip()  # noqa: E731
    memory_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
    import torch
    import transformers

    return {"cpu": pick("Model name"), "cpus": pick("CPU(s)"), "threads_per_core": pick("Thread(s) per core"),
            "flags_avx512": "avx512f" in pick("Flags"), "flags_avx2": "avx2" in pick("Flags"),
            "l3": pick("L3 cache"), "ram_gib": round(memory_kb / 1024 / 1024, 1), "python": platform.python_version(),
            "torch": torch.__version__, "transformers": transformers.__version__, "hypervisor": pick("Hypervisor vendor")}


def span_sets(output: Path) -> list[set]:
    """(start, end, label) per article from a package output or (a JSON list per line) the pipeline's,
    which ``run_variant`` writes with the same keys."""
    rows = [json.loads(line) for line in output.open()]
    return [{(s["start"], s["end"], s["label"]) for s in (r["spans"] if isinstance(r, dict) else r)} for r in rows]


def span_agreement(package_out: Path, other_out: Path) -> dict:
    """Exact (start, end, label) agreement between the package's spans and another variant's."""
    ours, theirs = span_sets(package_out), span_sets(other_out)
    both = sum(len(a & b) for a, b in zip(ours, theirs))
    n_ours, n_theirs = sum(map(len, ours)), sum(map(len, theirs))
    return {"articles": (len(ours), len(theirs)), "package_spans": n_ours, "other_spans": n_theirs,
            "agreement_f1": 2 * both / (n_ours + n_theirs) if n_ours + n_theirs else 1.0}


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


NOTES_MARKER = "<!-- Notes below this line are written by hand; scripts/benchmark.py keeps them when it rewrites the tables. -->"


def kept_notes(path: Path) -> str:
    """The hand-written part of an existing report (from ``NOTES_MARKER`` on), or nothing."""
    if not path.is_file():
        return ""
    text = path.read_text(encoding="utf-8")
    return text[text.index(NOTES_MARKER):] if NOTES_MARKER in text else ""


def write_report(path: Path, results: dict) -> None:
    m, lines = results["machine"], []
    add = lines.append
    add("# Benchmarks: batch tagging\n")
    add(f"Measured by `scripts/benchmark.py` in one run on {time.strftime('%Y-%m-%d', time.localtime(results['finished']))}; "
        f"model `{results['model_label']}`, batch size {results['batch_size']} windows, windows of "
        f"{results['tokens'][str(results['sizes'][0])]['max_length']} tokens with stride {results['tokens'][str(results['sizes'][0])]['stride']}.\n")
    add("## Machine\n")
    add(f"- CPU: {m['cpu']}, {m['cpus']} vCPUs ({m['threads_per_core']} thread per core), L3 {m['l3']}, "
        f"AVX2 {'yes' if m['flags_avx2'] else 'no'}, AVX-512 {'yes' if m['flags_avx512'] else 'no'}; {m['hypervisor'] or 'bare'} VM")
    add(f"- RAM: {m['ram_gib']} GiB; Python {m['python']}, torch {m['torch']} (CPU), transformers {m['transformers']}")
    add(f"- Allocator, the same for every variant: `{results.get('allocator', 'system (glibc malloc)')}`")
    add(f"- Load average before / after the run: {results['load_before']} / {results['load_after']}. "
        "The machine is shared with other jobs, so absolute numbers wobble; variants of one size ran back to back "
        "(each in a fresh process) and the ratios are what to read.\n")
    add("## Dumps\n")
    for size in results["sizes"]:
        t = results["tokens"][str(size)]
        w = t["article_words"]
        add(f"- {size:,} articles ({results.get('shape', 'short')}): {t['words']:,} words -> {t['windows']:,} windows, {t['tokens']:,} tokens "
            f"(mean window {t['mean_window']:.0f} tokens); words per article mean {w['mean']:.0f}, p10 {w['p10']}, "
            f"median {w['p50']}, p90 {w['p90']}, max {w['max']}; {t['windows_per_article']:.2f} windows per article")
    add("")
    add("## Throughput and memory\n")
    add("| articles | variant | seconds (best; all rounds) | articles/s | tokens/s | words/s | vs pipeline | peak RSS MiB | median RSS MiB | RSS after model load MiB |")
    add("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in results["sizes"]:
        runs = results["runs"][str(size)]
        base = runs.get("pipeline")
        for name, run in runs.items():
            tokens = results["tokens"][str(size)]["tokens"]
            ratio = f"{base['seconds'] / run['seconds']:.2f}x" if base else "-"
            rounds = "; ".join(f"{x:.1f}" for x in run.get("all_seconds", [run["seconds"]]))
            words = results["tokens"][str(size)]["words"]
            add(f"| {size:,} | {name} | {run['seconds']:.1f} ({rounds}) | {run['articles'] / run['seconds']:.1f} | "
                f"{tokens / run['seconds']:,.0f} | {words / run['seconds']:,.0f} | {ratio} | {run['peak_rss_mb']:.0f} | {run['rss_median_mb']:.0f} | {run['rss_after_load_mb']:.0f} |")
    add("")
    add("Tokens/s counts the same tokens for every variant: the windows' tokens (special tokens included), "
        "identical for the package and the pipeline since both cut windows of the same length and stride. "
        "Seconds run from after the model is loaded to the last output row written (the package's include combining "
        "its chunks). Peak RSS is the process's high-water mark (`VmHWM`), model included, the largest over rounds; "
        "median RSS is the median of `VmRSS` sampled twice a second while the variant ran (best round).\n")
    add("## Same output\n")
    for size, agreement in results["agreement"].items():
        add(f"- {int(size):,} articles: both wrote {agreement['articles'][0]:,} / {agreement['articles'][1]:,} rows; "
            f"package {agreement['package_spans']:,} spans, pipeline {agreement['other_spans']:,}; "
            f"exact (start, end, label) agreement F1 {agreement['agreement_f1']:.3f}.")
    add("  The two decode differently by design (the package: Viterbi over valid BIO with window-centre merging; "
        "the pipeline: per-token arg-max with `simple` grouping and its own overlap handling), so spans differ where "
        "the model hesitates; they do the same model work.")
    for key, agreement in results.get("precision_agreement", {}).items():
        size, reduced = key.split("-", 1)
        add(f"- {int(size):,} articles, {reduced} against fp32: {agreement['other_spans']:,} spans against "
            f"{agreement['package_spans']:,}; exact agreement F1 {agreement['agreement_f1']:.3f}.")
    add("")
    c = results["ceiling"]
    add("## Compute-bound ceiling\n")
    add(f"- Encoder: {c['layers']} layers, hidden {c['hidden']}, FFN {c['intermediate']}: {c['matmul_params'] / 1e6:.2f} M "
        f"parameters in matmuls -> 2 x params = {2 * c['matmul_params'] / 1e6:.1f} MFLOP per token, plus attention "
        f"4 x layers x seq x hidden = {c['attention_flops_per_token'] / 1e6:.1f} MFLOP at the mean window; "
        f"{c['flops_per_token'] / 1e6:.1f} MFLOP per token in all.")
    add(f"- Measured fp32 matmul on the model's layer shapes ({c['rows']} rows, {c['threads']} torch threads): "
        f"{c['gflops']:.1f} GFLOP/s -> ceiling {c['ceiling_tokens_per_second']:,.0f} tokens/s.")
    for size in results["sizes"]:
        run = results["runs"][str(size)]["package"]
        rate = results["tokens"][str(size)]["tokens"] / run["seconds"]
        add(f"- Package at {size:,} articles: {rate:,.0f} tokens/s = {rate / c['ceiling_tokens_per_second']:.0%} of the ceiling.")
    add("- The ceiling counts matmuls only; layer norms, GELU, softmax and the embedding lookups are memory-bound "
        "extras it leaves out, so 100% is not reachable.\n")
    add("## Summary\n")
    for line in results["summary"]:
        add(f"- {line}")
    add("")
    add("Raw numbers: `" + str(results["raw_path"]) + "`.\n")
    add(kept_notes(path) or NOTES_MARKER + "\n")
    path.write_text("\n".join(lines).rstrip("\n") + "\n", encoding="utf-8")


def summarize(results: dict) -> list[str]:
    out = []
    for size in results["sizes"]:
        runs = results["runs"][str(size)]
        if "pipeline" in runs:
            p = runs["pipeline"]
            out.append(f"{size:,} articles: package {p['seconds'] / runs['package']['seconds']:.2f}x the pipeline's articles/s"
                       + (f", {runs['unsorted']['seconds'] / runs['package']['seconds']:.2f}x the unbucketed path" if "unsorted" in runs else "")
                       + "".join(f"; {v} {p['seconds'] / runs[v]['seconds']:.2f}x the pipeline" for v in PACKAGE_BACKENDS if v in runs and v not in ("package", "unsorted"))
                       + (f"; bf16 {runs['pipeline-bf16']['seconds'] / runs['bf16']['seconds']:.2f}x the bf16 pipeline"
                          if {"bf16", "pipeline-bf16"} <= set(runs) else "") + ".")
    for variant in ("package", "pipeline"):
        if not all(variant in results["runs"][str(size)] for size in results["sizes"]) or len(results["sizes"]) < 2:
            continue
        runs = {size: results["runs"][str(size)][variant] for size in results["sizes"]}
        out.append(f"{variant} memory by dump size: " + ", ".join(
            f"{s:,} articles: peak {r['peak_rss_mb']:.0f} MiB, median {r['rss_median_mb']:.0f} MiB" for s, r in runs.items()) + ".")
    return out


# --------------------------------------------------------------------------------------------- main

def child(args) -> None:
    result = run_variant(args.child, Path(args.dump), Path(args.model), Path(args.out), args.batch_size)
    print("RESULT " + json.dumps(result), flush=True)


def allocator_environment(choice: str) -> dict[str, str]:
    """The environment that gives every variant's process the same allocator."""
    from conflict_events.batch.allocator import find_jemalloc, preload_value

    if choice == "system":
        return {}
    library = find_jemalloc()
    if library is None:
        if choice == "jemalloc":
            raise SystemExit("--allocator jemalloc: libjemalloc not found (Debian: libjemalloc2)")
        return {}
    return {"LD_PRELOAD": preload_value(library, os.environ.get("LD_PRELOAD"))}


def spawn(variant: str, dump: Path, model: Path, output: Path, batch_size: int, allocator_env: dict[str, str]) -> dict:
    env = os.environ | {"HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "true"} | allocator_env
    command = [sys.executable, __file__, "--child", variant, "--dump", str(dump), "--model", str(model), "--out", str(output),
               "--batch-size", str(batch_size)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    if done.returncode != 0:
        raise RuntimeError(f"{variant} failed:\n{done.stderr[-4000:]}")
    line = next(l for l in reversed(done.stdout.splitlines()) if l.startswith("RESULT "))
    return json.loads(line[len("RESULT "):])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", type=Path, help="model folder (default: packaged MiniLM with a random head)")
    parser.add_argument("--sizes", default="1000,10000", help="dump sizes, comma-separated")
    parser.add_argument("--variants", default="package,unsorted,pipeline", help="variants at every size")
    parser.add_argument("--large-variants", default="package,pipeline",
                        help="variants for sizes after the first, one round each (the bucketing ratio is read at the first size)")
    parser.add_argument("--backends", default="", help="also run the package on these backends at the first size: "
                        "comma-separated of fp32, bf16, int8, onnx-fp32, onnx-int8")
    parser.add_argument("--shape", choices=sorted(DUMP_SHAPES), default="news", help="article length distribution of the dumps")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--allocator", choices=("auto", "jemalloc", "system"), default="auto",
                        help="allocator for every variant: auto = jemalloc when installed, as the CLI does")
    parser.add_argument("--rounds", type=int, default=2, help="rounds at the first size (best time kept; others listed)")
    parser.add_argument("--workdir", type=Path, default=ROOT / "runs" / "benchmark")
    parser.add_argument("--report", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--dump", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args)

    args.workdir.mkdir(parents=True, exist_ok=True)
    model = args.model or random_head_model(args.workdir / "random-head-model")
    sizes = [int(s) for s in args.sizes.split(",")]
    allocator_env = allocator_environment(args.allocator)
    results: dict = {"allocator": allocator_env.get("LD_PRELOAD", "system (glibc malloc)"), "machine": machine(), "load_before": load_average(), "sizes": sizes, "batch_size": args.batch_size,
                     "model_label": str(args.model) if args.model else "packaged MiniLM-L6 encoder + random head", "shape": args.shape,
                     "tokens": {}, "runs": {}, "agreement": {}, "precision_agreement": {}}
    for size in sizes:
        dump = args.workdir / f"dump-{size}.jsonl"
        DUMP_SHAPES[args.shape](dump, size, seed=size)
        results["tokens"][str(size)] = dump_tokens(dump, model)
        print(f"{size} articles: {results['tokens'][str(size)]}", flush=True)
    ceiling = flops_per_token(model, results["tokens"][str(sizes[0])]["mean_window"])
    ceiling |= matmul_gflops(model)
    ceiling["ceiling_tokens_per_second"] = ceiling["gflops"] * 1e9 / ceiling["flops_per_token"]
    results["ceiling"] = ceiling
    print(f"ceiling: {ceiling}", flush=True)

    for index, size in enumerate(sizes):
        dump = args.workdir / f"dump-{size}.jsonl"
        variants = (args.variants if index == 0 else args.large_variants).split(",")
        backends = [b for b in args.backends.split(",") if b] if index == 0 else []
        unknown = set(backends) - set(PACKAGE_BACKENDS)
        if unknown:
            raise SystemExit(f"unknown backend variant(s) {', '.join(sorted(unknown))}")
        variants += [b for b in backends if b not in variants] + (["pipeline-bf16"] if "bf16" in backends else [])
        for backend in backends:  # a one-time export (ONNX) is not part of any timed run
            if backend.startswith("onnx"):
                from conflict_events.model import Tagger

                Tagger.load(model, backend=PACKAGE_BACKENDS[backend])
        results["runs"][str(size)] = {}
        rounds = args.rounds if index == 0 else 1
        for round_number in range(rounds):
            # alternate the order, so a load spike from other jobs does not always hit the same variant
            for variant in (variants if round_number % 2 == 0 else variants[::-1]):
                output = args.workdir / f"out-{size}-{variant}.jsonl"
                run = spawn(variant, dump, model, output, args.batch_size, allocator_env) | {"load_average": load_average()}
                print(f"{size} {variant} round {round_number + 1}: {run}", flush=True)
                best = results["runs"][str(size)].get(variant)
                run["all_seconds"] = (best["all_seconds"] if best else []) + [round(run["seconds"], 2)]
                if best is None or run["seconds"] < best["seconds"]:
                    results["runs"][str(size)][variant] = run
                else:
                    best["all_seconds"] = run["all_seconds"]
                    best["peak_rss_mb"] = max(best["peak_rss_mb"], run["peak_rss_mb"])
        if {"package", "pipeline"} <= set(variants):
            results["agreement"][str(size)] = span_agreement(args.workdir / f"out-{size}-package.jsonl",
                                                             args.workdir / f"out-{size}-pipeline.jsonl")
        reference = "fp32" if "fp32" in variants else "package"
        for reduced in [v for v in variants if v in PACKAGE_BACKENDS and v not in (reference, "unsorted")]:
            results["precision_agreement"][f"{size}-{reduced}"] = span_agreement(
                args.workdir / f"out-{size}-{reference}.jsonl", args.workdir / f"out-{size}-{reduced}.jsonl")
    results["load_after"] = load_average()
    results["finished"] = time.time()
    results["summary"] = summarize(results)
    raw = args.workdir / "results.json"
    results["raw_path"] = raw.relative_to(ROOT) if raw.is_relative_to(ROOT) else raw
    raw.write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
    write_report(args.report, results)
    print("\n".join(results["summary"]))
    print(f"report written to {args.report}")


if __name__ == "__main__":
    main()
