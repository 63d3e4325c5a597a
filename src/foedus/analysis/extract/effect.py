"""Statements of legal effect, procedure or method: clauses with a modal verb that commit no
one ("This Agreement shall enter into force", "Nothing in this Agreement shall be construed",
"Products listed in Annex IV shall be subject to the provisions there", "The fund may
include…"), and definitions."""

from __future__ import annotations

import re

from foedus.analysis.extract.subjects import PASSIVE_AGENT, acts, bears
from foedus.domain.commitment import Modality

__all__ = ["DEFINITION", "DOCUMENT_HEAD", "is_effect"]

# Legal effect or procedure with no one bearing a duty: not a commitment at all.
_EFFECT_VERBS = re.compile(
    r"^\s*(?:(?:also|only|then|thereafter|automatically|equally|not)\s+)*(?:enter\s+into\s+force"
    r"|come\s+into\s+(?:force|effect)|remain\s+in\s+(?:force|effect)|continue\s+in\s+force"
    r"|remain\s+valid|take\s+effect|have\s+effect|cease\s+to|expire|apply|be\s+applied|be\s+interpreted"
    r"|be\s+construed|be\s+deemed|be\s+considered|be\s+regarded|prevail|be\s+(?:equally\s+)?authentic"
    r"|be\s+elected|be\s+composed|consist|be\s+open\s+for\s+signature|be\s+subject\s+to\s+ratification"
    r"|be\s+amended|terminate|be\s+terminated|mean|be\s+understood|be\s+without\s+prejudice"
    r"|not\s+affect|affect|be\s+the\s+depositary|be\s+registered|be\s+governed|form\s+an\s+integral)\b",
    re.IGNORECASE,
)
DEFINITION = re.compile(
    # after an article title glued to the sentence ("Use of terms For the purposes of …")
    r"^(?-i:[A-Z][a-z]+(?:\s+[a-z]+){0,4}\s+(?=[A-Z]))?"
    r"(?:for\s+the\s+purposes?\s+of\s+this\b[^:]*?(?::|\bmeans\b|\bthe\s+term\b|\brefers?\s+to\b)"
    r"|[\"“'‘][^\"”'’]{1,80}[\"”'’]\s+(?:means|includes|shall\s+mean)"
    r"|the\s+(?:purpose|objective|object|aim)s?\s+of\s+this\s+\w+\s+(?:is|are)\b)",
    re.IGNORECASE,
)
# The head of a subject that is the agreement itself, a part of it, or its life cycle.
DOCUMENT_HEAD = re.compile(
    r"^(?:(?:this|that|the\s+present|the|such|any|each|these|those|an?|all|every)\s+)?(?:agreement|treaty|accord|memorandum|arrangement"
    r"|convention|protocol|document|annex(?:es)?|articles?|chapters?|parts?|instruments?|provisions?"
    r"|amendments?|texts?|termination|denunciation|withdrawal|suspension|entry\s+into\s+force"
    r"|provisional\s+application|reservations?|nothing|no\s+provision|paragraphs?|sections?"
    r"|the\s+\w+\s+text|principles?)\b",
    re.IGNORECASE,
)
# Verbs of legal effect or procedure: with a subject that is no actor, no one bears a duty.
_PROCEDURE_VERBS = re.compile(
    r"\s*(?:(?:also|only|then|thereafter|automatically|equally|likewise|similarly|accordingly|not"
    r"|no\s+longer|mutatis\s+mutandis)\s+)*(?:apply|be\s+applied|be\s+eligible"
    r"|be\s+(?:the|an?|\d[\d.,]*)(?=\s)(?!\s+(?:object|subject)\s+of)|become\s+(?:effective|operative)"
    r"|continue\s+(?:until|to\s+apply|in\s+effect)|be\s+(?:accepted|treated)\s+as|be\s+aimed\s+at"
    r"|be\s+(?:implemented|carried\s+out|conducted)(?:\s*,\s*\w+\s*,)?\s+(?:in\s+particular\s+|mainly\s+"
    r"|inter\s+alia\s+)?(?:by\s+means\s+of|through|by(?=\s*:))|be\s+implemented\s+(?:in\s+particular\s+)?by"
    r"|be\s+suspended(?<!not\sbe\ssuspended)|supercede"
    r"|be\s+(?:conducted|carried\s+out|applied|implemented)\s+in\s+accordance\s+with"
    r"|be\s+(?:fully\s+|equally\s+|also\s+)?applicable|be\s+governed|govern|take\s+effect|terminate|cease|expire|affect|prevent"
    r"|preclude|be\s+construed|be\s+interpreted|be\s+deemed|be\s+considered|be\s+regarded"
    r"|be\s+adopted|be\s+rounded|be\s+settled|benefit|operate|constitute|form|remain"
    r"|be\s+without\s+prejudice|mean|be\s*(?=[:—–-])|be\s+determined|be\s+calculated|be\s+set\s+out"
    r"|be\s+guided|be\s+regulated|be\s+appointed|be\s+final|be\s+binding|be\s+open\s+(?:to|for)"
    r"|function|serve(?:\s*,[^,;.]{1,40},)?\s+as|replace|lapse"
    r"|be\s+(?:\w+ly\s+)?(?:equal|equivalent)\s+to|be\s+(?:deemed\s+)?incompatible\s+with"
    r"|be\s+assessed\s+on\s+the\s+basis\s+of|be\s+defined\s+(?:by|in)"
    r"|be\s+(?:made|effected|paid)\s+through"
    r"|be\s+(?:carried\s+out|implemented|conducted|applied|made)\b[^.;:]{0,80}?\bin\s+the\s+following\s+manner)(?!\w)",
    re.IGNORECASE,
)
# Rules of composition and procedure: no duty even when an actor is the subject.
_ALWAYS_PROCEDURE = re.compile(
    r"\s*(?:be\s*(?=[:—–-])|consist\s+(?:\w+ly\s+)?of|comprise|have\s+the\s+(?:same\s+)?meaning|be\s+composed\s+of|be\s+the\s+depositary|have\s+one\s+vote"
    r"|supersede|cease\s+to\s+apply|be\s+deemed|be\s+considered\s+as|(?:ipso\s+facto\s+)?cease\s+to\s+be\b"
    r"|be\s+(?:adopted|taken|made|appointed)\s+by\s+(?:consensus|mutual\s+agreement|common\s+accord|unanimity"
    r"|(?:(?:a\s+)?(?:simple|qualified|two-thirds|three-fourths|three-quarters|\w+)\s+)?majority)"
    # a chair is a rule of procedure whoever holds it
    r"|be\s+(?:presided\s+over|chaired|co-chaired)\s+(?:in\s+turn\s+)?by)\b",
    re.IGNORECASE,
)
# the law that governs something, not a duty: "shall be subject to the arrangements of Protocol
# 1" — but not "shall not be subject to delays", "shall be subject to consultations", a chapeau
# "shall be subject to the following conditions:"
_SUBJECT_TO = re.compile(
    r"\s*be\s+subject\s+to(?!\s+the\s+following)(?!\s+(?:\w+\s+){0,2}(?:consultations?|examinations?"
    r"|reviews?|revision|approval|scrutiny)\b)",
    re.IGNORECASE,
)
# a deeming, a status, a way of constituting: the subject is what they apply to, only an
# acting agent bears anything ("shall be recognised as valid by the customs authorities")
_PASSIVE_STATUS = re.compile(
    r"\s*be\s+(?:considered\s+to\s+(?:be|originate|have)|recogni[sz]ed\s+as"
    r"|(?:constituted|composed|established)\s+in\s+accordance\s+with)\b",
    re.IGNORECASE,
)
# the law that governs something, access: no duty unless the subject's head is an actor ("Each
# Party shall be open to tenderers" binds each Party)
_NO_BEARER_PROCEDURE = re.compile(r"\s*be\s+(?:governed\s+by|open\s+to)\b", re.IGNORECASE)
# a provision that does not govern something, the clause ending there: "shall not be subject to
# Article XVIII" (not "to Section 232 duties", not "to Part 4 of the Immigration Act")
_NOT_SUBJECT_TO_TEXT = re.compile(
    r"\s*(?:not\s+)?be\s+subject\s+to\s+(?:the\s+provisions\s+of\s+)?(?:articles?|paragraphs?"
    r"|chapters?|sections?|annex(?:es)?|parts?)\s+[\w.()-]+(?:\s+of\s+(?:this\s+Agreement|(?:the\s+)?GATT"
    r"(?:\s+1994)?))?\s*[.;]?\s*$",
    re.IGNORECASE,
)
# an aside closed by a colon, the predicate after it: "shall, failing … by that State: Be"
_LEAD_ASIDE = re.compile(r"\s*,[^,;.:]{1,160}:")


def is_effect(subject: str, phrase: str, text: str, cue: re.Match[str], modality: Modality) -> bool:
    """True for a statement of legal effect or procedure: "This Agreement shall enter into
    force", "Nothing in this Agreement shall be construed", "The provisions of paragraph 1
    shall not apply to…", "The mechanism may include…"."""
    if modality is Modality.DECLARATION:
        return False
    after = text[cue.end() :]
    aside = _LEAD_ASIDE.match(after)  # "shall, failing … by that State: be considered as"
    if aside is not None:
        after = after[aside.end() :]
    if DOCUMENT_HEAD.match(subject) or _ALWAYS_PROCEDURE.match(after):
        return True
    if modality is Modality.PROHIBITION and _NOT_SUBJECT_TO_TEXT.match(after):
        return True  # "Antidumping actions … shall not be subject to Article XVIII"
    agent = PASSIVE_AGENT.match(after)
    agent_acts = agent is not None and acts(agent.group("agent"))
    if not agent_acts and (
        _PASSIVE_STATUS.match(after)
        or (_NO_BEARER_PROCEDURE.match(after) and not bears(subject, long_leads=False))
    ):
        # what is deemed, recognised or constituted bears nothing; the law that governs a
        # subject whose head is no actor, even if one is named in it ("The rights and
        # obligations of the Parties … shall be governed by Article XX of the GATT 1994")
        return True
    if bears(subject) or bears(phrase) or agent_acts:
        return False
    if DOCUMENT_HEAD.match(phrase):  # "DECIDES: Annex III shall … be amended"
        return True
    if _EFFECT_VERBS.match(after) or _PROCEDURE_VERBS.match(after):
        return True
    if modality is not Modality.PROHIBITION and _SUBJECT_TO.match(after):
        return True  # "Products listed in Annex IV shall be subject to the provisions there"
    # "The fund may include…", "Assistance may cover any field…"
    return modality is Modality.PERMISSION and bool(re.match(r"\s*(?:include|cover)\b", after))
