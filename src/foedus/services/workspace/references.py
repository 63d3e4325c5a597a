"""Reference agreements: texts a delegation puts beside the draft — a partner's signed
agreement, another side's offer — and the portfolio matrix of the draft against them.

A reference is internal to the delegation that uploaded it unless it is marked shared; the
matrix a user sees holds the draft and the references that user may read, nothing else."""

from __future__ import annotations

import hashlib

from foedus.analysis.ingest import Limits, read_bytes
from foedus.analysis.normalise import normalise
from foedus.domain.errors import NotFoundError, PermissionDeniedError, ValidationError
from foedus.domain.negotiation import ReferenceAgreement, User, Visibility
from foedus.services.compare import Portfolio, compare_analyses
from foedus.services.ports import UnitOfWork
from foedus.services.workspace.access import Actor, actor_in, own
from foedus.services.workspace.audit import record
from foedus.services.workspace.clock import now
from foedus.services.workspace.drafts import analysed_text, analysis_of, current_version

__all__ = ["add_reference", "reference_portfolio", "references", "remove_reference"]

MAX_REFERENCES = 30


def _visible(uow: UnitOfWork, actor: Actor) -> list[ReferenceAgreement]:
    return [
        r
        for r in uow.references.list(negotiation_id=actor.negotiation.id)
        if r.visibility is Visibility.SHARED or own(actor, r.delegation_id)
    ]


def add_reference(
    uow: UnitOfWork,
    acting: User,
    negotiation_id: int,
    data: bytes,
    filename: str,
    name: str = "",
    visibility: Visibility = Visibility.INTERNAL,
    limits: Limits | None = None,
) -> ReferenceAgreement:
    """Read an uploaded agreement (any format the reading core takes) and keep it."""
    suffix = "." + filename.rsplit(".", 1)[-1] if "." in filename else ""
    source = read_bytes(data, filename, suffix=suffix, limits=limits)
    text = normalise(source.text)
    label = (name or filename).strip()[:300]
    if not label:
        raise ValidationError("a reference agreement needs a name", "name")
    with uow:
        actor = actor_in(uow, acting, negotiation_id)
        delegation = actor.require_internal_writer("add a reference agreement")
        if len(uow.references.list(negotiation_id=negotiation_id)) >= MAX_REFERENCES:
            raise ValidationError(
                f"a negotiation holds at most {MAX_REFERENCES} reference agreements", "file"
            )
        reference = uow.references.add(
            ReferenceAgreement(
                negotiation_id,
                delegation.id,
                acting.id,
                label,
                filename[:300],
                text,
                hashlib.sha256(text.encode()).hexdigest(),
                visibility,
                created_at=now(),
            )
        )
        uow.flush()
        record(
            uow,
            "reference.create",
            "reference",
            reference.id,
            actor_id=acting.id,
            delegation_id=delegation.id,
            negotiation_id=negotiation_id,
            after={"name": label, "digest": reference.digest},
            detail={"visibility": visibility.value},
        )
        uow.commit()
        return reference


def references(uow: UnitOfWork, acting: User, negotiation_id: int) -> list[ReferenceAgreement]:
    """The reference agreements the user may read."""
    with uow:
        return _visible(uow, actor_in(uow, acting, negotiation_id))


def remove_reference(uow: UnitOfWork, acting: User, negotiation_id: int, reference_id: int) -> None:
    """Remove one of the user's own delegation's reference agreements."""
    with uow:
        actor = actor_in(uow, acting, negotiation_id)
        delegation = actor.require_internal_writer("remove a reference agreement")
        reference = uow.references.get(reference_id)
        if (
            reference is None
            or reference.negotiation_id != negotiation_id
            or not own(actor, reference.delegation_id)
        ):
            if reference is not None and reference.visibility is Visibility.SHARED:
                raise PermissionDeniedError(
                    "only the delegation that added it can remove a reference", "remove"
                )
            raise NotFoundError("no such reference agreement", "reference", str(reference_id))
        record(
            uow,
            "reference.delete",
            "reference",
            reference.id,
            actor_id=acting.id,
            delegation_id=delegation.id,
            negotiation_id=negotiation_id,
            before={"name": reference.name, "digest": reference.digest},
        )
        uow.references.delete(reference)
        uow.commit()


def reference_portfolio(uow: UnitOfWork, acting: User, negotiation_id: int) -> Portfolio:
    """The portfolio matrix: the current draft first, then the references the user may read."""
    with uow:
        actor = actor_in(uow, acting, negotiation_id)
        latest = current_version(uow, negotiation_id)
        if latest is None:
            raise NotFoundError("the negotiation has no draft yet", "version", "current")
        shown = _visible(uow, actor)
    analyses = [analysis_of(latest)] + [analysed_text(r.text, r.digest, r.name) for r in shown]
    names = [f"Draft (version {latest.number})"] + [r.name for r in shown]
    return compare_analyses(analyses, names)
