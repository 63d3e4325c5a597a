"""Who is acting, in which delegation, with which role — and what they may see.

Every negotiation-scoped use case starts with :func:`actor_in`. A user who is neither a member
of a delegation of the negotiation nor an administrator gets "not found": the negotiation
does not exist for them. Internal material is filtered with :func:`own` — the only test of
"may this be shown": the item belongs to the actor's own delegation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from foedus.domain.errors import NotFoundError, PermissionDeniedError
from foedus.domain.negotiation import Delegation, Negotiation, Role, User
from foedus.services.ports import UnitOfWork

__all__ = ["Actor", "actor_in", "own"]


@dataclass(frozen=True, slots=True)
class Actor:
    """The acting user within one negotiation."""

    user: User
    negotiation: Negotiation
    delegation: Delegation | None
    role: Role | None
    # delegation id → party, for every delegation of the negotiation
    parties: dict[int, str] = field(hash=False)

    @property
    def delegation_id(self) -> int | None:
        return self.delegation.id if self.delegation else None

    @property
    def party(self) -> str | None:
        return self.delegation.party if self.delegation else None

    def require_negotiator(self, action: str) -> Delegation:
        """The actor's delegation, if the actor may negotiate (propose, answer, agree)."""
        if self.delegation is None or self.role is None or not self.role.can_negotiate:
            raise PermissionDeniedError(f"only a negotiator of a delegation can {action}", action)
        return self.delegation

    def require_internal_writer(self, action: str) -> Delegation:
        """The actor's delegation, if the actor may write its internal material."""
        if self.delegation is None or self.role is None or not self.role.can_write_internal:
            raise PermissionDeniedError(f"only a delegation member can {action}", action)
        return self.delegation


def actor_in(uow: UnitOfWork, user: User, negotiation_id: int) -> Actor:
    """The actor for ``user`` in a negotiation (call within the unit of work)."""
    negotiation = uow.negotiations.get(negotiation_id)
    if negotiation is None:
        raise NotFoundError("no such negotiation", "negotiation", str(negotiation_id))
    delegations = {d.id: d for d in uow.delegations.list(negotiation_id=negotiation_id)}
    parties = {number: d.party for number, d in delegations.items()}
    for membership in uow.memberships.list(user_id=user.id):
        if membership.delegation_id in delegations:
            delegation = delegations[membership.delegation_id]
            return Actor(user, negotiation, delegation, membership.role, parties)
    if user.is_admin:
        return Actor(user, negotiation, None, None, parties)
    raise NotFoundError("no such negotiation", "negotiation", str(negotiation_id))


def own(actor: Actor, delegation_id: int | None) -> bool:
    """True when an item of ``delegation_id`` belongs to the actor's own delegation."""
    return actor.delegation is not None and delegation_id == actor.delegation.id
