"""Numbers as printed in 决算 documents -> Decimal. One parser for the whole project."""

from __future__ import annotations

import re
import string
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache

# Printed placeholders meaning "no value" (NULL, never 0).
MISSING_TOKENS = frozenset({"", "-", "--", "—", "——", "–", "－", "－－", "/", "无", "*", "…", "...", "--%", "-%"})

# A printed number: optional sign, digits with optional thousands separators, optional decimals.
NUMBER_RE = re.compile(r"[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")

MONEY_UNITS_TO_WAN = {
    "万元": Decimal(1),
    "万": Decimal(1),
    "元": Decimal("0.0001"),
    "百元": Decimal("0.01"),
    "千元": Decimal("0.1"),
    "亿元": Decimal(10000),
}


def _fold(text: str) -> str:
    """NFKC, the minus sign, and no zero-width / bidi controls (category Cf) inside a number."""
    if text.isascii():  # NFKC leaves ASCII alone and ASCII has no Cf character
        return text.strip()
    s = unicodedata.normalize("NFKC", text)
    if not s.isprintable():  # every Cf character is non-printable
        s = "".join(c for c in s if unicodedata.category(c) != "Cf")
    return s.replace("−", "-").strip()


# A CJK ideograph other than 无 survives the fold (NFKC leaves them alone, none is Cf): a text
# holding one is neither a placeholder nor a number, with no NFKC pass over a whole label.
_IDEOGRAPH_NOT_WU = re.compile(r"[\u4e00-\u65df\u65e1-\u9fff]")


@lru_cache(maxsize=1 << 14)
def is_missing(text: str | None) -> bool:
    """True for blank cells and printed placeholders (-, --, 无 ...)."""
    if text is None:
        return True
    if _IDEOGRAPH_NOT_WU.search(text):
        return False
    return _fold(text).replace(" ", "") in MISSING_TOKENS


@lru_cache(maxsize=1 << 14)
def parse_number(text: str | None) -> Decimal | None:
    """Parse one printed number ("1,145.52", "１２.５", "-3.5", "12.0%") into a Decimal.

    Returns None for missing markers and for anything that is not a single number.
    Memoised (a table prints the same cells many times; Decimals are immutable).
    """
    if is_missing(text) or _IDEOGRAPH_NOT_WU.search(text or ""):
        return None
    s = _fold(text or "").replace(" ", "")
    if s.endswith("%"):
        s = s[:-1]
    if not NUMBER_RE.fullmatch(s):
        return None
    try:
        return Decimal(s.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - NUMBER_RE already guards this
        return None


def to_wan(value: Decimal | None, unit: str | None) -> Decimal | None:
    """Normalise a money amount to 万元; None for non-money units or missing values."""
    if value is None or unit is None:
        return None
    factor = MONEY_UNITS_TO_WAN.get(unit)
    return None if factor is None else value * factor


def numbers_in(text: str) -> list[Decimal]:
    """Every number printed in ``text`` (separators removed), in order."""
    out = []
    for m in NUMBER_RE.finditer(_fold(text)):
        try:
            out.append(Decimal(m.group().replace(",", "").replace("−", "-")))
        except InvalidOperation:  # pragma: no cover
            pass
    return out


# Words that make a printed amount approximate: 约100万元, 大约, 近100万元, 100余万元, 100多万元.
APPROX_BEFORE = re.compile(r"(?:约|大约|约为|约合|近|将近|接近|逾|超过)\s*$")
APPROX_AFTER = re.compile(r"^\s*(?:余|多|左右|上下)")


# A cheap pre-check on the raw text around a number. The fold of a text made of ASCII, CJK unified
# ideographs, the ideographic space and punctuation (U+3000-U+3003, U+3008-U+3011) and the
# full-width ASCII forms (U+FF01-U+FF5E) holds only those ideographs and ASCII (NFKC decomposes
# the others to ASCII, and composition never makes an ideograph), so without a character of the
# approximate words in it neither pattern can match; any other character takes the full fold.
# The key characters are read off the two patterns (one character of each word, chosen to cover as
# many words as it can: 约 for 约/大约/约为/约合), so a word added above is covered; a pattern of
# another shape than one group of plain words turns the pre-check off.
_PLAIN = "\x00-\x7f\u4e00-\u9fff\u3000-\u3003\u3008-\u3011\uff01-\uff5e"
_WORD_GROUP = re.compile(r"\^?(?:\\s\*)?\(\?:([^()\[\]\\.*+?{}^$|]+(?:\|[^()\[\]\\.*+?{}^$|]+)*)\)(?:\\s\*)?\$?")


def approx_key_characters(pattern: re.Pattern[str]) -> str | None:
    """Characters one of which every match of ``pattern`` (one of APPROX_BEFORE / APPROX_AFTER)
    holds, or None when the pattern is not an optionally anchored group of plain words."""
    m = _WORD_GROUP.fullmatch(pattern.pattern)
    if m is None or pattern.flags & ~re.UNICODE:
        return None
    return cover_characters(m.group(1).split("|"))


def cover_characters(words: list[str] | tuple[str, ...]) -> str:
    """Characters one of which each of ``words`` holds, found by a greedy cover (the character in
    most of the words left, the earliest on a tie): a few characters that stand for many words,
    for a cheap "can any of them be here" test (the approximate wordings, the prose keywords)."""
    words, keys = list(words), ""
    while words:
        seen = list(dict.fromkeys(ch for w in words for ch in w))
        best = max(seen, key=lambda ch: sum(ch in w for w in words))
        keys += best
        words = [w for w in words if best not in w]
    return keys


def _may_approx(pattern: re.Pattern[str]) -> re.Pattern[str]:
    keys = approx_key_characters(pattern)
    return re.compile(f"[^{_PLAIN}]|[{re.escape(keys)}]") if keys else re.compile("")  # "": always search


_MAY_APPROX_BEFORE = _may_approx(APPROX_BEFORE)
_MAY_APPROX_AFTER = _may_approx(APPROX_AFTER)


def is_approximate(text: str, start: int, end: int) -> bool:
    """True when the number printed at ``text[start:end]`` is qualified as approximate."""
    before = text[max(0, start - 4):start]
    if _MAY_APPROX_BEFORE.search(before) and APPROX_BEFORE.search(_fold(before)):
        return True
    after = text[end:end + 3]
    return bool(_MAY_APPROX_AFTER.search(after) and APPROX_AFTER.match(_fold(after)))


def approximate_in(evidence: str, value_text: str | None) -> bool:
    """True when any printing of ``value_text`` in ``evidence`` is approximate (约/余/多 ...).

    Conservative: when the same digits are printed twice and one is approximate, the fact is
    flagged — an exact number must never be stored for an approximate one."""
    if not value_text:
        return False
    i = evidence.find(value_text)
    while i >= 0:
        if is_approximate(evidence, i, i + len(value_text)):
            return True
        i = evidence.find(value_text, i + 1)
    return False


def value_in_evidence(value: Decimal | float | int | str | None, evidence: str,
                      at: tuple[int, int] | None = None) -> bool:
    """True when ``evidence`` prints ``value`` (sign-insensitive, thousands separators ignored).

    ``at``: where the caller saw the number printed in ``evidence`` (prose facts know it). When
    the printing there stands alone (``_stands_alone``) and states ``value``, the answer is True
    without folding the evidence and scanning every number in it; otherwise the full scan. The
    printing states ``value`` when it reads as ``str(v)`` (a Decimal's string reads back as
    itself), else when its Decimal equals ``v``: the full scan yields that Decimal, and its
    ``abs`` (rounded to the context) equals ``v``, which the context has already rounded."""
    if value is None:
        return True
    v = abs(value) if type(value) is Decimal else abs(Decimal(str(value)))  # str() of a Decimal reads back as itself
    if at is not None:
        printed = _alone(evidence, at[0], at[1])
        if printed is not None and (printed == str(v) or Decimal(printed.replace(",", "")) == v):
            return True
    return any(abs(n) == v for n in numbers_in(evidence))


# Inert characters: their own NFKC form in any context (no decomposition, no composition
# with a neighbour, not Cf) and no NUMBER_RE character: CJK unified ideographs, the ASCII space
# and ASCII punctuation other than the number's own "-,." and the composable "<=>".
_INERT_ASCII = frozenset(" " + "".join(c for c in string.punctuation if c not in "-,.<=>"))  # and U+4E00-U+9FFF


def _stands_alone(evidence: str, i: int, j: int) -> bool:
    """True when ``NUMBER_RE.finditer(_fold(evidence))`` yields ``evidence[i:j]`` as one number.

    ``evidence[i:j]`` is an ASCII NUMBER_RE number starting with a digit, between inert
    characters (or the ends of the evidence). The fold keeps it and its neighbours as they are:
    NFKC decomposes none of them and composes none with another character, the Cf filter and the
    "−" replacement leave them, and ``strip`` stops at the number (a space next to it goes only
    when nothing but whitespace lies beyond, leaving the number at an end). In the folded text
    no match runs into the number from the left (its left neighbour is no number character), so the scan tries
    a match at its first digit, and the pattern's greedy path there stops exactly at its end
    (the right neighbour is no digit, "," or ".")."""
    return _alone(evidence, i, j) is not None


def _alone(evidence: str, i: int, j: int) -> str | None:
    """``evidence[i:j]`` when it stands alone (``_stands_alone``), else None. Without a "," an
    ASCII text starting with a digit is a NUMBER_RE number (digits, then at most "." and digits)
    exactly when it ends in a digit and is all digits once its first "." is dropped."""
    if not 0 <= i < j <= len(evidence):
        return None
    printed = evidence[i:j]
    if not printed.isascii() or not printed[0].isdigit():
        return None
    if "," in printed:
        if not NUMBER_RE.fullmatch(printed):
            return None
    elif not (printed[-1].isdigit() and printed.replace(".", "", 1).isdigit()):
        return None
    if i > 0:
        c = evidence[i - 1]
        if c not in _INERT_ASCII and not "\u4e00" <= c <= "\u9fff":
            return None
    if j < len(evidence):
        c = evidence[j]
        if c not in _INERT_ASCII and not "\u4e00" <= c <= "\u9fff":
            return None
    return printed
