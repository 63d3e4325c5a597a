"""The package-deal tab: the frontier of the open issues, Nash and Kalai–Smorodinsky packages,
where the draft stands and the trades that help both sides — for the user's delegation (the
other side estimated) or jointly once both consented — and the delegation's own valuation."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from foedus.domain.errors import AnalysisNotPermittedError, NotFoundError, ValidationError
from foedus.domain.negotiation import PackageValuation, User
from foedus.reports.frontier_svg import render_frontier_svg
from foedus.services.package_deal import PackageDealAnalysis
from foedus.services.workspace import package
from foedus.web.context import csrf_ok, render, require_user, web
from foedus.web.routes.pages import negotiation_context

router = APIRouter(include_in_schema=False, dependencies=[Depends(csrf_ok)])


def _form_values(
    valuation: PackageValuation | None, issues: list[dict[str, Any]]
) -> dict[str, Any]:
    """The stored valuation as the form shows it: a weight per issue, a value per option."""
    stored = valuation.valuation if valuation else {}
    weights = stored.get("weights") or stored.get("points") or {}
    values: dict[str, dict[str, float]] = {}
    for issue in issues:
        keys = [o["key"] for o in issue["options"]]
        given = stored.get("values", {}).get(issue["key"], {})
        if isinstance(given, list):  # a ranking, best first: evenly spaced 100 … 0
            step = 100 / max(len(given) - 1, 1)
            given = {key: round(100 - n * step, 1) for n, key in enumerate(given)}
        values[issue["key"]] = {key: given.get(key, 0) for key in keys}
    return {
        "issue_weights": {i["key"]: weights.get(i["key"], 0) for i in issues},
        "option_values": values,
        "reservation": stored.get("reservation", 0),
        "notes": valuation.notes if valuation else "",
        "consent": bool(valuation and valuation.joint_consent),
    }


def _number(form: FormData, name: str) -> float:
    raw = form.get(name)
    try:
        value = float(str(raw).strip())
    except ValueError:
        raise ValidationError(f"{name.replace('__', ' ')}: a number, please", name) from None
    if not 0 <= value <= 100:
        raise ValidationError(f"{name.replace('__', ' ')}: between 0 and 100", name)
    return value


@router.get("/n/{nid}/package")
def package_page(request: Request, nid: int, mode: str = "delegation") -> Response:
    user = require_user(request)
    context = negotiation_context(request, nid)
    uow = web(request).uow
    shared = package.package_issues(uow(), user, nid)
    analysis: PackageDealAnalysis | None = None
    refusal = ""
    if shared is not None and context["delegation"]:
        try:
            analysis = package.package_analysis(uow(), user, nid, joint=mode == "joint")
        except AnalysisNotPermittedError as exc:
            refusal = exc.message
        except NotFoundError:
            analysis = None
    own = package.own_valuation(uow(), user, nid)
    issues = list(shared.model.get("issues", [])) if shared else []
    return render(
        request,
        "package.html",
        **context,
        mode="joint" if mode == "joint" else "delegation",
        analysis=analysis,
        refusal=refusal,
        svg=render_frontier_svg(analysis) if analysis and len(analysis.parties) >= 2 else "",
        issues=issues,
        form=_form_values(own, issues),
        has_valuation=own is not None,
        labels={
            i["key"]: {o["key"]: o.get("label", o["key"]) for o in i["options"]} for i in issues
        },
        titles={i["key"]: i.get("title", i["key"]) for i in issues},
    )


@router.post("/n/{nid}/package/valuation")
async def save_valuation(request: Request, nid: int) -> Response:
    form = await request.form()
    user: User = await run_in_threadpool(require_user, request)
    uow = web(request).uow
    shared = await run_in_threadpool(package.package_issues, uow(), user, nid)
    if shared is None:
        raise NotFoundError("this negotiation has no package-deal issues yet", "package", "issues")
    own = await run_in_threadpool(package.own_valuation, uow(), user, nid)
    weights, values = {}, {}
    for issue in shared.model.get("issues", []):
        key = issue["key"]
        weights[key] = _number(form, f"weight__{key}")
        values[key] = {
            o["key"]: _number(form, f"value__{key}__{o['key']}") for o in issue["options"]
        }
    valuation: dict[str, Any] = {
        "weights": weights,
        "values": values,
        "reservation": _number(form, "reservation"),
    }
    if own and "assumed_reservations" in own.valuation:
        valuation["assumed_reservations"] = own.valuation["assumed_reservations"]
    notes = str(form.get("notes", ""))
    await run_in_threadpool(package.save_valuation, uow(), user, nid, valuation, notes)
    return RedirectResponse(
        f"/n/{nid}/package?notice=Our valuation is saved (consent to a joint analysis, if "
        "given, is withdrawn until renewed).",
        303,
    )


@router.post("/n/{nid}/package/consent")
async def consent(request: Request, nid: int) -> Response:
    form = await request.form()
    given = form.get("consent") == "yes"
    user = await run_in_threadpool(require_user, request)
    await run_in_threadpool(package.set_consent, web(request).uow(), user, nid, given)
    notice = "Consent to a joint analysis given." if given else "Consent withdrawn."
    return RedirectResponse(f"/n/{nid}/package?notice={notice}", 303)
