"""Which language an agreement is written in, from its most frequent function words."""

from __future__ import annotations

import re

__all__ = ["detect_language"]

_WORD = re.compile(r"[^\W\d_]+")
_MARKERS = {
    "en": "the of and to in shall this or by be with for any as",
    "fr": "le la les des et du en que une est dans pour par sur au",
    "es": "el la los las de y en que del por con para una se al",
    "pt": "o os as de e em que do da dos das para com uma não",
    "de": "der die das und zu den von mit im ist auf für dem des",
    "ru": "и в на с по не что к о от для или его это статья",
    "uk": "і в на з та до що у не від для або його це стаття",
}
_SETS = {lang: frozenset(words.split()) for lang, words in _MARKERS.items()}
_UKRAINIAN = frozenset("іїєґ")
_RUSSIAN = frozenset("ыэъё")


def detect_language(text: str, sample: int = 20000) -> str | None:
    """ISO 639-1 code of the dominant language of ``text``, or None when unsure."""
    words = _WORD.findall(text[:sample].lower())
    if len(words) < 5:
        return None
    counts = {lang: sum(1 for w in words if w in vocab) for lang, vocab in _SETS.items()}
    best = max(counts, key=counts.__getitem__)
    if counts[best] < max(2, len(words) // 50):
        return None
    if best in {"ru", "uk"}:
        letters = set(text[:sample].lower())
        if letters & _UKRAINIAN and not letters & _RUSSIAN:
            return "uk"
        if letters & _RUSSIAN and not letters & _UKRAINIAN:
            return "ru"
    return best
