"""ONNX Runtime backends: the fine-tuned model exported once, optimised by ORT's BERT graph
optimiser (fused attention and layer norms), in fp32 or with int8 dynamic quantisation.

The exported graphs are cached beside the weights (``<model>/onnx/``), or under the user cache
when the model folder is read-only, keyed by the weights' size and modification time so a
retrained model is exported again. Needs ``pip install onnxruntime onnx``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import warnings
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

EXPORT_OPSET = 17
CACHE_VERSION = 1  # bump when the export or quantisation recipe changes


def weights_fingerprint(model_dir: Path) -> dict:
    files = sorted(Path(model_dir).glob("*.safetensors"))
    return {"version": CACHE_VERSION, "weights": [[p.name, p.stat().st_size, p.stat().st_mtime_ns] for p in files]}


def cache_dir(model_dir: Path) -> Path:
    """``<model>/onnx`` when writable, else a folder under the user cache named after the model path."""
    local = Path(model_dir) / "onnx"
    if os.access(model_dir, os.W_OK) or (local.is_dir() and os.access(local, os.W_OK)):
        return local
    root = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "conflict-events" / "onnx"
    return root / hashlib.sha1(str(Path(model_dir).resolve()).encode()).hexdigest()[:16]


def _replace_atomically(build, target: Path) -> None:
    """Write through ``build(tmp_path)`` then rename, so a killed export never leaves half a graph."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=target.parent, suffix=".onnx.tmp")
    os.close(handle)
    try:
        build(Path(tmp))
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def export_fp32(model_dir: Path, target: Path) -> None:
    """TorchScript export (``dynamo=False``) with eager attention: the only graph shape in which ORT's
    BERT optimiser finds and fuses attention and layer norms; then that optimiser, saved."""
    import torch
    from onnxruntime.transformers import optimizer
    from transformers import AutoModelForTokenClassification

    model = AutoModelForTokenClassification.from_pretrained(model_dir, use_safetensors=True, attn_implementation="eager").eval()

    class LogitsOnly(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask):
            return self.inner(input_ids=input_ids, attention_mask=attention_mask).logits

    ids = torch.ones((2, 16), dtype=torch.long)
    axes = {0: "batch", 1: "tokens"}

    def build(raw: Path) -> None:
        # The tracer warns about Python branches on shapes in transformers' masking code; the axes
        # that vary (batch, tokens) are declared dynamic and checked against torch in the tests.
        with torch.inference_mode(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(LogitsOnly(model), (ids, torch.ones_like(ids)), str(raw), dynamo=False,
                              input_names=["input_ids", "attention_mask"], output_names=["logits"],
                              dynamic_axes={"input_ids": axes, "attention_mask": axes, "logits": axes},
                              opset_version=EXPORT_OPSET)
        optimised = optimizer.optimize_model(str(raw), model_type="bert", num_heads=model.config.num_attention_heads,
                                             hidden_size=model.config.hidden_size)
        optimised.save_model_to_file(str(raw))

    _replace_atomically(build, target)


def head_matmuls(graph) -> list[str]:
    """The MatMul(s) feeding the ``logits`` output: the classification head, kept in fp32 (15
    outputs cost nothing to run, and quantising them moves the decision boundary most)."""
    producers = {out: node for node in graph.node for out in node.output}
    names, frontier = [], ["logits"]
    while frontier:
        node = producers.get(frontier.pop())
        if node is None:
            continue
        if node.op_type == "MatMul":
            names.append(node.name)
        elif node.op_type in ("Add", "Identity", "Reshape"):
            frontier.extend(node.input)
    return names


def quantize_int8(fp32: Path, target: Path) -> None:
    """Dynamic int8 with per-channel weights on the encoder's MatMuls; embeddings (Gather), layer
    norms and the classification head stay fp32."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    keep_fp32 = head_matmuls(onnx.load(str(fp32)).graph)

    def build(tmp: Path) -> None:
        # DefaultTensorType: the fused ORT ops (Attention, SkipLayerNormalization) carry no type
        # information the quantiser can infer; without it quantising the optimised graph fails.
        quantize_dynamic(str(fp32), str(tmp), op_types_to_quantize=["MatMul"], per_channel=True,
                         weight_type=QuantType.QInt8, nodes_to_exclude=keep_fp32,
                         extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})

    # The quantiser logs a "run pre-processing" hint on the root logger; the optimiser already
    # inferred the shapes, so it does not apply. The level is restored afterwards.
    root = logging.getLogger()
    level = root.level
    root.setLevel(max(level, logging.ERROR))
    try:
        _replace_atomically(build, target)
    finally:
        root.setLevel(level)


def exported_graph(model_dir: Path, backend: str) -> Path:
    """The cached graph for ``backend`` (``onnx`` or ``onnx-int8``), built on first use."""
    folder = cache_dir(model_dir)
    stamp = folder / "source.json"
    fingerprint = weights_fingerprint(model_dir)
    if not stamp.is_file() or json.loads(stamp.read_text(encoding="utf-8")) != fingerprint:
        for old in folder.glob("*.onnx"):
            old.unlink()
        folder.mkdir(parents=True, exist_ok=True)
        stamp.write_text(json.dumps(fingerprint), encoding="utf-8")
    fp32 = folder / "model-fp32.onnx"
    if not fp32.is_file():
        export_fp32(model_dir, fp32)
    if backend == "onnx":
        return fp32
    int8 = folder / "model-int8.onnx"
    if not int8.is_file():
        quantize_int8(fp32, int8)
    return int8


@dataclass
class OnnxBackend:
    """An ORT CPU session over an exported graph; returns float32 softmax probabilities."""

    session: object
    name: str

    def __call__(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
        (logits,) = self.session.run(["logits"], {"input_ids": input_ids, "attention_mask": attention_mask})
        logits = logits.astype(np.float32, copy=False)
        shifted = np.exp(logits - logits.max(axis=-1, keepdims=True))
        return shifted / shifted.sum(axis=-1, keepdims=True)


def load_onnx_backend(model_dir: Path, backend: str, threads: int | None = None) -> OnnxBackend:
    try:
        import onnxruntime as ort
    except ModuleNotFoundError as error:
        raise ModuleNotFoundError(f"backend {backend} needs ONNX Runtime: pip install onnxruntime onnx") from error
    import torch

    graph = exported_graph(Path(model_dir), backend)
    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    # The same thread count torch would use, so backends compare like for like and respect set_num_threads.
    options.intra_op_num_threads = threads or torch.get_num_threads()
    session = ort.InferenceSession(str(graph), options, providers=["CPUExecutionProvider"])
    return OnnxBackend(session, backend)
