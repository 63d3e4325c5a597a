"""Commitment extraction on sentences written for these tests."""

from __future__ import annotations

import pytest

from foedus import parse_text
from foedus.analysis.extract import extract
from foedus.analysis.extract.amounts import find_amounts
from foedus.analysis.extract.categories import categorise, reads_as_security_agreement
from foedus.analysis.extract.modality import read_force
from foedus.analysis.extract.qualifiers import find_hedges, find_trigger
from foedus.domain.commitment import Modality

AGREEMENT = """AGREEMENT BETWEEN UKRAINE AND THE UNITED STATES OF AMERICA

Ukraine and the United States of America (hereinafter "the Parties"),

Recognizing the importance of lasting peace;

Have agreed as follows:

Article 1
Cooperation

1. Each Party shall designate a coordinator within 30 days.

2. The United States will, in coordination with partners, provide Ukraine with USD 4.5 billion \
annually, as appropriate.

3. In the event of a future armed attack against Ukraine, senior officials of the Parties shall \
meet within 24 hours.

4. Ukraine shall:

(a) protect technology it receives; and

(b) report annually on reforms.

5. The United States' commitments under this Agreement involving funding are subject to the \
availability of appropriated funds.

Article 2
Final Provisions

This Agreement shall enter into force on signature.
"""


@pytest.mark.parametrize(
    ("sentence", "modality", "obligor"),
    [
        ("Each Party shall designate a coordinator.", Modality.OBLIGATION, "Each Party"),
        ("Neither Party shall disclose classified information.", Modality.PROHIBITION, "Neither Party"),
        ("No new restrictions shall be introduced.", Modality.PROHIBITION, None),
        ("Ukraine may use the equipment only in accordance with its laws.", Modality.PROHIBITION, "Ukraine"),
        ("Japan will not provide lethal weapons.", Modality.COMMITMENT, "Japan"),
        ("The United States will continue to provide assistance.", Modality.COMMITMENT, "The United States"),
        ("The Parties intend to hold an annual meeting.", Modality.ASPIRATION, "The Parties"),
        ("The United States will endeavour to facilitate partnerships.", Modality.ASPIRATION, "The United States"),
        ("Ukraine should improve its investment climate.", Modality.ASPIRATION, "Ukraine"),
        ("Either Party may request consultations.", Modality.PERMISSION, "Either Party"),
        ("Parties shall not be required to disclose information.", Modality.PERMISSION, "Parties"),
        ("The Joint Committee shall, for that purpose, have the power to decide.", Modality.PERMISSION, "The Joint Committee"),
        ("The Parties reaffirm that Ukraine's future is in NATO.", Modality.DECLARATION, "The Parties"),
        ("Measures shall be taken by the flag State.", Modality.OBLIGATION, "the flag State"),
        ("The Parties agree that an attack against one shall be considered an attack against both, "
         "and that, if it occurs, each of them shall assist the other.", Modality.OBLIGATION, "each of them"),
        ("The Participants declare that they will not use nuclear weapons.", Modality.COMMITMENT, "The Participants"),
        ("Norway remains committed to supporting Ukraine.", Modality.COMMITMENT, "Norway"),
        ("The Sides are determined to hold the aggressor to account.", Modality.COMMITMENT, "The Sides"),
        ("Norway stands ready to support the energy sector.", Modality.ASPIRATION, "Norway"),
        ("Canada is prepared to consider further contributions.", Modality.ASPIRATION, "Canada"),
        ("The Participants will work to ensure full compensation.", Modality.ASPIRATION, "The Participants"),
        ("Norway has allocated NOK 75 billion to the Nansen Support Programme.", Modality.DECLARATION, "Norway"),
        # a title glued to the first sentence, a phrase without its comma, a hedge before the verb
        ("Exchange of views Parties shall meet every year.", Modality.OBLIGATION, "Parties"),
        ("With a view to closer trade between the Republic of Ghana and the Republic of Togo both "
         "Contracting Parties will grant each other most-favoured-nation treatment.", Modality.COMMITMENT,
         "both Contracting Parties"),
        ("Both Parties within the scope of their national laws shall exempt samples from duty.",
         Modality.OBLIGATION, "Both Parties"),
        ("Denmark has decided to provide a long-term support package.", Modality.COMMITMENT, "Denmark"),
        ("The Participants share the goal of a just and lasting peace.", Modality.DECLARATION, "The Participants"),
        ("On and after 1 July neither party shall apply any export duty.", Modality.PROHIBITION, "neither party"),
        ("In no event shall the competent authorities be authorised to release the goods.",
         Modality.PROHIBITION, "the competent authorities"),
        ("No reservations may be made to this Agreement.", Modality.PROHIBITION, None),
        ("Any discrimination between the products of the Parties shall be forbidden.", Modality.PROHIBITION,
         "Any discrimination between the products of the Parties"),
        ("To this end they resolve to abolish customs duties.", Modality.COMMITMENT, "they"),
        ("On request, the Party conducting that proceeding shall hold consultations.", Modality.OBLIGATION,
         "the Party conducting that proceeding"),
        ("The Parties shall be free to apply their domestic legislation.", Modality.PERMISSION, "The Parties"),
        ("The secretariat shall enjoy legal capacity in the host State.", Modality.PERMISSION, "The secretariat"),
        ("The Chair of the panel shall: not be a national of either Party.", Modality.PROHIBITION,
         "The Chair of the panel"),
        ("A Party that makes such a declaration shall continue to pay its contribution.", Modality.OBLIGATION,
         "A Party that makes such a declaration"),
        ("The members shall be nominated by Parties and elected by the Conference of the Parties.",
         Modality.OBLIGATION, "Parties"),
        ("The Parties agree, upon request of either Party, to review this Chapter.", Modality.OBLIGATION,
         "The Parties"),
        ("The Parties agreed to apply the rules of origin of Annex B.", Modality.OBLIGATION, "The Parties"),
        ("The Parties hereby agree to establish a free trade area.", Modality.OBLIGATION, "The Parties"),
        ("Each Party shall, subject to its domestic law, endeavour to admit experts.", Modality.ASPIRATION,
         "Each Party"),
        ("The Parties, with the aim to facilitate trade, shall promote cooperation.", Modality.OBLIGATION,
         "The Parties"),
        ("A third Party shall be entitled, on delivery of a written notice, to make submissions.",
         Modality.PERMISSION, "A third Party"),
        ("The Conference of the Parties, taking into account the advice of the committee, may adopt "
         "guidelines.", Modality.PERMISSION, "The Conference of the Parties"),
        ("The implementation of this Agreement shall be supervised by a Joint Committee which shall meet yearly.",
         Modality.OBLIGATION, "a Joint Committee"),
        ("In cases where the measure affects coastal States, proponents shall consult them.",
         Modality.OBLIGATION, "proponents"),
        ("A decision to authorise the activity shall only be made when its effects are assessed.",
         Modality.PROHIBITION, "A decision to authorise the activity"),
        ("Each Party is permitted to re-export such goods only upon written consent.", Modality.PROHIBITION,
         "Each Party"),
        ("The Parties share a long-term vision of technology transfer.", Modality.DECLARATION, "The Parties"),
        ("Non-parties to this Agreement Parties shall encourage accession.", Modality.OBLIGATION, "Parties"),
        ("With these purposes the Parties have agreed to conclude a customs agreement.", Modality.OBLIGATION,
         "the Parties"),
        ("The Parties shall at all times endeavour to agree on the interpretation.", Modality.ASPIRATION,
         "The Parties"),
        ("Where a tribunal has been established, a disputing investor that has submitted a claim to "
         "arbitration under the investment chapter of this Agreement may make a written request.",
         Modality.PERMISSION, "a disputing investor"),
        ("The tribunal that heard that case shall publish its award.", Modality.OBLIGATION,
         "The tribunal that heard that case"),
        ("Honduras shall apply the reduced tariff.", Modality.OBLIGATION, "Honduras"),
        ("The Parties hereby undertake to apply the standards of Annex I.", Modality.OBLIGATION, "The Parties"),
        ("In no event shall payments be made before entry into force.", Modality.PROHIBITION, None),
        ("In the field of energy the Parties shall apply common standards.", Modality.OBLIGATION, "the Parties"),
        ("In accordance with the provisions of Article 5 the Parties shall cooperate closely.",
         Modality.OBLIGATION, "the Parties"),
        ("Upon entry into force treatment no less favourable than that accorded to nationals shall be "
         "granted by each Party.", Modality.OBLIGATION, "each Party"),
        ("Information that Parties may request shall be provided by the Secretariat.", Modality.OBLIGATION,
         "the Secretariat"),
        ("The European Council REAFFIRMS its unwavering support for Ukraine.", Modality.DECLARATION,
         "The European Council"),
        ("In no event shall the European Union be liable for indirect damage.", Modality.PROHIBITION,
         "the European Union"),
        # the agent of a passive, without the manner of deciding or a condition after it
        ("Disputes shall be settled by consultation between the Parties.", Modality.OBLIGATION, "the Parties"),
        ("The venue shall be decided by mutual agreement by the Parties.", Modality.OBLIGATION, "the Parties"),
        ("Changes may be considered by the Joint Committee and if agreed, given effect by notes.",
         Modality.PERMISSION, "the Joint Committee"),
        # held-out set 7: list markers and footnote numbers are not part of a bearer
        ("(c) shall notify the other Party of any change in its tariff.", Modality.OBLIGATION, None),
        ("II. The Board, at the proposal of the Secretariat, shall adopt the budget.",
         Modality.OBLIGATION, "The Board"),
        ("3 Non-member States of the Union shall apply the same rules.", Modality.OBLIGATION,
         "Non-member States of the Union"),
        # "Contracting Parties" after a leading purpose phrase; "commit themselves (not) to"
        ("With the aim of improving customs control, Contracting Parties shall exchange data.",
         Modality.OBLIGATION, "Contracting Parties"),
        ("The Signatory States commit themselves not to raise export duties.", Modality.COMMITMENT,
         "The Signatory States"),
        ("The Parties commit themselves to reducing the cost of transit.", Modality.COMMITMENT,
         "The Parties"),
        ("For greater certainty, there is no obligation for a Party to publish draft rules.",
         Modality.PERMISSION, "a Party"),
        # held-out set 8: declared readiness; "authorized to the extent" grants no right
        ("The Signatories declare their readiness to open talks on fisheries.", Modality.ASPIRATION,
         "The Signatories"),
        ("Transfers of capital shall be authorized to the extent that they relate to investment.",
         Modality.OBLIGATION, None),
        ("Each Party shall be authorized to withdraw equivalent concessions.", Modality.PERMISSION,
         "Each Party"),
        ("Priority shall be given to measures that least disturb trade.", Modality.OBLIGATION, None),
        ("Disputes shall be settled by mutual agreement of the Parties.", Modality.OBLIGATION,
         "the Parties"),
        # held-out sets 6, 10 and 11: a release with an adverb; "shall undertake not to"
        ("The Contracting States shall also not be obliged to grant preferences.",
         Modality.PERMISSION, "The Contracting States"),
        ("The Contracting Parties shall undertake not to apply quantitative restrictions.",
         Modality.PROHIBITION, "The Contracting Parties"),
        ("The Joint Committee shall act by common agreement.", Modality.OBLIGATION,
         "The Joint Committee"),
        # ... but not when an actor bears it: the subject, or the agent of a passive
        ("Each Party shall be open to tenderers of the other Party.", Modality.OBLIGATION,
         "Each Party"),
        ("Each Party shall be governed by the rules of Annex 3 when it applies a safeguard.",
         Modality.OBLIGATION, "Each Party"),
        ("Certificates issued by the exporting Party shall be recognised as valid by the customs "
         "authorities of the importing Party.", Modality.OBLIGATION,
         "the customs authorities of the importing Party"),
        ("A contact point shall be established in accordance with paragraph 2 by each Party.",
         Modality.OBLIGATION, "each Party"),
        ("Members of the force shall not be subject to the provisions of Article 12 of the host "
         "State's tax code.", Modality.PROHIBITION, "Members of the force"),
        ("Products of the other Party shall not be subject to Section 232 duties.",
         Modality.PROHIBITION, "Products of the other Party"),
    ],
)  # fmt: skip
def test_reads_the_force_and_bearer_of_a_clause(
    sentence: str, modality: Modality, obligor: str | None
) -> None:
    reading = read_force(sentence)
    assert reading is not None
    assert reading.modality is modality
    assert reading.obligor == obligor


@pytest.mark.parametrize(
    "sentence",
    [
        "This Agreement shall enter into force on the date of its signature.",
        "This Agreement may be amended by written agreement of the Parties.",
        "Nothing in this Agreement shall be construed as obliging either Party to act.",
        '"Marine technology" means information and data.',
        "The provisions of paragraph 1 shall not apply to fisheries.",
        "The purpose of this Agreement is to establish a framework for cooperation.",
        "The mechanism may include a trust fund.",
        "These rules shall likewise apply to enterprises owned by the State.",
        "The date of establishment of the Panel shall be the date on which its chair is appointed.",
        "Goods covered by this Chapter shall be eligible for tariff preferences.",
        "Use of terms For the purposes of this Agreement: a term has its ordinary meaning.",
        "The award of the panel shall be final and binding upon the Parties.",
        "A State that has not made a declaration shall be deemed to have accepted arbitration.",
        "Access to the fund shall be open to developing States Parties.",
        "This Agreement sets out the long-term support of Norway for Ukraine.",
        "However, that period may be shorter in urgent cases.",
        "In no case shall any provision of this Agreement be construed as requiring disclosure.",
        "That Agreement shall also address services.",
        "This Article shall not apply to services supplied in the exercise of governmental authority.",
        "A Party's rate of contribution shall be 50 per cent of its assessed contribution.",
        "Such payment shall continue until the Conference decides otherwise.",
        "It shall be open for accession by States from the day after it closes for signature.",
        "An amendment may provide that a larger number of ratifications is required.",
        "The cooperation will be carried out, mainly, by means of exchanges of information.",
        "The arbitrators' decisions shall be taken by majority vote.",
        "Economic cooperation shall be implemented in particular by regular dialogue.",
        "In such a case, the panel proceedings shall be suspended.",
        "DECIDES: Annex III shall, with effect from 1 January, be amended to read as follows.",
        "All other amendments shall become effective upon acceptance by two thirds of the States.",
        "The panel proceedings shall be conducted in accordance with the rules of procedure.",
        "The goods shall be accepted as eligible for preferential treatment if consigned directly.",
        "The fourth paragraph of this Article shall be fully applicable to such duties.",
        "It shall serve, among other things, as a channel for sharing scientific data.",
        "Decisions of the Council shall be taken by mutual agreement.",
        "The new preferential duty shall replace the duty listed in Annex II.",
        "The quota for the second year shall be equivalent to 110 per cent of the first.",
        "A State that accedes later shall, unless it states otherwise: be considered as a Party "
        "to the amended text.",
        # held-out set 9: legal effect and method with no actor
        "Such subsidies shall be incompatible with the good functioning of this Agreement.",
        "Fish products listed in Annex C shall be subject to the tariff quotas set out there.",
        "The panel's mandate shall lapse if the complaint is withdrawn.",
        "The rights of the Parties on customs valuation shall be governed by the WTO Agreement on "
        "Customs Valuation.",
        "The contributions shall be made through the trust fund of the Secretariat.",
        "The Registry shall consist mainly of a public database.",
        "Cooperation may cover any sector chosen by the Parties.",
        "originating means: the term shall have the meaning given to it in Article 3.",
        # held-out sets 6, 10 and 11: the law that governs, deeming, chairs, constitution
        "The rights and obligations of the Parties relating to subsidies shall be governed by "
        "Article XVI of the GATT 1994.",
        "Materials from a Party shall be considered to originate in the territory of the other.",
        "The following institutions shall be recognised as Associate Institutions.",
        "The Association Council shall be presided over in turn by a member of each Party.",
        "The panel shall be constituted in accordance with Article 12.18.",
        "All meetings of the Conference of the Parties shall be open to observers.",
        "Antidumping actions taken by the Parties shall not be subject to Article XVIII.",
    ],
)
def test_statements_of_legal_effect_commit_no_one(sentence: str) -> None:
    assert read_force(sentence) is None


def test_extracts_commitments_with_their_evidence_and_offsets() -> None:
    doc = parse_text(AGREEMENT)
    extraction = extract(doc)
    assert extraction.parties == ("Ukraine", "the United States of America")
    by_eid = {c.eid: c for c in extraction.commitments}
    first = by_eid["art_1__para_1"]
    assert first.modality is Modality.OBLIGATION
    assert first.parties == ("Ukraine", "the United States of America")
    assert [d.text for d in first.deadlines] == ["within 30 days"]
    assert doc.text[first.cue.start : first.cue.end] == "shall"
    money = by_eid["art_1__para_2"]
    assert money.parties == ("the United States of America",)
    assert money.beneficiary == "Ukraine"
    assert [(a.value, a.currency) for a in money.amounts] == [(4.5e9, "USD")]
    assert doc.text[money.amounts[0].start : money.amounts[0].end] == "USD 4.5 billion"
    hedges = [q.text for q in money.qualifiers]
    assert "as appropriate" in hedges
    assert "subject to the availability of appropriated funds" in hedges  # agreement-wide
    response = by_eid["art_1__para_3"]
    assert response.trigger is not None
    assert response.trigger.text == "In the event of a future armed attack against Ukraine"
    assert doc.text[response.trigger.start : response.trigger.end] == response.trigger.text
    assert "response_mechanism" in response.categories
    assert 0.9 < response.strength <= 1.0
    assert "within 24 hours" in response.strength_reason


def test_a_list_item_is_read_with_its_chapeau() -> None:
    extraction = extract(parse_text(AGREEMENT))
    item = next(c for c in extraction.commitments if c.eid == "art_1__para_4__point_b")
    assert item.text == "Ukraine shall: report annually on reforms."
    assert item.modality is Modality.OBLIGATION
    assert item.parties == ("Ukraine",)
    assert item.action == "report annually on reforms"


def test_recitals_are_declarations_and_final_clauses_are_not_commitments() -> None:
    extraction = extract(parse_text(AGREEMENT))
    kinds = {(c.eid, c.modality) for c in extraction.commitments}
    assert ("preamble", Modality.DECLARATION) in kinds
    assert not [c for c in extraction.commitments if c.eid == "art_2"]


@pytest.mark.parametrize(
    ("recital", "declaration"),
    [
        ("ENCOURAGE enterprises to respect labour standards;", True),
        ("The Government of A and the Government of B being desirous of closer trade have agreed "
         "as follows:", True),
        ("The Government of A and the Government of B", False),  # the list of parties
        ("Have agreed as follows:", False),  # the enacting formula
    ],
)  # fmt: skip
def test_recitals_in_the_plural_present_and_in_one_sentence(
    recital: str, declaration: bool
) -> None:
    reading = read_force(recital, in_preamble=True)
    assert (reading is not None and reading.modality is Modality.DECLARATION) is declaration


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("£2.5 billion", 2.5e9, "GBP"),
        ("USD 4.5 billion", 4.5e9, "USD"),
        ("€7 bn", 7e9, "EUR"),
        ("61 billion US dollars", 61e9, "USD"),
        ("$1,200,000", 1.2e6, "USD"),
    ],
)
def test_reads_amounts_of_money(text: str, value: float, currency: str) -> None:
    found = find_amounts(f"It will provide {text} in 2024.", offset=100)
    assert [(a.value, a.currency, a.text) for a in found] == [(value, currency, text)]
    assert found[0].start == 100 + len("It will provide ")


def test_commitment_json_has_the_documented_fields() -> None:
    data = extract(parse_text(AGREEMENT)).as_dict()
    assert set(data) == {"source", "parties", "commitments"}
    row = data["commitments"][1]
    assert {
        "eid", "text", "start", "end", "obligors", "parties", "modality", "action",
        "beneficiary", "trigger", "qualifiers", "deadlines", "amounts", "categories",
        "strength", "strength_reason",
    } <= set(row)  # fmt: skip
    assert isinstance(row["obligors"], list)
    assert isinstance(row["qualifiers"], list)


# A trade agreement long enough to judge, written for these tests: its everyday words
# ("investment", "procurement", "training", "request consultations", "transparency") are cues of
# security categories only in a security agreement.
TRADE = (
    "FREE TRADE AGREEMENT BETWEEN ARCADIA AND BOREALIS\n\nHave agreed as follows:\n\n"
    + "\n\n".join(
        f"Article {n}\n\n{sentence}"
        for n, sentence in enumerate(
            [
                "Each Party shall accord to investors of the other Party treatment no less "
                "favourable than it accords to its own investors with respect to investments.",
                "Each Party shall ensure that its procurement of goods and services is carried "
                "out in a transparent and non-discriminatory manner.",
                "The Parties shall cooperate on training of customs officials and on the "
                "exchange of information on origin.",
                "A Party may request consultations with the other Party on any matter arising "
                "under this Chapter; the consultations shall be held within 30 days.",
                "Each Party shall provide adequate protection of intellectual property rights "
                "and shall ensure the transparency of its judicial procedures.",
                "The Parties shall promote energy efficiency and the interconnection of their "
                "electricity markets.",
            ]
            * 4,
            start=1,
        )
    )
)


def test_broad_cues_count_only_where_the_text_reads_as_a_security_agreement() -> None:
    clause = "The Parties shall cooperate on the training of officials."
    assert reads_as_security_agreement(clause)  # a clause alone: too short to tell
    assert categorise(clause) == ("training",)
    assert categorise(clause, broad=False) == ("other",)
    # a strict cue inside a broad one ("exchange intelligence") still counts
    sharing = "The Parties shall exchange intelligence on threats."
    assert categorise(sharing, broad=False) == ("intelligence_sharing",)
    assert categorise("The Parties shall expand joint military exercises.", broad=False) == (
        "training",
    )  # a cue that names the subject in any agreement
    assert len(TRADE) > 3000
    assert not reads_as_security_agreement(TRADE)
    security = TRADE.replace("customs officials", "the armed forces of Borealis in air defence")
    assert reads_as_security_agreement(security)


def test_a_trade_agreement_gets_no_security_categories_from_everyday_words() -> None:
    security_only = {
        "training", "defence_industry", "intelligence_sharing", "economic_recovery",
        "response_mechanism", "reforms_governance", "energy_security", "accountability_compensation",
    }  # fmt: skip
    found = extract(parse_text(TRADE, "trade.txt")).commitments
    assert len(found) >= 24
    assert not security_only & {c for commitment in found for c in commitment.categories}
    # the same clauses in a text of military cooperation carry them
    armed = TRADE.replace("customs officials", "the armed forces in air defence and ammunition")
    tagged = {c for commitment in extract(parse_text(armed, "a.txt")).commitments
              for c in commitment.categories}  # fmt: skip
    assert {"training", "economic_recovery", "response_mechanism"} <= tagged


@pytest.mark.parametrize(
    ("clause", "hedge"),
    [
        ("Both Parties within the scope of their internal laws and regulations shall exempt samples.",
         "within the scope of their internal laws and regulations"),
        ("The Parties shall take mutually agreed measures.", "mutually agreed"),
        ("The panel shall sit in Geneva unless the Parties otherwise agree.",
         "unless the Parties otherwise agree"),
        ("The Committee shall meet whenever necessary.", "whenever necessary"),
        ("The Council may set up working groups as it considers necessary.", "as it considers necessary"),
        ("Canada may finance such projects, subject to its usual criteria.", "subject to its usual criteria"),
        ("Reports shall be filed as early as possible, as appropriate.", "as appropriate"),
    ],
)  # fmt: skip
def test_hedges_of_scope_and_agreement(clause: str, hedge: str) -> None:
    assert [found[0] for found in find_hedges(clause)] == [hedge]


@pytest.mark.parametrize(
    "recital",
    [
        "WHEREAS the talks on a free trade area have been concluded;",
        "Take into account the close economic ties between the two countries;",
        # held-out sets 6, 10 and 11: capitals and a leading adverb
        "CONVINCED that the establishment of preferences could contribute to trade.",
        "Firmly convinced that this Agreement will foster an enlarged free trade area,",
        "FURTHER RECOGNISING that the reduction of obstacles would contribute to trade; and",
    ],
)
def test_whereas_and_take_into_account_open_recitals(recital: str) -> None:
    reading = read_force(recital, in_preamble=True)
    assert reading is not None
    assert reading.modality is Modality.DECLARATION


def test_the_enacting_formula_is_no_recital() -> None:
    assert read_force("Having agreed as follows:", in_preamble=True) is None
    assert read_force("FURTHER having agreed as follows:", in_preamble=True) is None


@pytest.mark.parametrize(
    ("sentence", "modality"),
    [
        ("Goods in transit shall not be subject to unnecessary delays.", Modality.PROHIBITION),
        ("The measures taken shall be subject to consultations within the Committee.",
         Modality.OBLIGATION),
        ("The Parties shall be subject to the following conditions: each Party shall notify.",
         Modality.OBLIGATION),
    ],
)  # fmt: skip
def test_subject_to_is_legal_effect_only_when_it_names_the_governing_rules(
    sentence: str, modality: Modality
) -> None:
    reading = read_force(sentence)
    assert reading is not None
    assert reading.modality is modality


def test_at_the_proposal_of_is_a_trigger() -> None:
    clause = "The Council, at the proposal of the Commission, shall revise the list."
    found = find_trigger(clause, clause.index("shall"))
    assert found is not None
    assert found[0] == "at the proposal of the Commission"


def test_if_any_is_no_trigger_and_in_this_event_is_one() -> None:
    clause = "Each Party shall report its subsidies, if any, to the Committee."
    assert find_trigger(clause, clause.index("shall")) is None
    clause = "In this event, the Parties shall consult within 30 days."
    found = find_trigger(clause, clause.index("shall"))
    assert found is not None
    assert found[0] == "In this event"
