"""What runs the encoder: PyTorch (fp32, bf16, dynamic int8) or ONNX Runtime (fp32, int8).

A backend is a callable ``(input_ids, attention_mask) -> probabilities`` over numpy arrays, so the
one forward path (``model/engine.py``) never knows which runtime is behind it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np

BackendName = Literal["auto", "torch", "torch-bf16", "torch-int8", "onnx", "onnx-int8"]
BACKENDS: tuple[str, ...] = ("auto", "torch", "torch-bf16", "torch-int8", "onnx", "onnx-int8")
CPU_ONLY = ("torch-int8", "onnx", "onnx-int8")
NATIVE_BF16_FLAGS = ("amx_bf16", "avx512_bf16")


def cpu_flags(cpuinfo: Path = Path("/proc/cpuinfo")) -> set[str]:
    try:
        text = cpuinfo.read_text(encoding="utf-8", errors="replace")
    except OSError:  # not Linux: no flags known, so no bf16 by default
        return set()
    for line in text.splitlines():
        if line.startswith("flags"):
            return set(line.partition(":")[2].split())
    return set()


def cpu_has_native_bf16(flags: set[str] | None = None) -> bool:
    """AMX or AVX-512 BF16: bf16 matmuls run natively, about 2x fp32; elsewhere bf16 is emulated and slow."""
    return any(flag in (cpu_flags() if flags is None else flags) for flag in NATIVE_BF16_FLAGS)


def resolve_backend(requested: str, device_type: str, flags: set[str] | None = None) -> str:
    """``auto``: bf16/fp16 torch on CUDA; on CPU bf16 where it is native, else fp32 (chosen by the
    measurements in BENCHMARKS.md)."""
    if requested not in BACKENDS:
        raise ValueError(f"unknown backend {requested!r} (expected one of {', '.join(BACKENDS)})")
    if requested != "auto":
        if device_type != "cpu" and requested in CPU_ONLY:
            raise ValueError(f"backend {requested} runs on CPU only, not {device_type}")
        return requested
    if device_type != "cpu":
        return "torch"
    return "torch-bf16" if cpu_has_native_bf16(flags) else "torch"


@dataclass
class TorchBackend:
    """A transformers model on a torch device; returns float32 softmax probabilities."""

    model: object
    name: str

    def __post_init__(self) -> None:
        import torch

        self.model.eval()
        self.device = next(self.model.parameters()).device
        self._torch = torch

    def __call__(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
        torch = self._torch
        with torch.inference_mode():
            ids, mask = torch.from_numpy(input_ids), torch.from_numpy(attention_mask)
            if self.device.type == "cuda":  # page-locked host memory lets the copy overlap with compute
                ids, mask = ids.pin_memory(), mask.pin_memory()
            logits = self.model(input_ids=ids.to(self.device, non_blocking=True),
                                attention_mask=mask.to(self.device, non_blocking=True)).logits
            return torch.softmax(logits.float(), dim=-1).cpu().numpy()


def load_torch_backend(model_dir: Path, backend: str, device) -> TorchBackend:
    import torch
    from transformers import AutoModelForTokenClassification

    model = AutoModelForTokenClassification.from_pretrained(model_dir, use_safetensors=True)
    if backend == "torch-int8":
        model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
    elif device.type == "cuda":
        model = model.to(torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16)
    elif backend == "torch-bf16":
        model = model.to(torch.bfloat16)
    return TorchBackend(model.to(device), backend)
