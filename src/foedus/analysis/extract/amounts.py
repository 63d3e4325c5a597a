"""Sums of money: "£2.5 billion", "USD 4.5 billion", "€7 bn", "61 billion US dollars"."""

from __future__ import annotations

import re

from foedus.domain.commitment import Amount

__all__ = ["find_amounts"]

_SYMBOLS = {"$": "USD", "US$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₴": "UAH", "C$": "CAD"}
_CODES = "USD|EUR|GBP|JPY|UAH|CAD|AUD|CHF|SEK|NOK|DKK|PLN|CZK|SDR"
_WORDS = {
    "us dollars": "USD",
    "u.s. dollars": "USD",
    "dollars": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "pounds sterling": "GBP",
    "pounds": "GBP",
    "yen": "JPY",
    "hryvnias": "UAH",
    "hryvnia": "UAH",
    "swiss francs": "CHF",
    "canadian dollars": "CAD",
}
_SCALE = {
    "thousand": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
_NUMBER = r"\d{1,3}(?:[,\s]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE_WORDS = r"(?:thousand|million|billion|trillion|mn|bn|tn|m|b)\b"
_AMOUNT = re.compile(
    rf"(?P<sym>US\$|C\$|[$£€¥₴])\s?(?P<n1>{_NUMBER})(?:\s?(?P<s1>{_SCALE_WORDS}))?"
    rf"|\b(?P<code>{_CODES})\s?(?P<n2>{_NUMBER})(?:\s?(?P<s2>{_SCALE_WORDS}))?"
    rf"|\b(?P<n3>{_NUMBER})\s?(?:(?P<s3>{_SCALE_WORDS})\s?)?(?:(?P<code3>{_CODES})\b"
    rf"|(?P<word>{'|'.join(sorted(_WORDS, key=len, reverse=True))})\b)",
    re.IGNORECASE,
)


def find_amounts(text: str, offset: int = 0) -> list[Amount]:
    """Amounts of money in ``text``; offsets are shifted by ``offset``."""
    found: list[Amount] = []
    for match in _AMOUNT.finditer(text):
        groups = match.groupdict()
        number = groups["n1"] or groups["n2"] or groups["n3"]
        scale_word = (groups["s1"] or groups["s2"] or groups["s3"] or "").lower()
        if groups["sym"]:
            currency = _SYMBOLS[groups["sym"].upper() if groups["sym"] != "US$" else "US$"]
        elif groups["code"]:
            currency = groups["code"].upper()
        elif groups["code3"]:
            currency = groups["code3"].upper()
        else:
            currency = _WORDS[groups["word"].lower()]
        value = float(re.sub(r"[,\s]", "", number)) * _SCALE.get(scale_word, 1.0)
        found.append(
            Amount(value, currency, match.group(0), offset + match.start(), offset + match.end())
        )
    return found
