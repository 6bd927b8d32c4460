"""Bytes -> str for text documents, refusing to guess when the guess is not trustworthy.

Order: BOM (UTF-8 / UTF-16 / UTF-32) -> strict UTF-8 -> charset-normalizer's best match,
decoded strictly. Every candidate must look like real text (almost no control or
replacement characters); non-UTF candidates must also read as Chinese (CJK characters
dominate the non-ASCII text). Anything else is a QuarantineError: a silent mis-decode
would put wrong numbers and labels in the warehouse.
"""

from __future__ import annotations

import codecs
import re

from .errors import QuarantineError

# charset-normalizer names -> the codec we decode with (GB18030 is a superset of GBK/GB2312).
_CODEC_ALIASES = {
    "gbk": "gb18030",
    "gb2312": "gb18030",
    "gb18030": "gb18030",
    "hz": "gb18030",
    "big5": "big5",
    "big5hkscs": "big5hkscs",
    "utf_8": "utf-8",
    "utf_16": "utf-16",
    "utf_16_le": "utf-16-le",
    "utf_16_be": "utf-16-be",
}

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_MAX_BAD_RATIO = 0.002  # control + replacement chars per char
_MIN_CJK_RATIO = 0.6  # CJK share of non-ASCII letters for legacy (non-UTF) codecs
_MIN_COMMON_HANZI = 0.6  # share of Han chars in GB2312 level 1, for GB18030 decodes


def _is_cjk(ch: str) -> bool:
    cp = ord(ch)
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x3000 <= cp <= 0x303F  # CJK punctuation
        or 0xFF00 <= cp <= 0xFFEF  # full-width forms
        or 0x2000 <= cp <= 0x206F  # general punctuation (“”、…)
        or 0x20000 <= cp <= 0x2FA1F
    )


# control (Cc, but \t \n \r \f \v), surrogate (Cs), private-use (Co) and replacement characters
_BAD = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\U000f0000-\U000ffffd"
                  "\U00100000-\U0010fffd\ufffd]")


def _bad_ratio(text: str) -> float:
    return len(_BAD.findall(text)) / max(len(text), 1)


def _cjk_ratio(text: str) -> float:
    non_ascii = [ch for ch in text if ord(ch) > 127 and not ch.isspace()]
    if not non_ascii:
        return 1.0
    return sum(_is_cjk(ch) for ch in non_ascii) / len(non_ascii)


def _common_hanzi_ratio(text: str) -> float:
    """Share of Han characters that are among the 3,755 most common (GB2312 level 1).

    Real Chinese prose scores > 0.9; bytes of another encoding decoded as GB18030 land
    uniformly over ~21k code points and score ~0.2.
    """
    han = [ch for ch in text if 0x4E00 <= ord(ch) <= 0x9FFF]
    if len(han) < 20:
        return 1.0
    common = 0
    for ch in han:
        try:
            b = ch.encode("gb2312")
        except UnicodeEncodeError:
            continue
        common += 0xB0 <= b[0] <= 0xD7
    return common / len(han)


def _plausible(text: str, legacy: bool, codec: str = "") -> bool:
    if _bad_ratio(text) > _MAX_BAD_RATIO:
        return False
    if not legacy:
        return True
    if _cjk_ratio(text) < _MIN_CJK_RATIO:
        return False
    return codec != "gb18030" or _common_hanzi_ratio(text) >= _MIN_COMMON_HANZI


def decode_bytes(data: bytes, hint: str | None = None) -> tuple[str, str]:
    """Decode ``data``; returns (text, codec used). ``hint`` is a declared charset (HTML meta).

    Raises QuarantineError("text encoding could not be determined ...") when no decoding
    is both strict and plausible.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise QuarantineError(f"text encoding could not be determined: bad {codec} after BOM ({exc.reason})")
            if _plausible(text, legacy=False):
                return text, codec
            raise QuarantineError(f"text encoding could not be determined: {codec} BOM but text is not plausible")

    candidates: list[str] = []
    if hint:
        try:
            candidates.append(_CODEC_ALIASES.get(codecs.lookup(hint).name.replace("-", "_"), codecs.lookup(hint).name))
        except LookupError:
            pass
    candidates.append("utf-8")
    for codec in candidates:
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        if _plausible(text, legacy=codec not in ("utf-8",), codec=codec):
            return text, codec

    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        name = best.encoding.lower()
        codec = _CODEC_ALIASES.get(name)
        if codec is not None and codec not in candidates:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                text = None
            if text is not None and _plausible(text, legacy=not codec.startswith("utf"), codec=codec):
                return text, codec
    # Last resort: GB18030 is what Chinese government documents use when they are not UTF-8.
    if "gb18030" not in candidates:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            text = None
        if text is not None and _plausible(text, legacy=True, codec="gb18030"):
            return text, "gb18030"
    guess = best.encoding if best is not None else "none"
    raise QuarantineError(f"text encoding could not be determined (best guess {guess}, not trusted)")
