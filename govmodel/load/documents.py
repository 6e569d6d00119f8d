"""Reading documents (articles, agreements ...) and activity figures (turnover by year)."""

from __future__ import annotations

from govmodel import model as M
from govmodel.frozen import FrozenMap, freeze
from govmodel.load.keys import (
    ACTIVITY_KEYS,
    DOCUMENT_KEYS,
    YEAR_KEYS,
)
from govmodel.load.reader import Reader
from govmodel.load.text import read_text_value
from govmodel.yamlsafe import YMap, unknown_keys


class DocumentReader(Reader):
    def _documents(self, tree: YMap) -> dict[str, M.Document]:
        docs: dict[str, M.Document] = {}
        raw = self.seq(tree.get("documents"), tree.at("documents"), "documents")
        for d in self.entries(raw, "a document", DOCUMENT_KEYS):
            did = self.ident(d, "a document")
            if did is None:
                continue
            if did in docs:
                self.err(d.at("id"), f"duplicate document id {did!r}")
                continue
            kind = (
                self.choice(d, "kind", M.DOCUMENT_KINDS, f"document {did}", default="other")
                or "other"
            )
            clauses = d.get("clauses") or YMap(d.loc)
            if not isinstance(clauses, YMap):
                self.err(d.at("clauses"), "clauses must be a mapping")
                clauses = YMap(d.loc)
            adopted = d.get("adopted_by")
            self.nodes[("document", did)] = d
            docs[did] = M.Document(
                id=did,
                name=self.text(d, "name", f"document {did}", did),
                kind=kind,
                provenance=self.prov(d, f"document {did}"),
                adopted_by=str(adopted) if adopted is not None else None,
                clauses=self._clauses(clauses),
                description=self.text(d, "description", f"document {did}"),
            )
        self.doc_nodes = raw
        return docs

    def _activity(self, tree: YMap) -> list[M.ActivityYear]:
        if "activity" not in tree:
            return []
        node = self.mapping(tree["activity"], tree.at("activity"), "activity")
        if node is None:
            return []
        unknown_keys(node, ACTIVITY_KEYS, self.problems, "activity")
        parent = self.prov(node, "activity")
        out: list[M.ActivityYear] = []
        years = self.seq(node.get("years"), node.at("years"), "activity years")
        for y in self.entries(years, "an activity year", YEAR_KEYS):
            year = self.integer(y, "year", "an activity year", minimum=1900)
            total = self.integer(y, "total", "an activity year", minimum=0)
            ctrl = self.integer(y, "with_controlling", "an activity year", minimum=0)
            if year is None or total is None or ctrl is None:
                continue
            if ctrl > total:
                self.err(
                    y.at("with_controlling"),
                    f"turnover with the controlling authorities ({ctrl}) exceeds the total ({total}) in {year}",
                )
            out.append(
                M.ActivityYear(
                    year, total, ctrl, self.prov(y, "an activity year", inherited=parent)
                )
            )
        return out

    def _clauses(self, clauses: YMap) -> FrozenMap[str, object]:
        """A document's clauses, deeply immutable; a text clause (such as ``purpose``) is a
        :class:`~govmodel.model.Text` (a plain string, or ``{nb: ..., en: ...}``)."""
        out: dict[str, object] = {}
        for key, value in clauses.items():
            if isinstance(value, str) or (isinstance(value, dict) and set(value) == {"nb", "en"}):
                text = read_text_value(value, clauses.at(key), f"clause {key}", self.problems)
                out[key] = text if text is not None else M.Text("")
            else:
                out[key] = freeze(value)
        return FrozenMap(out)
