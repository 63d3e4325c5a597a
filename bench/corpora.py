"""The shared evaluation corpora (../shared/corpora): locating them and turning their
markup into test documents with known answers.

ToTA treaties come as XML with chapter/article markup. :func:`render_tota` writes one as the
plain text a real file would hold — headings on their own lines, in one of several styles
real agreements use — and returns, for every article, the number and body a parser must find.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from foedus.analysis.normalise import normalise

__all__ = ["STYLES", "TruthArticle", "render_tota", "shared_dir", "tota_files"]

_KEYWORD = re.compile(r"^\s*(?:ARTICLE|ARTÍCULO|ARTICULO|Article|Artículo)?\s*[:\-–]?\s*", re.I)


@dataclass(frozen=True)
class TruthArticle:
    num: str
    body: str


@dataclass(frozen=True)
class Rendered:
    name: str
    text: str
    language: str
    articles: tuple[TruthArticle, ...]
    style: str


def shared_dir() -> Path | None:
    """``../shared`` next to the repository (or $FOEDUS_SHARED), if present."""
    env = os.environ.get("FOEDUS_SHARED")
    path = Path(env) if env else Path(__file__).resolve().parent.parent.parent / "shared"
    return path if (path / "corpora").is_dir() else None


def tota_files() -> list[Path]:
    root = shared_dir()
    if root is None:
        return []
    return sorted(
        (root / "corpora" / "tota").glob("*.xml"), key=lambda p: int(p.stem.split("_")[1])
    )


def _article_word(language: str, upper: bool) -> str:
    word = {"es": "Artículo", "fr": "Article"}.get(language, "Article")
    return word.upper() if upper else word


# Each style renders (word, num, heading) as heading lines; "{b}" marks where the body goes.
STYLES = {
    "next-line": "{word} {num}\n{heading}",
    "upper": "{WORD} {num}\n{HEADING}",
    "colon": "{word} {num}: {heading}",
    "dash": "{word} {num} – {heading}",
    "abbrev": "Art. {num} {heading}",
    "blank-between": "{WORD} {num}\n\n{heading}",
    "numbered": "{num}. {heading}",
}


def _heading_lines(style: str, language: str, num: str, heading: str | None) -> str:
    word = _article_word(language, upper=False)
    if not heading:
        if style == "numbered":
            return f"{num}."
        upper = style in {"upper", "blank-between"}
        return f"{_article_word(language, upper)} {num}" if style != "abbrev" else f"Art. {num}"
    return STYLES[style].format(
        word=word, WORD=word.upper(), num=num, heading=heading, HEADING=heading.upper()
    )


def _truth_num(number: str | None, name: str | None) -> tuple[str | None, str | None]:
    if number is None:
        return None, name
    num = _KEYWORD.sub("", number).strip()
    if not num and name:
        match = re.match(r"(\d+(?:\.\d+)*)\s+(.*)", name)
        if match:
            return match.group(1), match.group(2)
    return (num or None), name


def render_tota(path: Path, style: str | None = None) -> Rendered:
    """Render one ToTA XML file as plain text in ``style`` (default: chosen by file number)."""
    root = ET.parse(path).getroot()
    language = (root.findtext("meta/language") or "en").strip()
    number = int(path.stem.split("_")[1])
    names = list(STYLES)
    style = style or names[number % len(names)]
    articles = [_truth_num(a.get("number"), a.get("name")) for a in root.iter("article")]
    if style == "numbered" and not all(n is None or n.isdigit() for n, _ in articles):
        style = "next-line"
    pieces: list[str] = []
    truth: list[TruthArticle] = []
    for chapter in root.iter("chapter"):
        chapter_number = chapter.get("number")
        if chapter_number:
            title = chapter.get("name")
            pieces.append(f"{chapter_number}\n{title}" if title else chapter_number)
        for article in chapter.iter("article"):
            num, heading = _truth_num(article.get("number"), article.get("name"))
            body = normalise(article.text or "")
            if num is None:
                if body:
                    pieces.append(body)
                continue
            pieces.append(_heading_lines(style, language, num, heading))
            if body:
                pieces.append(body)
            truth.append(TruthArticle(num, body))
    text = "\n\n".join(p for p in pieces if p)
    return Rendered(path.name, normalise(text), language, tuple(truth), style)
