"""The template check (playbook): does a draft contain the elements a template requires?

A template is a YAML file of required elements — id, description, commitment categories, cue
phrases, the minimum modality that counts and who must bear it (see the shipped
data/templates/g7-vilnius-2023.yaml for the format). Checking a draft gives each element a
status with its evidence: ``present`` (a clause reaches the minimum modality, unhedged),
``weak`` (clauses address it, but all are below the minimum or hedged) or ``missing``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from foedus.analysis.extract import Extraction
from foedus.analysis.extract.categories import load_categories
from foedus.compare.cells import Evidence, quote
from foedus.domain.commitment import Commitment, Modality
from foedus.domain.errors import InputError
from foedus.domain.provision import cite_eid

__all__ = [
    "ElementResult",
    "Status",
    "Template",
    "TemplateCheck",
    "TemplateError",
    "available_templates",
    "check_template",
    "load_template",
]

# How much each modality counts: a prohibition binds as firmly as an obligation.
FORCE = {
    Modality.OBLIGATION: 4,
    Modality.PROHIBITION: 4,
    Modality.COMMITMENT: 3,
    Modality.ASPIRATION: 2,
    Modality.PERMISSION: 1,
    Modality.DECLARATION: 0,
}
_BEARERS = ("any", "partner", "recipient")


class TemplateError(InputError):
    """Raised when a template cannot be found or is not a valid template file."""


class Status(StrEnum):
    PRESENT = "present"
    WEAK = "weak"
    MISSING = "missing"


@dataclass(frozen=True, slots=True)
class Element:
    id: str
    description: str
    categories: tuple[str, ...]
    cues: re.Pattern[str] | None
    min_modality: Modality
    bearer: str = "any"


@dataclass(frozen=True, slots=True)
class Template:
    id: str
    title: str
    elements: tuple[Element, ...]
    recipient: str | None = None
    source: str = ""


@dataclass(frozen=True, slots=True)
class ElementResult:
    """One element of the template as found in the draft."""

    id: str
    description: str
    status: Status
    reason: str
    evidence: tuple[Evidence, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "description": self.description,
            "status": self.status.value,
            "reason": self.reason,
            "evidence": [e.as_dict() for e in self.evidence],
        }


@dataclass(frozen=True, slots=True)
class TemplateCheck:
    """Every element of ``template`` checked against the draft ``source``."""

    template: str
    title: str
    source: str
    results: tuple[ElementResult, ...]

    def count(self, status: Status) -> int:
        return sum(1 for r in self.results if r.status is status)

    def as_dict(self) -> dict[str, Any]:
        return {
            "template": self.template,
            "title": self.title,
            "source": self.source,
            "summary": {s.value: self.count(s) for s in Status},
            "elements": [r.as_dict() for r in self.results],
        }


def available_templates() -> tuple[str, ...]:
    """Names of the templates shipped with foedus."""
    folder = resources.files("foedus").joinpath("data/templates")
    return tuple(sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml")))


def load_template(name_or_path: str | Path) -> Template:
    """A shipped template by name ("g7-vilnius-2023") or a template file by path."""
    path = Path(name_or_path)
    if path.suffix in {".yaml", ".yml"} or path.exists():
        if not path.is_file():
            raise TemplateError("no such template file", path)
        try:
            raw = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise TemplateError(f"cannot read the template: {exc}", path) from None
        return parse_template(raw, str(path))
    return _shipped(str(name_or_path))


@cache
def _shipped(name: str) -> Template:
    if name not in available_templates():
        known = ", ".join(available_templates())
        raise TemplateError(f"no template named {name!r} (shipped: {known})", name)
    raw = resources.files("foedus").joinpath(f"data/templates/{name}.yaml").read_text("utf-8")
    return parse_template(raw, name)


def _text_list(entry: dict[str, Any], key: str, where: str, source: str) -> tuple[str, ...]:
    value = entry.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TemplateError(f"{where}: '{key}' must be a list of strings", source)
    return tuple(value)


def _element(entry: Any, index: int, source: str) -> Element:
    where = f"element {index + 1}"
    if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
        raise TemplateError(f"{where}: needs an 'id'", source)
    where = f"element {entry['id']!r}"
    categories = _text_list(entry, "categories", where, source)
    known = {c.id for c in load_categories()}
    unknown = [c for c in categories if c not in known]
    if unknown:
        raise TemplateError(f"{where}: unknown categories {', '.join(unknown)}", source)
    cues = _text_list(entry, "cues", where, source)
    if not categories and not cues:
        raise TemplateError(f"{where}: needs categories or cues", source)
    try:
        pattern = (
            re.compile(r"\b(?:" + "|".join(f"(?:{c})" for c in cues) + r")\b", re.IGNORECASE)
            if cues
            else None
        )
    except re.error as exc:
        raise TemplateError(f"{where}: invalid cue ({exc})", source) from None
    try:
        minimum = Modality(str(entry.get("min_modality", "commitment")))
    except ValueError:
        choices = ", ".join(m.value for m in Modality)
        raise TemplateError(f"{where}: min_modality must be one of {choices}", source) from None
    bearer = str(entry.get("bearer", "any"))
    if bearer not in _BEARERS:
        raise TemplateError(f"{where}: bearer must be one of {', '.join(_BEARERS)}", source)
    description = " ".join(str(entry.get("description", entry["id"])).split())
    return Element(entry["id"], description, categories, pattern, minimum, bearer)


def parse_template(raw: str, source: str) -> Template:
    """A template from YAML text; raises :class:`TemplateError` naming what is wrong."""
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        raise TemplateError(f"not valid YAML ({str(exc).splitlines()[0]})", source) from None
    if not isinstance(data, dict) or not isinstance(data.get("elements"), list):
        raise TemplateError("a template needs a list of 'elements'", source)
    elements = tuple(_element(e, k, source) for k, e in enumerate(data["elements"]))
    ids = [e.id for e in elements]
    if len(set(ids)) != len(ids):
        raise TemplateError("element ids must be unique", source)
    recipient = data.get("recipient")
    return Template(
        str(data.get("id", Path(source).stem)),
        str(data.get("title", data.get("id", source))),
        elements,
        str(recipient) if recipient else None,
        source,
    )


def _borne(commitment: Commitment, element: Element, recipient: str | None) -> bool:
    if element.bearer == "any" or recipient is None:
        return True
    is_recipient = [recipient.lower() in p.lower() for p in commitment.parties]
    if element.bearer == "recipient":
        return any(is_recipient)
    return not commitment.parties or not all(is_recipient)


_NEGATED = re.compile(r"\b(?:not|never|neither|nor|no)\b", re.IGNORECASE)


def _addresses(commitment: Commitment, element: Element) -> bool:
    """The clause takes up the element: one of its categories or cues, and not in the negative
    ("will not use nuclear weapons" is no promise of weapons)."""
    if commitment.modality is Modality.PROHIBITION or _NEGATED.search(commitment.cue.text):
        return False
    if set(commitment.categories) & set(element.categories):
        return True
    return element.cues is not None and element.cues.search(commitment.text) is not None


def check_element(
    element: Element, commitments: Sequence[Commitment], recipient: str | None
) -> ElementResult:
    """The status of one element among ``commitments``, with the best clauses as evidence."""
    found = [c for c in commitments if _addresses(c, element) and _borne(c, element, recipient)]
    ranked = sorted(found, key=lambda c: (-FORCE[c.modality], bool(c.qualifiers), -c.strength))
    evidence = tuple(Evidence(c.eid, quote(c.text), c.start, c.end) for c in ranked[:3])
    if not ranked:
        return ElementResult(
            element.id, element.description, Status.MISSING, "no clause addresses it"
        )
    minimum = FORCE[element.min_modality]
    firm = [c for c in ranked if FORCE[c.modality] >= minimum and not c.qualifiers]
    if firm:
        best = firm[0]
        reason = f"{best.modality.value} ('{best.cue.text}') in {cite_eid(best.eid)}"
        return ElementResult(element.id, element.description, Status.PRESENT, reason, evidence)
    best = ranked[0]
    if FORCE[best.modality] >= minimum:
        hedges = ", ".join(f"'{q.text}'" for q in best.qualifiers)
        reason = f"{best.modality.value} in {cite_eid(best.eid)}, but hedged by {hedges}"
    else:
        reason = (
            f"at most {best.modality.value} ('{best.cue.text}') in {cite_eid(best.eid)}; "
            f"the template asks for {element.min_modality.value}"
        )
    return ElementResult(element.id, element.description, Status.WEAK, reason, evidence)


def check_template(template: Template, extraction: Extraction) -> TemplateCheck:
    """Every element of ``template`` against the commitments of a draft. The recipient is
    matched against the draft's parties; when none matches, bearers are not checked."""
    recipient = template.recipient
    if recipient and not any(recipient.lower() in p.lower() for p in extraction.parties):
        recipient = None
    results = tuple(check_element(e, extraction.commitments, recipient) for e in template.elements)
    return TemplateCheck(template.id, template.title, extraction.source, results)
