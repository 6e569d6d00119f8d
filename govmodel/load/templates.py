"""Company-form templates: template entries overlaid by the model's entries with the same id,
``omit: true`` dropping one.
"""

from __future__ import annotations

from govmodel.errors import Loc, did_you_mean
from govmodel.load.expand import ExpandReader
from govmodel.yamlsafe import YamlValue, YList, YMap


class TemplateReader(ExpandReader):
    def _merged_entries(
        self, model_list: YList, tpl_list: YList | None, what: str
    ) -> list[tuple[YMap, dict[str, str], bool]]:
        """Template entries overlaid by model entries with the same id; ``omit: true`` drops one."""
        tpl_entries = {str(e.get("id")): e for e in (tpl_list or []) if isinstance(e, YMap)}
        out: list[tuple[YMap, dict[str, str], bool]] = []
        model_entries = self.expand(model_list, what)
        model_ids: dict[str, YMap] = {}
        for n, _ in model_entries:
            nid = str(n.get("id"))
            if nid in tpl_entries and nid in model_ids:
                self.err(
                    n.at("id"),
                    f"duplicate {what} id {nid!r} (first at line {model_ids[nid].at('id').line})",
                )
                continue
            model_ids.setdefault(nid, n)
        for tid, t in tpl_entries.items():
            m = model_ids.get(tid)
            if m is None:
                out.append((t, {}, True))
            elif m.get("omit") is True:
                self.omitted.add(tid)
                continue
            else:
                out.append((overlay(t, m), {}, False))
        for n, subs in model_entries:
            if str(n.get("id")) in tpl_entries:
                continue
            if n.get("omit") is True:
                known = list(tpl_entries) + [
                    str(e.get("id")) for e, _ in model_entries if e.get("omit") is not True
                ]
                self.err(
                    n.at("omit"),
                    f"no {what} {n.get('id')!r} to omit or remove: it is in neither the model nor the "
                    f"{what} template{did_you_mean(str(n.get('id')), known)}",
                )
                continue
            out.append((n, subs, False))
        return out


def overlay(template: YMap, model: YMap) -> YMap:
    """Model keys override template keys; decisions are merged by id."""
    out = YMap(model.loc)
    for src in (template, model):
        for k, v in src.items():
            old = out.get(k)
            if k == "decisions" and isinstance(v, YList) and isinstance(old, YList):
                merged = YList(v.loc)
                by_id = {
                    str(d.get("id")): (d, loc)
                    for d, loc in zip(v, v.item_loc, strict=False)
                    if isinstance(d, YMap) and "id" in d
                }
                # entries that cannot override (not a mapping, no id) used to be dropped
                # silently; keep them so that _decisions reports them
                invalid: list[tuple[YamlValue, Loc]] = [
                    (d, loc)
                    for d, loc in zip(v, v.item_loc, strict=False)
                    if not isinstance(d, YMap) or "id" not in d
                ]
                for d, loc in zip(old, old.item_loc, strict=False):
                    did = str(d.get("id")) if isinstance(d, YMap) else None
                    if did in by_id:
                        merged.add(*by_id.pop(did))
                    else:
                        merged.add(d, loc)
                for extra, extra_loc in [*by_id.values(), *invalid]:
                    merged.add(extra, extra_loc)
                out[k] = merged
                out.val_loc[k] = v.loc
                continue
            out.copy_entry(src, k)
    return out
