"""Detectors for the rows of the portfolio matrix: each reads one agreement (its text, its
commitments and its profile) into a :class:`~foedus.compare.cells.Cell` with evidence.

Text facts (duration, extension, notice) are found by pattern in the whole text and quoted
with the provision holding them; themes (frozen assets, CBRN, just peace…) by pattern in the
clauses; military and economic rows by the commitment categories of the clauses.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from foedus.compare.cells import (
    ABSENT,
    Cell,
    Evidence,
    Subject,
    commitment_cell,
    eid_at,
    quote,
)
from foedus.domain.commitment import Commitment, Modality

Detector = Callable[[Subject], Cell]
_I = re.IGNORECASE


def _promises(subject: Subject, declarations: bool = False) -> list[Commitment]:
    return [
        c
        for c in subject.extraction.commitments
        if declarations or c.modality is not Modality.DECLARATION
    ]


def _matching(
    subject: Subject, pattern: re.Pattern[str], declarations: bool = False
) -> list[Commitment]:
    return [c for c in _promises(subject, declarations) if pattern.search(c.text)]


def _in_category(subject: Subject, category: str) -> list[Commitment]:
    return [c for c in _promises(subject) if category in c.categories]


def _first(commitments: Sequence[Commitment], pattern: re.Pattern[str]) -> str:
    for c in commitments:
        match = pattern.search(c.text)
        if match:
            return " ".join(match.group(0).split())
    return ""


def _listing(commitments: Sequence[Commitment], pattern: re.Pattern[str], limit: int = 4) -> str:
    found = {m.group(0).lower(): None for c in commitments for m in pattern.finditer(c.text)}
    names = list(found)
    return ", ".join(names[:limit]) + (f" (+{len(names) - limit})" if len(names) > limit else "")


def _text_cell(subject: Subject, pattern: re.Pattern[str], level: float) -> Cell:
    """A cell for a fact stated anywhere in the text (duration, notice), quoting the match."""
    match = pattern.search(subject.document.text)
    if match is None:
        return ABSENT
    eid = eid_at(subject.document, match.start())
    node = subject.document.find(eid)
    clause = quote(node.text if node and not node.children else match.group(0))
    value = " ".join(match.group(0).split())
    return Cell(True, value, None, level, (), (Evidence(eid, clause, match.start(), match.end()),))


# --- legal form, duration and exit ---------------------------------------------------------


def legal_form(subject: Subject) -> Cell:
    binding = subject.extraction.bindingness
    spans = binding.political_evidence if binding.political else binding.treaty_evidence
    evidence = tuple(
        Evidence(eid_at(subject.document, s.start), s.text, s.start, s.end) for s in spans[:3]
    )
    value = "political commitment" if binding.political else "treaty"
    return Cell(
        not binding.political,
        f"{value} (bindingness {binding.score:.2f})",
        None,
        binding.score,
        (),
        evidence,
    )


_TERM = re.compile(
    r"\b(?:remain\s+in\s+(?:force|effect)\s+(?:for\s+(?:a\s+(?:period|term)\s+of\s+)?"
    r"[\w-]+(?:\s*\(\d+\))?\s+years|indefinitely|until\s+[^.;]{3,60})"
    r"|(?:for\s+)?a\s+(?:period|term)\s+of\s+[\w-]+(?:\s*\(\d+\))?\s+years"
    r"|(?:of\s+)?(?:unlimited|indefinite)\s+duration)",
    _I,
)
_EXTEND = re.compile(
    r"\b(?:(?:may|shall|will)\s+(?:decide\s+to\s+)?extend\s+(?:it|this\s+\w+|the\s+(?:term|duration|period))"
    r"|extension\s+of\s+(?:this|the|its)\s+\w+|(?:automatically|tacitly)\s+(?:extended|renewed|prolonged)"
    r"|renew(?:ed|al)\s+(?:of\s+)?(?:this|the)\s+(?:Agreement|Treaty|Memorandum|Arrangement))[^.;\n]{0,40}",
    _I,
)
_NOTICE = re.compile(
    r"\b[\w-]+(?:\s*\(\d+\))?\s+(?:months?|years?|days?)['’]?\s+(?:prior\s+)?(?:written\s+)?"
    r"(?:notice|notification)|\bnotice\s+of\s+[\w-]+\s+(?:months?|years?)",
    _I,
)


_YEARS = re.compile(r"\b([\w-]+)(?:\s*\(\d+\))?\s+years\b", _I)


def duration(subject: Subject) -> Cell:
    cell = _text_cell(subject, _TERM, 0.6)
    if not cell.present:
        return cell
    years = _YEARS.search(cell.value)
    value = f"{years.group(1).lower()} years" if years else "indefinite"
    if not years and re.search(r"\buntil\b", cell.value, _I):
        value = cell.value
    return Cell(True, value, None, 0.9 if value == "indefinite" else 0.6, (), cell.evidence)


def extension(subject: Subject) -> Cell:
    cell = _text_cell(subject, _EXTEND, 0.5)
    if cell.present and re.search(r"\bautomatic|\btacit", cell.value, _I):
        return Cell(True, "automatic: " + cell.value, None, 0.8, (), cell.evidence)
    return cell


def notice(subject: Subject) -> Cell:
    return _text_cell(subject, _NOTICE, 0.5)


# --- response to a future attack -------------------------------------------------------------

_CONSULT = re.compile(r"\bconsult(?:ations?|ing|s)?\b|\bmeet\b|\bconvene\b", _I)
_WITHIN = re.compile(
    r"\b(?:within|no\s+later\s+than)\s+[\w-]+(?:\s*\(\d+\))?\s+(?:hours?|days?)\b", _I
)
_MEASURES = {
    "armed force": re.compile(r"\barmed\s+force\b|\bmilitary\s+action\b", _I),
    "military aid": re.compile(
        r"\bmilitary\s+(?:equipment|assistance|aid)|\bdefence\s+articles|\bammunition", _I
    ),
    "economic aid": re.compile(r"\beconomic\b|\bfinancial\s+assistance", _I),
    "sanctions": re.compile(r"\bsanctions?\b|\brestrictive\s+measures", _I),
    "diplomatic": re.compile(r"\bdiplomatic\b|\bSecurity\s+Council\b", _I),
}


def _response_clauses(subject: Subject) -> list[Commitment]:
    return [
        c
        for c in _promises(subject)
        if "response_mechanism" in c.categories or "mutual_defence" in c.categories
    ]


def trigger(subject: Subject) -> Cell:
    found = [c for c in _response_clauses(subject) if c.trigger is not None]
    if not found:
        return ABSENT
    first = min(found, key=lambda c: c.start)
    return commitment_cell(found, quote(first.trigger.text if first.trigger else "", 90))


def deadline(subject: Subject) -> Cell:
    found = [
        c for c in _response_clauses(subject) if _CONSULT.search(c.text) and _WITHIN.search(c.text)
    ]
    return commitment_cell(found, _first(found, _WITHIN))


def measures(subject: Subject) -> Cell:
    clauses = _response_clauses(subject)
    articles = {c.eid.split("__")[0] for c in clauses}
    pool = [c for c in _promises(subject) if c.eid.split("__")[0] in articles]
    kinds = {kind: [c for c in pool if rx.search(c.text)] for kind, rx in _MEASURES.items()}
    found = [c for hits in kinds.values() for c in hits]
    named = [kind for kind, hits in kinds.items() if hits]
    return commitment_cell(list({id(c): c for c in found}.values()), ", ".join(named))


# --- money -----------------------------------------------------------------------------------

_YEAR = re.compile(r"\b(?:19|20)\d\d(?:\s*[/–-]\s*(?:19|20)?\d\d)?\b")
_MULTI = re.compile(
    r"\beach\s+(?:subsequent\s+)?year|\bannually\b|\bevery\s+year|\bper\s+year|\bmulti-?year"
    r"|\bfor\s+the\s+duration\s+of\s+this|\band\s+beyond\b|\bover\s+(?:the\s+next\s+)?[\w-]+\s+years",
    _I,
)
_FLOOR = re.compile(
    r"\bat\s+least\s+the\s+same\s+level|\bno\s+less\s+than|\bnot\s+(?:fall|drop)\s+below"
    r"|\bmaintain\s+(?:at\s+least\s+)?(?:the\s+)?(?:current|existing|present)\s+level",
    _I,
)


def _money_clauses(subject: Subject) -> list[Commitment]:
    return [c for c in _promises(subject, declarations=True) if c.amounts]


def amount(subject: Subject) -> Cell:
    found = _money_clauses(subject)
    amounts = [a for c in found for a in c.amounts]
    value = "; ".join(dict.fromkeys(" ".join(a.text.split()) for a in amounts))
    return commitment_cell(found, quote(value, 80), amounts)


def years(subject: Subject) -> Cell:
    found = _money_clauses(subject)
    if not found:
        return ABSENT
    years = list(dict.fromkeys(m.group(0) for c in found for m in _YEAR.finditer(c.text)))
    multi = len(years) > 1 or any(
        _MULTI.search(c.text) or "/" in y for c in found for y in years[:1]
    )
    multi = multi or any(_MULTI.search(c.text) for c in found)
    label = "multi-year" if multi else "one year" if years else "years not stated"
    cell = commitment_cell(found, f"{label}" + (f" ({', '.join(years[:4])})" if years else ""))
    return Cell(multi, cell.value, cell.modality, cell.level, (), cell.evidence, cell.hedged)


def floor(subject: Subject) -> Cell:
    found = _matching(subject, _FLOOR)
    return commitment_cell(found, _first(found, _FLOOR))


# --- named capabilities and themes -----------------------------------------------------------

EQUIPMENT = re.compile(
    r"\b(?:F-16s?|artillery|ammunition|armou?red(?:\s+and\s+mechani[sz]ed)?\s+vehicles|tanks|drones"
    r"|combat\s+aviation|long-range\s+fires|maritime\s+security|naval\s+\w+|electronic\s+warfare"
    r"|demining\s+equipment|medical\s+\w+|non-lethal\s+\w+)",
    _I,
)
AIR = re.compile(
    r"\b(?:Patriot|NASAMS|IRIS-T|SAMP/T|interceptors|radars|air\s+(?:and\s+missile\s+)?defen[cs]e)",
    _I,
)
BY_YEAR = re.compile(r"\bby\s+(?:the\s+end\s+of\s+)?(?:19|20)\d\d\b", _I)
_NATO = re.compile(r"\bNATO\b|\bNorth\s+Atlantic\b", _I)
_PATH = re.compile(
    r"\b(?:become\s+a\s+member|membership|accession|accede|irreversible\s+path|path\s+to\b"
    r"|bridge\s+to\b|aspirations?|future\s+(?:is\s+)?in\b|invit\w+)[^.;]{0,60}",
    _I,
)
_EU = re.compile(r"\bEuropean\s+Union\b|\bEU\b", _I)
_EU_PATH = re.compile(
    r"\b(?:accession|membership|integration|candida\w+|member\s+state\s+of)\b[^.;]{0,50}", _I
)
INFRA = re.compile(r"\binfrastructure\b", _I)
ASSETS = re.compile(
    r"\b(?:frozen|immobili[sz]ed|sovereign)\s+assets|\bcompensat\w+|\breparation|\bregister\s+of\s+damage"
    r"|\bextraordinary\s+revenues|\bwindfall",
    _I,
)
TRIBUNAL = re.compile(
    r"\bspecial\s+tribunal|\bcrime\s+of\s+aggression|\bwar\s+crimes|\baccountab\w+"
    r"|\bInternational\s+Criminal\s+Court|\bprosecut\w+|\bimpunity",
    _I,
)
PEACE = re.compile(
    r"\bjust(?:,)?\s+(?:and\s+lasting\s+|comprehensive\s+)*peace|\bpeace\s+formula|\blasting\s+peace|\bpeace\s+summit",
    _I,
)
CBRN = re.compile(
    r"\bCBRN\b|\bchemical\b|\bbiological\b|\bradiological\b|\bweapons\s+of\s+mass\s+destruction"
    r"|\bnuclear\s+(?:weapons?|threats?|attack|incident|blackmail|safety|security|aggression)",
    _I,
)
INFOSEC = re.compile(
    r"\bclassified\s+information|\binformation\s+security|\bcyber\w*|\bdisinformation", _I
)
_BODY = re.compile(
    r"\b(?:Joint\s+(?:Committee|Commission|Council|Defence\s+Council)|Steering\s+(?:Committee|Group)"
    r"|Working\s+Group|coordinators?|points?\s+of\s+contact)",
    _I,
)
_RHYTHM = re.compile(
    r"\b(?:at\s+least\s+)?(?:once|twice)\s+a\s+year|\bannually\b|\bevery\s+\w+\s+months", _I
)


def category_row(category: str, extra: re.Pattern[str] | None = None) -> Detector:
    def detect(subject: Subject) -> Cell:
        found = _in_category(subject, category)
        return commitment_cell(found, _listing(found, extra) if extra else "")

    return detect


def theme(pattern: re.Pattern[str], declarations: bool = False) -> Detector:
    def detect(subject: Subject) -> Cell:
        found = _matching(subject, pattern, declarations)
        return commitment_cell(found, _listing(found, pattern, 3))

    return detect


def nato(subject: Subject) -> Cell:
    found = [c for c in _matching(subject, _NATO, True) if _PATH.search(c.text)]
    return commitment_cell(found, quote(_first(found, _PATH), 80))


def eu(subject: Subject) -> Cell:
    found = [c for c in _matching(subject, _EU, True) if _EU_PATH.search(c.text)]
    return commitment_cell(found, quote(_first(found, _EU_PATH), 80))


def implementation(subject: Subject) -> Cell:
    found = _in_category(subject, "implementation_review")
    parts = [p for p in (_first(found, _BODY), _first(found, _RHYTHM)) if p]
    return commitment_cell(found, ", ".join(parts))
