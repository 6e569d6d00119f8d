"""UI strings in Norwegian (bokmål) and English.

``tr(key, lang, **fields)`` returns the string for ``key`` in ``lang`` ("nb" or "en"), formatted
with ``fields``. A missing key falls back to the key itself, so a typo shows up on screen rather
than crashing the UI.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from govmodel.i18n import N_, translate

if TYPE_CHECKING:
    from govmodel.messages import Msg
    from govmodel.model import Model
    from govmodel.rules import Rule

LANGS = ("nb", "en")

# key: the English text, marked for the catalogue (govmodel/i18n/<lang>/LC_MESSAGES/govmodel.po
# holds the Norwegian); looked up with tr(key, lang)
STRINGS: dict[str, str] = {
    # app
    "app.title": N_("govmodel"),
    "app.loading": N_("Loading the models …"),
    "app.loaded": N_("{n} models loaded in {ms} ms"),
    "app.load_failed": N_("Could not load {path}"),
    "app.no_model": N_("No model loaded"),
    "app.model": N_("Model"),
    "app.whatif_marker": N_("what-if: {n} change(s)"),
    "app.not_available": N_("Not available yet: {what} ({module} is being written)."),
    "app.open": N_("Open model"),
    "app.opening": N_("Opening {path} …"),
    "app.computing": N_("Computing …"),
    "app.lang_now": N_("Language: English"),
    "app.theme_now": N_("Theme: {theme}"),
    "app.model_now": N_("Model: {name}"),
    # tab
    "tab.browser": N_("1 Model"),
    "tab.criteria": N_("2 Criteria"),
    "tab.compare": N_("3 Compare"),
    "tab.power": N_("4 Power"),
    "tab.coalition": N_("5 Coalition"),
    "tab.whatif": N_("6 What-if"),
    # key
    "key.help": N_("Help"),
    "key.model": N_("Model"),
    "key.lang": N_("Language"),
    "key.theme": N_("Theme"),
    "key.save": N_("Save scenario"),
    "key.export": N_("Export"),
    "key.diagram": N_("Diagram"),
    "key.reset": N_("Reset"),
    "key.open_scenario": N_("Open scenario"),
    "key.quit": N_("Quit"),
    "key.palette": N_("Commands"),
    "key.close": N_("Close"),
    "key.direct": N_("Own votes only"),
    "key.clear": N_("Clear"),
    "key.only_diff": N_("Only differences"),
    "key.search": N_("Search"),
    # br
    "br.owners": N_("Owners"),
    "br.organs": N_("Organs"),
    "br.documents": N_("Documents"),
    "br.relations": N_("Relations"),
    "br.assumptions": N_("Assumptions"),
    "br.part.company": N_("The company"),
    "br.part.owners": N_("Owner side"),
    "br.part.ks": N_("KS"),
    "br.part.samstyring": N_("Co-governance"),
    "br.part.state": N_("The state"),
    "br.part.other": N_("Other"),
    "br.regional": N_("{name} ({n}, one per fylke)"),
    "br.no_owners": N_("(no owners: {form})"),
    "br.select_hint": N_("Select an element in the tree on the left (arrow keys, Enter expands)."),
    "br.model_file": N_("File"),
    "br.source": N_("Source"),
    "br.assumption": N_("Assumption"),
    "br.form": N_("Company form"),
    "br.share_capital": N_("Share capital"),
    "br.shares": N_("shares"),
    "br.seats": N_("Seats"),
    "br.decisions": N_("Decisions"),
    "br.rule": N_("rule"),
    "br.cited": N_("cited"),
    "br.strategic": N_("strategic"),
    "br.elected_by": N_("Elected or appointed by"),
    "br.recommends": N_("Recommends / advises"),
    "br.recommended_by": N_("Receives recommendations from"),
    "br.instructs": N_("Instructs"),
    "br.instructed_by": N_("Instructed by"),
    "br.other_links": N_("Other relations"),
    "br.carries": N_("Assumptions it carries"),
    "br.none": N_("none"),
    "br.held_by": N_("held by {who}"),
    "br.filled_by": N_("filled by {by}"),
    "br.nobody": N_("nobody"),
    "br.votes_each": N_("{v} vote(s) each"),
    "br.players_sh": N_("Players: the {n} shareholders, one vote per share"),
    "br.absent": N_("absent: {n}"),
    "br.kind": N_("Kind"),
    "br.part_of": N_("Part of"),
    "br.members": N_("Members"),
    "br.allocation": N_("Allocation"),
    "br.block": N_("Share block"),
    "br.holds": N_("Holds"),
    "br.contracting": N_("Contracting authority"),
    "br.fylke": N_("Fylke"),
    "br.population": N_("Population"),
    "br.groups": N_("Groups"),
    "br.seats_held": N_("Seats held"),
    "br.relations_of": N_("Relations"),
    "br.adopted_by": N_("Adopted by"),
    "br.clauses": N_("Clauses"),
    "br.type": N_("Type"),
    "br.from_to": N_("From → to"),
    "br.by_decision": N_("by decision"),
    "br.for_decision": N_("for decision"),
    "br.strength": N_("Strength"),
    "br.link": N_("Link kind"),
    "br.revocable": N_("revocable"),
    "br.basis": N_("Basis"),
    "br.yes": N_("yes"),
    "br.no": N_("no"),
    "br.uncertain": N_("uncertain"),
    "br.activity": N_("Activity (turnover)"),
    "br.with_ctrl": N_("with the controlling authorities"),
    "br.warnings": N_("Warnings"),
    "br.variant_of": N_("Variant of"),
    "br.scenario": N_("Scenario"),
    "br.more": N_("… and {n} more"),
    # co
    "co.filter": N_("filter actors (name, id, fylke) …"),
    "co.pick": N_("Pick actors or groups on the left (space toggles)."),
    "co.coalition": N_("Coalition"),
    "co.summary": N_("can force {f} and block {b} of {n} decisions"),
    "co.decision": N_("Decision"),
    "co.force": N_("Force"),
    "co.block": N_("Block"),
    "co.direct": N_("Own votes only (d)"),
    "co.own": N_("own votes/seats"),
    "co.via": N_("via chain"),
    "co.more_same": N_("… {n} more players reached the same way"),
    "co.rec": N_("recommendation {rid} ({strength})"),
    "co.rec_none": N_("gives no control"),
    "co.rests_on": N_("rests on {link} link {rid}"),
    "co.groups_hdr": N_("Groups"),
    "co.actors_hdr": N_("Actors"),
    "co.yes": N_("yes"),
    "co.no": N_("no"),
    "co.changed": N_("changed by the what-if"),
    # lv
    "lv.firm": N_("firm"),
    "lv.contractual": N_("contractual"),
    "lv.periodic": N_("periodic"),
    "lv.revocable": N_("revocable"),
    "lv.advisory": N_("advisory"),
    # st
    "st.advisory": N_("advisory"),
    "st.adopt_or_return": N_("adopt or return"),
    "st.binding": N_("binding"),
    # pw
    "pw.decisions": N_("Decisions"),
    "pw.player": N_("Player"),
    "pw.banzhaf": N_("Banzhaf"),
    "pw.ss": N_("Shapley"),
    "pw.legend": N_("Banzhaf (normalised) and Shapley–Shubik, sorted by Banzhaf"),
    "pw.sum_group": N_("Σ {name} ({n})"),
    "pw.game": N_("{n} players, quota {q} of {w}{veto}"),
    "pw.veto": N_("; veto players: {v}"),
    "pw.not_weighted": N_("The rule is not one weighted game; indices computed by enumeration."),
    "pw.none": N_("No power indices for this rule ({n} players)."),
    "pw.min_win": N_("Minimal winning coalitions"),
    "pw.min_block": N_("Minimal blocking coalitions"),
    "pw.direct": N_("own votes"),
    "pw.chains": N_("through links"),
    "pw.share_force": N_("Share of the votes present needed to force: {f}; to block: {b}"),
    "pw.group_need": N_("{name}: {force}; {block}"),
    "pw.g_force_n": N_("the {n} largest together can force it"),
    "pw.g_force_no": N_("cannot force it on their own, even all together"),
    "pw.g_block_n": N_("the {n} largest together can block it"),
    "pw.g_block_no": N_("cannot block it on their own, even all together"),
    "pw.auth": N_("The authorities pass it: {route}; they can block it: {b}"),
    "pw.method": N_("Method: {m}"),
    "pw.estimated": N_("estimated"),
    "pw.explain_hint": N_("i: what the indices measure, and why they can disagree"),
    # ex
    "ex.title": N_("Explanation"),
    # key
    "key.explain": N_("Explain"),
    # app
    "app.scn_other": N_(
        "The scenario {file} was written for {base}, not for {current}. Switch to that model and apply it there?"
    ),
    "app.scn_switch": N_("Switch model"),
    "app.scn_not_applied": N_("The scenario was not applied."),
    "app.scn_replace": N_(
        "Replace the what-if in effect ({n} changes) with the scenario '{name}'?"
    ),
    "app.scn_replace_yes": N_("Replace"),
    "app.csv_written": N_("The table was saved as {path}"),
    # key
    "key.copy_row": N_("Copy row"),
    "key.csv": N_("CSV"),
    # ex
    "ex.indices": N_("The power indices"),
    "ex.banzhaf": N_(
        "Banzhaf measures how often a player's vote decides: of all the coalitions the player could join, in how many does its vote turn a losing coalition into a winning one (a 'swing'). The figures are normalised so that all players together get 1. Every coalition counts the same."
    ),
    "ex.shapley": N_(
        "Shapley–Shubik measures the share of all the orders in which the players could line up where this player is the one that takes the coalition over the quota (is 'pivotal'). Every order counts the same; the figures sum to 1."
    ),
    "ex.why": N_(
        "Why they disagree: one large block against very many small owners. Almost every coalition of small owners that can change the outcome needs the large block, so its vote matters almost every time (a high Banzhaf). In an ordering it is pivotal only where the small owners who came before it have not yet reached the quota but reach it with the block, so Shapley–Shubik gives it much less than Banzhaf. Banzhaf says how often a vote matters; Shapley–Shubik divides one prize among the players."
    ),
    "ex.here": N_("Here ({decision}): {name} has Banzhaf {bz} and Shapley–Shubik {ss}."),
    "ex.not_law": N_(
        "Neither index is a legal test: whether the control criterion is met is in the criteria tab (2), with reasons and sources."
    ),
    "ex.estimated": N_(
        "'Monte Carlo' means the figure is estimated by random sampling, not computed exactly."
    ),
    "ex.grades": N_("The grades"),
    "ex.g.satisfied": N_(
        "satisfied: the criterion is met directly, from the model's organs and rules"
    ),
    "ex.g.satisfied_indirect": N_(
        "satisfied indirectly: met through a chain (for example through KS's organs)"
    ),
    "ex.g.conditional": N_(
        "conditional: met only if an assumption holds (an agreement, a proxy, a reading) — the assumption is named in the reasons"
    ),
    "ex.g.unknown": N_("unknown: the model or the law does not settle it"),
    "ex.g.not_satisfied": N_("not satisfied: the criterion is not met"),
    "ex.links": N_("The strength of a link"),
    "ex.links_intro": N_(
        "A chain is as strong as its weakest link. The strength follows from the legal form: who can remove, recall or instruct whom."
    ),
    "ex.l.firm": N_(
        "firm: a company-law right to remove or replace at any time (e.g. aksjeloven § 6-7), or one's own votes"
    ),
    "ex.l.contractual": N_("contractual: rests on a binding shareholders' agreement"),
    "ex.l.periodic": N_("periodic: elected for a term, without recall or instruction"),
    "ex.l.revocable": N_("revocable: a proxy that can be revoked (aksjeloven § 5-2 (2))"),
    "ex.l.diffuse": N_("diffuse/advisory: advice or influence only, no right to decide"),
    # pw
    "pw.time": N_("computed in {ms} ms"),
    "pw.ss_pending": N_("Computing Shapley–Shubik (exact; may take a few seconds) …"),
    "pw.structure_wait": N_("Finding minimal coalitions …"),
    # cmp
    "cmp.models": N_("Models (space toggles)"),
    "cmp.only_diff": N_("Only differences (f)"),
    "cmp.aspect": N_("Aspect"),
    "cmp.pick_two": N_("Pick at least two models."),
    "cmp.sec.owners": N_("Ownership"),
    "cmp.sec.organs": N_("Organs"),
    "cmp.sec.docs": N_("Documents"),
    "cmp.sec.rules": N_("Thresholds at the general meeting"),
    "cmp.sec.block": N_("Who can block (own votes)"),
    "cmp.sec.ks": N_("KS alone: force / block"),
    "cmp.sec.auth": N_("Kommuner and fylkeskommuner jointly: force / block"),
    "cmp.sec.power": N_("Power (Banzhaf, ordinary resolution)"),
    "cmp.sec.findings": N_("Findings (in-house criteria)"),
    "cmp.form": N_("Company form"),
    "cmp.capital": N_("Share capital"),
    "cmp.n_owners": N_("Number of owners"),
    "cmp.n_assumptions": N_("Number of assumptions"),
    "cmp.absent": N_("—"),
    "cmp.loading": N_("Loading {name} …"),
    "cmp.nobody": N_("nobody"),
    # wi
    "wi.title": N_("What-if: {name}"),
    "wi.owner_share": N_("Share of the shares held by {owner} (%)"),
    "wi.remainder": N_("The difference goes to"),
    "wi.rem.proportional": N_("the other blocks pro rata"),
    "wi.allocation": N_("Allocation of the kommuner's block"),
    "wi.alloc.population": N_("per capita"),
    "wi.alloc.equal": N_("equal"),
    "wi.alloc.digifin": N_("by DigiFin contribution"),
    "wi.turnout": N_("Turnout at the general meeting (%)"),
    "wi.turnout_of": N_("Turnout at the general meeting, {group} (%)"),
    "wi.auth_short": N_("Authorities"),
    "wi.order": N_("Who attends"),
    "wi.order.largest_first": N_("the largest first"),
    "wi.order.smallest_first": N_("the smallest first"),
    "wi.revoke": N_("Revoke all proxies"),
    "wi.revoke_of": N_("… or only the proxies given by (names, comma-separated)"),
    "wi.no_proxies": N_("(the model has no proxies)"),
    "wi.n_proxies": N_("{n} proxy relation(s) in the model"),
    "wi.strength": N_("Strength of the recommendation"),
    "wi.leaves": N_("Owners who leave (their names, separated by commas)"),
    "wi.new_owner": N_("New owner (a name) and share %"),
    "wi.extra": N_("From a scenario file"),
    "wi.coalition_short": N_("Coal."),
    "wi.from_tab5": N_("picked in Coalition, 5"),
    "wi.effects": N_("Effect (before → after)"),
    "wi.col.who": N_("Who"),
    "wi.ks": N_("KS alone"),
    "wi.auth": N_("Kommuner+fylkeskommuner"),
    "wi.no_changes": N_("No changes yet."),
    "wi.readings": N_("Legal readings"),
    "wi.flips": N_("What flips (after ← before, and why)"),
    "wi.no_flips": N_("No verdict or element of one changes."),
    "wi.and_more": N_("and {n} more the same way"),
    "wi.recomputed": N_("Recomputed in {ms} ms"),
    "wi.recomputed_nt": N_("Recomputed"),
    "wi.invalid": N_("The change is invalid: {msg}"),
    "wi.scenario": N_("Scenario (what s saves)"),
    "wi.no_owner": N_("(no owner holds a block of shares of its own in this model)"),
    "wi.owner_sole": N_("({owner} is the sole owner; add an owner first)"),
    "wi.ks_sole": N_(
        "(the sole owner cannot give up shares without another owner; add an owner first)"
    ),
    "wi.bad_number": N_("invalid number"),
    "wi.power_of": N_("Banzhaf index of {owner}, ordinary resolution"),
    "wi.verdicts": N_("In-house verdicts"),
    # the what-if's name (a saved scenario's name:): its changes in words
    "wi.sum.empty": N_("What-if"),
    "wi.sum.whatif": N_("What-if: {changes}"),
    "wi.sum.share": N_("{owner} {pct}"),
    "wi.sum.new_owner": N_("new owner {name} {pct}"),
    "wi.sum.allocation": N_("allocation {rule}"),
    "wi.sum.turnout": N_("turnout {pct} ({order})"),
    "wi.sum.proxies": N_("proxies revoked"),
    "wi.sum.proxies_of": N_("proxies of {names} revoked"),
    "wi.sum.strength": N_("{relation}: {strength}"),
    "wi.sum.leaves": N_("{name} leaves"),
    "wi.sum.reading": N_("{reading}: {value}"),
    "wi.sum.scenario": N_("scenario"),
    # dlg
    "dlg.open_title": N_("Open a scenario as the what-if"),
    "dlg.open": N_("Open"),
    "dlg.no_file": N_("No file named {path}"),
    "dlg.save_title": N_("Save the what-if as a scenario file"),
    "dlg.path": N_("Path"),
    "dlg.name": N_("Name"),
    "dlg.ok": N_("Save"),
    "dlg.cancel": N_("Cancel"),
    "dlg.exists": N_("{path} already exists. Overwrite it?"),
    "dlg.overwrite": N_("Overwrite"),
    "dlg.saved": N_("Saved {path}"),
    "dlg.not_saved": N_("Not saved: {msg}"),
    "dlg.export_title": N_("Export the report"),
    "dlg.diagram_title": N_("Export the diagram"),
    "dlg.compare_title": N_("Export the comparison"),
    "dlg.layout": N_("Layout"),
    "dlg.layout_document": N_("Org chart for documents"),
    "dlg.layout_slide": N_("Slide 16:9 (1920 × 1080)"),
    "dlg.color": N_("Colours"),
    "dlg.color_kind": N_("By kind of organ and actor"),
    "dlg.color_coverage": N_("By coverage (control criterion)"),
    "dlg.language": N_("Language"),
    "dlg.format": N_("Format"),
    "dlg.exported": N_("Wrote {path}"),
    "dlg.compare_first": N_("open Compare (3) first"),
    "dlg.writing": N_("Writing …"),
    "dlg.nothing": N_("No changes to save."),
    "dlg.pick_model": N_("Choose a model"),
    # cr
    "cr.verdicts": N_("Verdicts"),
    "cr.matrix": N_("Coverage: authority × body"),
    "cr.search": N_("search kommune / fylkeskommune …"),
    "cr.fylke": N_("Fylke"),
    "cr.pop": N_("Population"),
    "cr.link": N_("Link kind"),
    "cr.all": N_("all"),
    "cr.rows": N_("{n} of {total} authorities"),
    "cr.reasoning": N_("Reasoning"),
    "cr.sources": N_("Sources"),
    "cr.rests_on": N_("Rests on"),
    "cr.authority": N_("Authority"),
    "cr.sensitivity": N_("Sensitivity"),
    # help
    "help.title": N_("Help"),
}


def tr(key: str, lang: str = "en", /, **fields: object) -> str:
    """The UI string ``key`` in ``lang`` (the English text through the project's gettext
    catalogue, :func:`govmodel.i18n.translate`), formatted with ``fields``."""
    text = STRINGS.get(key)
    if text is None:
        return key
    out = translate(lang if lang in LANGS else "en")(text)
    return out.format(**fields) if fields else out


def default_lang() -> str:
    """Norwegian when the locale says so (as the reports decide: govmodel.i18n.detect_lang;
    GOVMODEL_LANG overrides), else English."""
    forced = os.environ.get("GOVMODEL_LANG", "").lower()
    if forced[:2] in ("nb", "en"):
        return forced[:2]
    from govmodel.i18n import detect_lang

    return detect_lang()


# -- the engine's texts in the user's language ---------------------------------------------------


def method_text(method: Msg, lang: str) -> str:
    """How the power engine computed the indices (:mod:`govmodel.power.methods`), in ``lang``
    with numbers for the locale, as ``govmodel power`` and the reports write it."""
    from govmodel.report.l10n import L10n

    return L10n(lang).msg(method)


def rule_text(model: Model, rule: Rule, lang: str) -> str:
    """The rule in words with every seat or decision id it names replaced by its name in the
    model: ``approval of council.china`` → ``approval of China (Security Council)``
    (:func:`govmodel.report.evaluation.rule_text`)."""
    from govmodel.report.evaluation import rule_text as named
    from govmodel.report.l10n import L10n

    return named(L10n(lang, model), rule)


def seat_name(model: Model, seat_id: str, engine_name: str, lang: str) -> str:
    """A voter of the power table by name; a seat filled by election by who elects it
    (:func:`govmodel.report.names.seat_name`)."""
    from govmodel.report.names import seat_name as named

    return named(model, seat_id, engine_name, lang)
