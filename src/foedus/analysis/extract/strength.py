"""How strong one commitment is, in [0, 1], and why — every step of the score in words."""

from __future__ import annotations

from foedus.domain.commitment import Modality

__all__ = ["BASE", "strength"]

# Base force of each modality: a legal duty binds most, a permission least; a declaration
# promises nothing.
BASE = {
    Modality.OBLIGATION: 0.90,
    Modality.PROHIBITION: 0.85,
    Modality.COMMITMENT: 0.70,
    Modality.ASPIRATION: 0.40,
    Modality.PERMISSION: 0.25,
    Modality.DECLARATION: 0.10,
}
HEDGE_PENALTY = 0.12
HEDGE_CAP = 0.36
SPECIFIC_BONUS = 0.05
POLITICAL_DISCOUNT = 0.85


def strength(
    modality: Modality,
    cue: str,
    hedges: list[str],
    deadlines: list[str],
    amounts: list[str],
    political: bool,
) -> tuple[float, str]:
    """The strength of a commitment and the reason, e.g. "obligation ('shall') 0.90;
    hedged by 'as appropriate' −0.12; time-bound 'within 24 hours' +0.05 → 0.83"."""
    score = BASE[modality]
    steps = [f"{modality.value} ('{cue}') {score:.2f}"]
    if political and modality in {Modality.OBLIGATION, Modality.PROHIBITION}:
        score *= POLITICAL_DISCOUNT
        steps.append(f"political text ×{POLITICAL_DISCOUNT:.2f}")
    if hedges:
        penalty = min(HEDGE_CAP, HEDGE_PENALTY * len(hedges))
        score -= penalty
        quoted = ", ".join(f"'{h}'" for h in hedges)
        steps.append(f"hedged by {quoted} −{penalty:.2f}")
    if modality is not Modality.DECLARATION:
        if deadlines:
            score += SPECIFIC_BONUS
            steps.append(f"time-bound '{deadlines[0]}' +{SPECIFIC_BONUS:.2f}")
        if amounts:
            score += SPECIFIC_BONUS
            steps.append(f"amount '{amounts[0]}' +{SPECIFIC_BONUS:.2f}")
    score = max(0.0, min(1.0, score))
    return score, "; ".join(steps) + f" → {score:.2f}"
