"""Numbers as printed in agreements ("5", "1.1", "1-01", "V", "A-01", "26 bis", "(iv)") and the
order they run in, so the segmenter can tell a heading sequence from a stray cross-reference."""

from __future__ import annotations

import re

__all__ = ("ALPHA NumberKey alpha_value is_first number_key roman_value successor_score").split()

# A number's sort key: its integer components, with a suffix rank (bis = 1, ter = 2; "35A" = 1)
# as the last element so "26 bis" follows "26".
NumberKey = tuple[int, ...]

ALPHA = "abcdefghijklmnopqrstuvwxyz"
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
_ROMAN_FORM = re.compile(r"^m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_WORDS = {
    word: value
    for value, word in enumerate(
        (
            "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
            "fifteen sixteen seventeen eighteen nineteen twenty"
        ).split(),
        start=1,
    )
}
_WORDS.update({"first": 1, "premier": 1, "1er": 1, "primero": 1, "único": 1, "unique": 1})
_SUFFIXES = {"bis": 1, "ter": 2, "quater": 3, "quinquies": 4, "sexies": 5}
_PART = re.compile(r"\d+|[A-Za-z]+")


def roman_value(token: str) -> int | None:
    """Value of a Roman numeral ("xiv" → 14), or None if ``token`` is not a valid one."""
    low = token.lower()
    if not low or not _ROMAN_FORM.match(low):
        return None
    total = 0
    for index, char in enumerate(low):
        value = _ROMAN[char]
        if index + 1 < len(low) and _ROMAN[low[index + 1]] > value:
            total -= value
        else:
            total += value
    return total


def alpha_value(token: str) -> int | None:
    """Position of a letter marker: "a" → 1, "z" → 26, "aa" → 27, "bb" → 28."""
    low = token.lower()
    if len(low) == 1 and low in ALPHA:
        return ALPHA.index(low) + 1
    if len(low) == 2 and low[0] == low[1] and low[0] in ALPHA:
        return 26 + ALPHA.index(low[0]) + 1
    return None


_KEYS: dict[str, NumberKey | None] = {}


def number_key(num: str) -> NumberKey | None:
    """Order key of a heading number (memoised: the same numbers recur in every treaty)."""
    if num in _KEYS:
        return _KEYS[num]
    key = _number_key(num)
    if len(_KEYS) < 8192:
        _KEYS[num] = key
    return key


def _number_key(num: str) -> NumberKey | None:
    """Order key of a heading number, or None when it carries no order at all.

    "5" → (5, 0); "1.1" → (1, 1, 0); "1-01" → (1, 1, 0); "V" → (5, 0); "A-01" → (1, 1, 0);
    "26 bis" → (26, 1); "35A" → (35, 1); "ONE" → (1, 0).
    """
    text = num.strip().strip(".:)(").lower()
    if not text:
        return None
    if text in _WORDS:
        return (_WORDS[text], 0)
    suffix = 0
    tail = re.search(r"\s*(bis|ter|quater|quinquies|sexies)$", text)
    if tail:
        suffix = _SUFFIXES[tail.group(1)]
        text = text[: tail.start()]
    elif re.fullmatch(r"\d+\s?[a-z]", text):
        suffix = ALPHA.index(text[-1]) + 1
        text = text[:-1].strip()
    parts = _PART.findall(text)
    if not parts:
        return None
    values: list[int] = []
    for index, part in enumerate(parts):
        if part.isdigit():
            values.append(int(part))
            continue
        roman = roman_value(part)
        if roman is not None and (len(parts) == 1 or index == 0):
            values.append(roman)
            continue
        letter = alpha_value(part)
        if letter is None:
            return None
        values.append(letter)
    return (*values, suffix)


def is_first(key: NumberKey) -> bool:
    """True for the number that opens a sequence: 1, I, 1.1, 1-01, A-01, 0 (a schedule)."""
    body = key[:-1]
    return key[-1] == 0 and all(value <= 1 for value in body[1:]) and body[0] <= 1


def successor_score(previous: NumberKey, current: NumberKey) -> float:
    """How plausibly ``current`` follows ``previous`` in one heading sequence.

    1.0 for the next number (5 → 6, 1.3 → 1.4, 1.3 → 2.1, 26 → 26 bis); lower for a forward
    gap (a number skipped, as OCR sometimes drops one); negative for going back or repeating.
    """
    if len(current) == 2 and len(previous) == 2 and current[1] == previous[1] == 0:
        gap = current[0] - previous[0]  # the common case: plain numbers, 5 → 6
        if gap == 1:
            return 1.0
        if gap > 1:
            return max(-1.5, 1.0 - 0.35 * (gap - 1))
        return -2.0 if gap == 0 else -3.0
    if current == previous:
        return -2.0
    p_body, c_body = previous[:-1], current[:-1]
    if c_body == p_body and current[-1] > previous[-1]:
        return 1.0  # 26 → 26 bis, 35 → 35A
    if len(p_body) != len(c_body):
        return -1.0 if current > previous else -3.0
    if current < previous:
        return -3.0
    depth = len(c_body)
    if c_body[: depth - 1] == p_body[: depth - 1]:
        gap = c_body[-1] - p_body[-1]
    elif depth > 1 and c_body[0] > p_body[0]:
        # next chapter: 1.7 → 2.1 is the successor; 1.7 → 2.3 a small gap
        gap = (c_body[0] - p_body[0]) + c_body[-1] - 1
    else:
        gap = c_body[-1] + 10
    if gap <= 1:
        return 1.0
    return max(-1.5, 1.0 - 0.35 * (gap - 1))
