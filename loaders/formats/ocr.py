"""OCR behind one small interface: an image in, text boxes (pixel bbox, confidence) out.

Engine: RapidOCR (``rapidocr-onnxruntime``, PP-OCRv4 Chinese detection + recognition
models shipped inside the wheel, run by onnxruntime: nothing is downloaded at run time).
It was chosen over Tesseract 5 ``chi_sim`` on the rasterised 普陀 2024 final accounts
(see README "OCR"): it reads Chinese table rows and their amounts far more accurately.
Tesseract stays available as ``engine="tesseract"`` (Debian ``tesseract-ocr`` +
``tesseract-ocr-chi-sim``), used only by the engine benchmark.

One OCR thread per call (onnxruntime intra/inter op threads = 1; Tesseract
``OMP_THREAD_LIMIT=1``): parallelism comes from the loader's worker pool, one document
per worker.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

from .errors import QuarantineError

DEFAULT_ENGINE = "rapidocr"


@dataclass(frozen=True)
class OcrBox:
    """One recognised run of text (a word, a cell or a line) on an image."""

    text: str
    bbox: tuple[float, float, float, float]  # pixels: x0, top, x1, bottom
    confidence: float  # 0..1 as the engine reports it


class OcrEngine(Protocol):
    name: str

    def read(self, image: Any) -> list[OcrBox]:
        """Text boxes of ``image`` (a PIL image), in no particular order."""
        ...


class RapidOcrEngine:
    name = "rapidocr"

    def __init__(self) -> None:
        try:
            from rapidocr_onnxruntime import RapidOCR
        except ImportError as exc:  # pragma: no cover - pinned dependency
            raise QuarantineError(f"OCR engine not installed: {exc}")
        try:
            import cv2

            cv2.setNumThreads(1)
        except ImportError:  # pragma: no cover - opencv comes with rapidocr
            pass
        one = {f"{m}_{k}_op_num_threads": 1 for m in ("det", "cls", "rec") for k in ("intra", "inter")}
        self._ocr = RapidOCR(**one)

    def read(self, image: Any) -> list[OcrBox]:
        import numpy as np

        arr = np.asarray(image.convert("RGB"))
        result, _ = self._ocr(arr)
        out: list[OcrBox] = []
        for quad, text, score in result or []:
            xs = [float(p[0]) for p in quad]
            ys = [float(p[1]) for p in quad]
            text = str(text).strip()
            if text:
                out.append(OcrBox(text, (min(xs), min(ys), max(xs), max(ys)), float(score)))
        return out


class TesseractEngine:
    name = "tesseract"

    def __init__(self, lang: str = "chi_sim") -> None:
        self._exe = shutil.which("tesseract")
        if self._exe is None:
            raise QuarantineError("OCR engine not installed: tesseract (apt-get install tesseract-ocr tesseract-ocr-chi-sim)")
        self._lang = lang

    def read(self, image: Any) -> list[OcrBox]:
        with tempfile.TemporaryDirectory() as tmp:
            png = os.path.join(tmp, "page.png")
            image.save(png)
            env = dict(os.environ, OMP_THREAD_LIMIT="1")
            res = subprocess.run(
                [self._exe, png, "-", "-l", self._lang, "--psm", "6", "tsv"],
                capture_output=True, text=True, env=env, timeout=300, check=False,
            )
        out: list[OcrBox] = []
        for line in res.stdout.splitlines()[1:]:
            parts = line.split("\t")
            if len(parts) < 12 or parts[0] != "5" or not parts[11].strip():
                continue
            x, y, w, h = (float(v) for v in parts[6:10])
            conf = max(float(parts[10]), 0.0) / 100.0
            out.append(OcrBox(parts[11].strip(), (x, y, x + w, y + h), conf))
        return out


@lru_cache(maxsize=2)
def get_engine(name: str = DEFAULT_ENGINE) -> OcrEngine:
    """The engine, built once per process (model loading costs ~1 s)."""
    if name == "rapidocr":
        return RapidOcrEngine()
    if name == "tesseract":
        return TesseractEngine()
    raise ValueError(f"unknown OCR engine: {name}")
