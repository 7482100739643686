"""The ONNX Runtime backends behind the one forward path, on the tiny random model: same windows,
probabilities close to torch fp32, the exported graph built once and rebuilt when the weights change."""

from __future__ import annotations

import os
import shutil

import numpy as np
import pytest

pytest.importorskip("onnxruntime")

from conflict_events.model import Tagger  # noqa: E402

TEXTS = ["Taliban fighters stormed the police station in Kandahar on Monday night, officials said. " * 5,
         "", "at least 12 people killed"]


@pytest.fixture(scope="module")
def model_copy(tiny_tagger_dir, tmp_path_factory):
    folder = tmp_path_factory.mktemp("onnx") / "model"
    shutil.copytree(tiny_tagger_dir, folder)
    return folder


def test_onnx_backends_match_torch_and_cache_the_graph(model_copy):
    reference = Tagger.load(model_copy, backend="torch").predict_with_probabilities(TEXTS)
    for backend, tolerance in (("onnx", 1e-5), ("onnx-int8", 0.05)):
        tagger = Tagger.load(model_copy, backend=backend)
        assert tagger.config.backend == backend and (tagger.config.max_length, tagger.config.stride) == (32, 8)
        got = tagger.predict_with_probabilities(TEXTS)
        for ours, theirs in zip(got, reference):
            assert ours.offsets == theirs.offsets
            assert np.abs(ours.probabilities - theirs.probabilities).max(initial=0.0) < tolerance
        if backend == "onnx":
            # a random model hesitates everywhere; fp32 graphs still agree on every span
            keys = lambda results: [[(s.start, s.end, s.label) for s in r.spans] for r in results]  # noqa: E731
            assert keys(got) == keys(reference)
    graphs = {p.name: p.stat().st_mtime_ns for p in (model_copy / "onnx").glob("*.onnx")}
    assert set(graphs) == {"model-fp32.onnx", "model-int8.onnx"}
    Tagger.load(model_copy, backend="onnx-int8")
    assert {p.name: p.stat().st_mtime_ns for p in (model_copy / "onnx").glob("*.onnx")} == graphs  # reused, not rebuilt
    weights = model_copy / "model.safetensors"
    os.utime(weights, ns=(weights.stat().st_atime_ns, weights.stat().st_mtime_ns + 10**9))  # "retrained"
    Tagger.load(model_copy, backend="onnx")
    assert sorted(p.name for p in (model_copy / "onnx").glob("*.onnx")) == ["model-fp32.onnx"]  # stale graphs gone


def test_the_int8_graph_keeps_embeddings_and_the_head_in_fp32(model_copy):
    import onnx

    from conflict_events.model.onnx_backend import exported_graph, head_matmuls

    graph = onnx.load(str(exported_graph(model_copy, "onnx-int8"))).graph
    ops = [node.op_type for node in graph.node]
    assert "MatMulInteger" in ops or "DynamicQuantizeMatMul" in ops  # the encoder is quantised
    assert head_matmuls(graph) and all(n.op_type == "MatMul" for n in graph.node if n.name in head_matmuls(graph))
    quantised_inputs = {i for n in graph.node if n.op_type in ("DynamicQuantizeLinear", "MatMulInteger") for i in n.input}
    gathers = [n for n in graph.node if n.op_type in ("Gather", "EmbedLayerNormalization")]
    assert gathers and not any(i in quantised_inputs for n in gathers for i in n.output)
