"""What-if: edit KS's share and the allocation rule, turnout, proxies, the strength of
recommendations, owners leaving or joining; see the effect on control at once.

Why this module is long (about 680 lines): it is one view, the what-if form, its worker and
the result tables, and most of its length is the form's fields (share, allocation, turnout,
proxies, recommendations, leaving owners, readings), each built, read back and reset here. The
computation is in :mod:`tui.whatif_form`, :mod:`tui.results` and :mod:`govmodel.changes`; the result tables are the part
to move out when the form grows.
"""

from __future__ import annotations

import dataclasses
import time
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Unpack

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.reactive import reactive
from textual.widgets import Checkbox, DataTable, Input, Label, Select, Static
from textual.worker import get_current_worker

from govmodel.analysis.owners import authority_groups, principal_owner, turnout_group
from govmodel.errors import GovmodelError
from govmodel.model import Model
from tui import criteria as CR
from tui import data as D
from tui import results as R
from tui import whatif_form as W
from tui.lawmarks import decision_word, model_note
from tui.messages import WhatIfApplied
from tui.render import Doc, decision_name, level_text, name_in, short_name, tx
from tui.safe import esc as escape
from tui.safe import lit
from tui.views.base import View
from tui.widgets.tables import GovTable, fill

if TYPE_CHECKING:
    from textual import events
    from textual.theme import Theme

    from tui.options import WidgetOptions


def parse_pct(text: str) -> Fraction | None:
    """``33.4``, ``33,4``, ``1/3`` as a percentage in 0–100; None when empty; ValueError."""
    s = text.strip().replace(",", ".").rstrip("%").strip()
    if not s:
        return None
    f = Fraction(s)
    if not 0 <= f <= 100:
        raise ValueError(s)
    return f


class WhatIfView(View):
    pane_id = "whatif"
    focus_target = "#wi-effects"
    #: the coalition picked in the coalition tab (bound to the app's, see GovApp.compose)
    coalition: reactive[frozenset[str]] = reactive(frozenset(), init=False)

    def __init__(self, **kw: Unpack[WidgetOptions]) -> None:
        super().__init__(**kw)
        #: the form shows this entry's what-if (a loaded scenario or a reset makes a new one)
        self._form_for: tuple[int, int] | None = None
        self._building = False
        self._timer: Any = None
        self.last_ms: dict[str, float] = {}
        self._last_key: tuple | None = None
        self._base_grades: dict[int, dict[str, str]] = {}
        self._request = 0  # the latest computation asked for: an older result is dropped

    def compose_view(self) -> ComposeResult:
        with Horizontal():
            form = VerticalScroll(id="wi-form")
            form.can_focus = False  # Tab goes straight to the first field
            yield form
            with Vertical(id="wi-right"):
                yield Static(self.tr("app.loading"), id="wi-status")
                flips = VerticalScroll(id="wi-flips-wrap")
                flips.can_focus = False
                with flips:
                    yield Static("", id="wi-flips")
                yield GovTable(id="wi-effects", flex="decision", header_height=2)
                yaml_wrap = VerticalScroll(id="wi-yaml-wrap")
                yaml_wrap.can_focus = False
                with yaml_wrap:
                    yield Static("", id="wi-law")
                    yield Static("", id="wi-yaml")

    def key_tab(self, event: events.Key) -> None:
        """Tab on the effects table (where the tab opens) goes into the form."""
        if self.app.focused is not None and self.app.focused.id == "wi-effects":
            first = self.query("#wi-form Input, #wi-form Select, #wi-form Checkbox")
            if first:
                event.stop()
                event.prevent_default()
                first.first().focus()

    def on_resize(self) -> None:
        # below 100 columns the form goes on top and the effects table gets the full width
        self.set_class(self.size.width < 100, "narrow")

    # -- the form ------------------------------------------------------------------------------

    def refresh_view(self) -> None:
        entry = self.gov.entry
        if self._form_for != (id(entry), id(entry.whatif)):
            self._form_for = (id(entry), id(entry.whatif))
            self._build_form()
        else:
            self.recompute(now=True)

    def lang_changed(self) -> None:
        self._form_for = None
        self._last_key = None

    @work(exclusive=True, group="whatif-form", description="what-if form", exit_on_error=False)
    async def _build_form(self) -> None:
        entry = self.gov.entry
        base = entry.whatif.form_base(entry.base)
        wi = entry.whatif
        self._form_for = (id(entry), id(entry.whatif))
        self._building = True
        found = self.query("#wi-form")
        if not found:  # not composed yet: the first show builds it
            self._form_for = None
            self._building = False
            return
        form = found.first(VerticalScroll)
        await form.remove_children()
        c = base.company
        widgets: list[Any] = [
            Label(
                f"[b]{escape(self.tr('wi.title', name=D.model_name(base, self.lang)))}[/]",
                classes="wi-title",
            )
        ]
        owner = principal_owner(base)
        ks_block = next((b for b in c.blocks if b.holder == owner), None)
        others = [b for b in c.blocks if b.holder != owner]
        wi.owner_label = owner_label(base, self.lang)
        if ks_block is None:
            widgets.append(Label(f"[dim]{escape(self.tr('wi.no_owner'))}[/]"))
        else:
            widgets.append(Label(lit(self.tr("wi.owner_share", owner=wi.owner_label))))
            now = (
                wi.owner_share
                if wi.owner_share is not None
                else Fraction(ks_block.shares * 100, c.share_capital)
            )
            widgets.append(
                Input(W.pct_text(now, self.lang), id="wi-ks", restrict=r"[0-9.,/]*", compact=True)
            )
            if not others and wi.new_owner is None:
                widgets.append(
                    Label(f"[dim]{escape(self.tr('wi.owner_sole', owner=wi.owner_label))}[/]")
                )
            opts: list[tuple[Any, str]] = [
                (lit(name_in(base, b.holder, self.lang)), b.holder) for b in others
            ]
            opts.append((self.tr("wi.rem.proportional"), "proportional"))
            widgets.append(Label(self.tr("wi.remainder")))
            value = wi.remainder if wi.remainder in {v for _, v in opts} else opts[0][1]
            wi.remainder = value
            widgets.append(Select(opts, value=value, allow_blank=False, id="wi-rem", compact=True))
        groups = [b for b in c.blocks if b.is_group]
        if groups:
            widgets.append(Label(self.tr("wi.allocation")))
            current = wi.allocation or groups[0].allocate or "population"
            widgets.append(
                Select(
                    [(self.tr(f"wi.alloc.{a}"), a) for a in W.ALLOCATIONS],
                    value=current,
                    allow_blank=False,
                    id="wi-alloc",
                    compact=True,
                )
            )
        group = turnout_group(base)
        if group is not None:
            widgets.append(
                Label(lit(self.tr("wi.turnout_of", group=name_in(base, group, self.lang))))
            )
            widgets.append(
                Input(
                    W.pct_text(wi.turnout, self.lang) if wi.turnout is not None else "100",
                    id="wi-turnout",
                    restrict=r"[0-9.,/]*",
                    compact=True,
                )
            )
            widgets.append(
                Select(
                    [(self.tr(f"wi.order.{o}"), o) for o in W.ORDERS],
                    value=wi.order,
                    allow_blank=False,
                    id="wi-order",
                    compact=True,
                )
            )
        proxies = base.relations_of("proxy")
        if proxies:
            widgets.append(Label(self.tr("wi.n_proxies", n=len(proxies))))
            widgets.append(
                Checkbox(self.tr("wi.revoke"), value=wi.revoke_all, id="wi-revoke", compact=True)
            )
            widgets.append(Label(self.tr("wi.revoke_of")))
            widgets.append(
                Input(
                    W.owners_text(base, wi.revoke_of, lang=self.lang),
                    id="wi-revoke-of",
                    placeholder=W.owners_text(
                        base, [r.source for r in proxies[:2]], lang=self.lang
                    ),
                    compact=True,
                )
            )
        recs = [r for r in base.relations if r.type == "recommends" and r.to_decision]
        rec_widgets: list[Any] = []
        for r in recs:
            rec_widgets.append(
                Label(
                    lit(
                        f"{self.tr('wi.strength')}: {name_in(base, r.source, self.lang)} → "
                        + element_name(base, f"{r.target}.{r.to_decision}", self.lang)
                    )
                )
            )
            rec_widgets.append(
                Select(
                    [(self.tr(f"st.{s}"), s) for s in W.STRENGTHS],
                    value=wi.strengths.get(r.id, r.strength or "advisory"),
                    allow_blank=False,
                    id=f"wi-rec-{r.id}",
                    classes="wi-rec",
                    compact=True,
                )
            )
        widgets += rec_widgets
        widgets.append(Label(self.tr("wi.leaves")))
        widgets.append(
            Input(
                W.owners_text(base, wi.leaves, lang=self.lang),
                id="wi-leaves",
                placeholder=W.owners_text(base, c.holders()[:2], lang=self.lang),
                compact=True,
            )
        )
        widgets.append(Label(self.tr("wi.new_owner")))
        new_row = Horizontal(classes="new-owner-row")
        widgets.append(new_row)
        widgets.append(Static("", id="wi-extra"))
        from govmodel.law.readings import load_readings

        lang = self.lang
        widgets.append(Label(f"[b]{escape(self.tr('wi.readings'))}[/]"))
        for reading in load_readings().values():
            widgets.append(Label(lit(reading.name.get(lang) or reading.id)))
            widgets.append(
                Select(
                    [(lit(a.text.get(lang) or a.value), a.value) for a in reading.alternatives],
                    value=wi.readings.get(reading.id, reading.default),
                    allow_blank=False,
                    id=f"wi-reading-{reading.id}",
                    classes="wi-reading",
                    compact=True,
                )
            )
        await form.mount_all(widgets)
        await new_row.mount(
            Input(
                W.owners_text(base, [wi.new_owner[0]], lang=self.lang) if wi.new_owner else "",
                id="wi-new-id",
                placeholder=W.owners_text(base, list(authority_groups(base))[:1], lang=self.lang),
                compact=True,
            )
        )
        await new_row.mount(
            Input(
                W.pct_text(wi.new_owner[1], self.lang) if wi.new_owner else "",
                id="wi-new-pct",
                placeholder="%",
                restrict=r"[0-9.,/]*",
                compact=True,
            )
        )
        self._show_extra()
        self.call_after_refresh(self._done_building)

    def _done_building(self) -> None:
        self._building = False
        self.recompute(now=True)

    def _show_extra(self) -> None:
        wi = self.gov.entry.whatif
        try:
            extra = self.query_one("#wi-extra", Static)
        except NoMatches:  # the form is not built yet
            return
        if wi.extra:
            extra.update(
                f"[b]{escape(self.tr('wi.extra'))}:[/] {escape(wi.extra_name or '')} ({len(wi.extra)})"
            )
        else:
            extra.update("")

    # -- reading the form ------------------------------------------------------------------------

    @on(Input.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    def _field_changed(self, event: Input.Changed | Select.Changed | Checkbox.Changed) -> None:
        if (event.control.id or "").startswith("wi-"):  # a field of the form
            event.stop()
            self._changed()

    def _changed(self) -> None:
        if self._building:
            return
        entry = self.gov.entry
        wi = entry.whatif
        problems: list[str] = []

        def val(wid: str) -> Any:
            found = self.query(f"#{wid}")
            if not found:
                return None
            field = found.first()
            return field.value if isinstance(field, (Input, Select, Checkbox)) else None

        base = entry.whatif.form_base(entry.base)
        c = base.company
        owner = principal_owner(base)
        ks_block = next((b for b in c.blocks if b.holder == owner), None)
        if ks_block is not None:
            try:
                share = parse_pct(val("wi-ks") or "")
                now = Fraction(ks_block.shares * 100, c.share_capital)
                wi.owner_share = None if share is None or share == now else share
            except (ValueError, ZeroDivisionError):
                problems.append(
                    f"{self.tr('wi.owner_share', owner=wi.owner_label)}: {self.tr('wi.bad_number')}"
                )
            rem = val("wi-rem")
            if isinstance(rem, str):
                wi.remainder = rem
        alloc = val("wi-alloc")
        if isinstance(alloc, str):
            groups = [b for b in c.blocks if b.is_group]
            wi.allocation = None if all(b.allocate == alloc for b in groups) else alloc
        turnout = val("wi-turnout")
        if turnout is not None:
            try:
                f = parse_pct(turnout)
                wi.turnout = None if f is None or f == 100 else f
            except (ValueError, ZeroDivisionError):
                problems.append(f"{self.tr('wi.turnout')}: {self.tr('wi.bad_number')}")
        order = val("wi-order")
        if isinstance(order, str):
            wi.order = order
        revoke = val("wi-revoke")
        if revoke is not None:
            wi.revoke_all = bool(revoke)
        revoke_of = val("wi-revoke-of") or ""
        givers = sorted({r.source for r in base.relations_of("proxy")})
        wi.revoke_of = W.owners_typed(base, revoke_of, among=givers)
        wi.strengths = {}
        rels = {r.id: r for r in base.relations}
        for sel in self.query(".wi-rec").results(Select):
            rid = (sel.id or "")[len("wi-rec-") :]
            r = rels.get(rid)
            if (
                isinstance(sel.value, str)
                and r is not None
                and sel.value != (r.strength or "advisory")
            ):
                wi.strengths[rid] = sel.value
        from govmodel.law.readings import load_readings

        defaults = {r.id: r.default for r in load_readings().values()}
        wi.readings = {}
        for choice in self.query(".wi-reading").results(Select):
            rid = (choice.id or "")[len("wi-reading-") :]
            value = choice.value
            if isinstance(value, str) and rid in defaults and value != defaults[rid]:
                wi.readings[rid] = value
        leaves = val("wi-leaves") or ""
        wi.leaves = W.owners_typed(base, leaves)
        # the new owner by name (either language) or id: an actor or a group of the model
        typed = W.owners_typed(base, val("wi-new-id") or "", among=[*base.actors, *base.groups])
        new_id = typed[0] if typed else ""
        try:
            new_pct = parse_pct(val("wi-new-pct") or "")
        except (ValueError, ZeroDivisionError):
            new_pct = None
            problems.append(f"{self.tr('wi.new_owner')}: {self.tr('wi.bad_number')}")
        wi.new_owner = (new_id, new_pct) if new_id and new_pct else None
        if problems:
            self.query_one("#wi-status", Static).update(f"[$error]{escape('; '.join(problems))}[/]")
            return
        self.recompute()

    # -- recomputing -------------------------------------------------------------------------------

    def recompute(self, now: bool = False) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if now or not self.gov.debounce:
            self._start()
        else:
            self._timer = self.set_timer(self.gov.debounce, self._start)

    @property
    def pending(self) -> bool:
        return self._timer is not None

    def watch_coalition(self) -> None:
        self.model_changed()  # recomputed now if shown, else when next shown

    def _coalition(self, model: Model) -> tuple[str, ...]:
        """The coalition picked in the Coalition tab, unless it is the principal owner alone or
        the authorities (the table has those already)."""
        members = set(self.coalition)
        members = {m for m in members if m in model.actors or m in model.groups}
        owner = principal_owner(model)
        if not members or members == {owner} or members == set(R.authorities(model)):
            return ()
        return tuple(sorted(members))

    def _start(self) -> None:
        self._timer = None
        entry = self.gov.entry
        try:
            key = (
                id(entry),
                repr(entry.whatif.ops(entry.base)),
                tuple(sorted(entry.whatif.readings.items())),
                self.lang,
                self._coalition(entry.base),
            )
        except W.WhatIfError:
            key = None
        if key is not None and key == self._last_key and entry.model is not None:
            return
        self._last_key = key
        self.query_one("#wi-status", Static).update(self.tr("app.computing"))
        self._request += 1
        self._compute(entry, _snapshot(entry.whatif), self._coalition(entry.base), self._request)

    @work(thread=True, exclusive=True, group="whatif", description="what-if", exit_on_error=False)
    def _compute(
        self, entry: D.Loaded, wi: W.WhatIf, coalition: tuple[str, ...] = (), request: int = 0
    ) -> None:
        try:
            self._compute_inner(entry, wi, coalition, request)
        except GovmodelError as exc:  # located, shown in the status line
            if not get_current_worker().is_cancelled:
                self.app.call_from_thread(self._failed, entry, D.error_text(exc))

    def _compute_inner(
        self, entry: D.Loaded, wi: W.WhatIf, coalition: tuple[str, ...] = (), request: int = 0
    ) -> None:
        worker = get_current_worker()
        t0 = time.perf_counter()
        ms: dict[str, float] = {}
        try:
            ops = wi.ops(entry.base)
            name = wi.summary(entry.base, self.lang)
            (model, tree), ms["rebuild"] = R.timed(D.apply_whatif_tree, entry, wi, name)
            err = None
        except GovmodelError as exc:  # shown in the status line
            model, tree, err, ops = None, None, D.error_text(exc), ()
            if isinstance(exc, W.WhatIfError):
                err = self.tr(str(exc))
        if worker.is_cancelled:
            return
        if model is None:
            self.app.call_from_thread(self._failed, entry, err)
            return
        base_fx = R.effects(entry.base, coalition)
        fx, ms["control"] = (
            R.timed(R.effects, model, coalition) if model is not entry.base else (base_fx, 0.0)
        )
        power_before = power_after = None
        gm = W.general_meeting(model)
        owner = principal_owner(entry.base)
        if gm is not None and model.organs[gm].has_decision("ordinary") and owner is not None:
            t1 = time.perf_counter()
            power_after = _banzhaf_of(model, gm, owner)
            power_before = (
                _banzhaf_of(entry.base, gm, owner) if model is not entry.base else power_after
            )
            ms["power"] = (time.perf_counter() - t1) * 1000
        t2 = time.perf_counter()
        grades_before = self._base_grades.get(id(entry.base))
        if grades_before is None:
            grades_before = self._base_grades[id(entry.base)] = CR.grades(entry.base)
        grades_after = CR.grades(model) if model is not entry.base else grades_before
        flipped = (
            CR.flips(CR.evaluate(entry.base), CR.evaluate(model), self.lang)
            if model is not entry.base
            else []
        )
        ms["criteria"] = (time.perf_counter() - t2) * 1000
        ms["total"] = (time.perf_counter() - t0) * 1000
        if not worker.is_cancelled:
            self.app.call_from_thread(
                self._done,
                request,
                entry,
                wi,
                model,
                ops,
                base_fx,
                fx,
                power_before,
                power_after,
                ms,
                (grades_before, grades_after),
                tree,
                flipped,
            )

    def _failed(self, entry: D.Loaded, err: str | None) -> None:
        entry.error = err
        self.query_one("#wi-status", Static).update(
            f"[$error]{escape(self.tr('wi.invalid', msg=err or '?'))}[/]"
        )

    def _done(
        self,
        request: int,
        entry: D.Loaded,
        wi: W.WhatIf,
        model: Model,
        ops: list[Any],
        base_fx: list[R.Effect],
        fx: list[R.Effect],
        p0: Any,
        p1: Any,
        ms: dict[str, float],
        grades: tuple[dict[str, str], dict[str, str]] = ({}, {}),
        tree: Any = None,
        flipped: list[CR.Flip] | None = None,
    ) -> None:
        if request != self._request:
            return  # a newer edit was made meanwhile: its result wins
        self.last_ms = ms
        # the app makes it the entry's model in effect and pushes it down to every view
        changes = tuple(tree) if model is not entry.base and tree else ()
        self.post_message(WhatIfApplied(entry, model, changes, ms.get("total")))
        if entry is not self.gov.entry:
            return
        lang = self.lang
        theme = self.app.current_theme
        status = []
        if not ops and not wi.readings:
            status.append(self.tr("wi.no_changes"))
        elif self.gov.timings:
            detail = ", ".join(f"{k} {v:.0f}" for k, v in ms.items() if k != "total")
            total = f"{ms['total']:.0f}"
            status.append(f"{self.tr('wi.recomputed', ms=total)} ({detail})")
        else:
            status.append(self.tr("wi.recomputed_nt"))
        if p1 is not None:
            before = R.fmt_index(p0, lang)
            after = R.fmt_index(p1, lang)
            status.append(
                f"{self.tr('wi.power_of', owner=owner_label(entry.base, lang))}: {before}"
                + (f" → {after}" if before != after else "")
            )
        coalition = self._coalition(entry.base)
        if coalition:
            names = ", ".join(name_in(entry.base, m, lang) for m in coalition)
            status.append(f"{self.tr('wi.coalition_short')} = {names} ({self.tr('wi.from_tab5')})")
        before_g, after_g = grades
        if after_g:
            label = CR.names(model, lang)
            parts = []
            for cid in ("control", "in_house"):
                if cid in after_g:
                    parts.append(f"{label.get(cid, cid)} {_grade(after_g[cid], lang)}")
            changed = [
                f"{label.get(cid, cid)}: {_grade(before_g.get(cid, '?'), lang)} → {_grade(g, lang)}"
                for cid, g in after_g.items()
                if before_g.get(cid) != g
            ]
            line = f"{self.tr('wi.verdicts')}: {', '.join(parts)}"
            if changed:
                line += " | " + "; ".join(changed)
            status.append(line)
        self.query_one("#wi-status", Static).update(escape("\n".join(status)))
        self._show_flips(model, flipped or [], bool(ops) or bool(wi.readings))
        table = self.query_one("#wi-effects", DataTable)
        ks = owner_label(entry.base, lang) or "—"
        au = self.tr("wi.auth_short")
        # two-line headings (who / force or block): the verdict columns stay narrow, so the
        # decision names keep the width and wrap whole words at 80 columns
        columns = [
            ("decision", self.tr("co.decision")),
            ("ksf", f"{ks}\n{self.tr('co.force').lower()}"),
            ("ksb", f"{ks}\n{self.tr('co.block').lower()}"),
            ("auf", f"{au}\n{self.tr('co.force').lower()}"),
            ("aub", f"{au}\n{self.tr('co.block').lower()}"),
        ]
        whos = ["owner", "auth"]
        if any(e.other is not None for e in fx):
            co = self.tr("wi.coalition_short")
            columns += [
                ("cof", f"{co}\n{self.tr('co.force').lower()}"),
                ("cob", f"{co}\n{self.tr('co.block').lower()}"),
            ]
            whos.append("other")
        rows = []
        base_effects = {e.key: e for e in base_fx}
        for e in fx:
            b = base_effects.get(e.key)
            cells = []
            for who in whos:
                now_v = getattr(e, who)
                was_v = getattr(b, who) if b is not None else None
                for i in (0, 1):
                    cells.append(
                        _cell(now_v[i] if now_v else "?", was_v[i] if was_v else "?", lang, theme)
                    )
            # the report's word after a decision whose rule rests on unverified law
            organ, _, decision = e.key.partition(".")
            word = decision_word(model, organ, decision, lang) if decision else ""
            rows.append((e.key, (f"{tx(e.name, lang)} {word}".rstrip(), *cells)))
        fill(table, columns, rows)
        text = (
            W.scenario_text(W.scenario_of(ops, wi.summary(entry.base, lang), readings=wi.readings))
            if ops or wi.readings
            else ""
        )
        self.query_one("#wi-yaml", Static).update(
            f"[b]{escape(self.tr('wi.scenario'))}[/]\n{escape(text)}" if text else ""
        )
        # below the table (above it, the report's paragraph took the table's lines at 80×24)
        note = model_note(model, lang)
        self.query_one("#wi-law", Static).update(str(Doc(lang).marks([note], 0)) if note else "")
        self.query_one("#wi-law").display = bool(note)
        self.query_one("#wi-yaml").display = bool(text)
        self.query_one("#wi-yaml-wrap").display = bool(text) or bool(note)
        self._show_extra()

    def _show_flips(self, model: Model, flipped: list[CR.Flip], changed: bool) -> None:
        """Each verdict and element the what-if flips: after ← before, and the reason."""
        lang = self.lang
        doc = Doc(lang)
        if changed:
            doc.line(f"[b]{escape(self.tr('wi.flips'))}[/]", markup=True)
            if not flipped:
                doc.line(self.tr("wi.no_flips"), 2)
        for f in flipped:
            what = f.criterion
            if f.element:
                what += " › " + element_name(model, f.element, lang)
                if f.count > 1:
                    what += " " + self.tr("wi.and_more", n=f.count - 1)
            doc.line(
                f"{escape(_grade(f.after, lang))} [b reverse]← {escape(_grade(f.before, lang))}[/]"
                f"  {escape(what)}",
                2,
                markup=True,
            )
            if f.reason is not None:
                doc.line(CR.render(f.reason, lang), 6)
        self.query_one("#wi-flips", Static).update(str(doc))
        self.query_one("#wi-flips-wrap").display = changed


def owner_label(model: Model, lang: str = "en") -> str:
    """The principal owner's short name (a column heading), or "" without one."""
    owner = principal_owner(model)
    return short_name(name_in(model, owner, lang)) if owner is not None else ""


def element_name(model: Model, key: str, lang: str = "en") -> str:
    """An element of a verdict by name in ``lang``: a decision ("organ.decision"), else any
    model id."""
    organ, _, decision = key.partition(".")
    if decision and organ in model.organs and model.organs[organ].has_decision(decision):
        return decision_name(model, organ, decision, lang)
    return name_in(model, key, lang)


def _snapshot(wi: W.WhatIf) -> W.WhatIf:
    """A copy the worker can read while the form goes on editing (the models it holds are
    immutable and shared, not copied)."""
    return dataclasses.replace(
        wi,
        revoke_of=list(wi.revoke_of),
        strengths=dict(wi.strengths),
        leaves=list(wi.leaves),
        readings=dict(wi.readings),
    )


def _grade(g: str, lang: str) -> str:
    return f"{CR.GRADE_GLYPH.get(g, '?')} {CR.grade_text(g, lang)}"


def _banzhaf_of(model: Model, gm: str, who: str) -> Fraction | None:
    """``who``'s Banzhaf index on the general meeting's ordinary resolution (0 if absent)."""
    table = R.power_table(model, gm, "ordinary", shapley=False)
    if table is None:
        return None
    for r in table.rows:
        if r.id == who:
            return r.banzhaf
    return Fraction(0)


def _cell(now: str | None, was: str | None, lang: str, theme: Theme) -> Text:
    def label(v: str | None) -> str:
        return f"✔ {level_text(v, lang)}" if v else "✘"

    if now == "?":
        return Text("-")
    colour = (theme.success if now == "firm" else theme.warning) if now else theme.error
    text = Text(label(now), style=colour or "")
    if was != "?" and was != now:
        text.append(f" ← {label(was)}", style="bold reverse")
    return text
