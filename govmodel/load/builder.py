"""One load of one model tree: every section read, the model assembled and validated."""

from __future__ import annotations

from dataclasses import replace

from govmodel import model as M
from govmodel.errors import Loc, ModelError, Problem, did_you_mean, expected_one_of
from govmodel.load.actors import ActorReader
from govmodel.load.company import CompanyReader
from govmodel.load.documents import DocumentReader
from govmodel.load.keys import (
    FORMAT_VERSION,
    TOP_KEYS,
)
from govmodel.load.organs import OrganReader
from govmodel.load.owners import OwnerReader
from govmodel.load.relations import RelationReader
from govmodel.load.turnout import TurnoutReader
from govmodel.population import BUILTIN_KOMMUNER, DataFileError, load_population
from govmodel.validate import validate_model
from govmodel.yamlsafe import YMap, kind_of, unknown_keys


class Builder(
    ActorReader,
    OwnerReader,
    CompanyReader,
    OrganReader,
    RelationReader,
    DocumentReader,
    TurnoutReader,
):
    """One load of one model file. Collects problems; :meth:`build` raises if there are any."""

    def build(self) -> M.Model:
        self.doc_refs: list[tuple[str, Loc]] = []
        tree = self.tree
        if tree is None:
            raise ModelError(
                [
                    Problem(
                        Loc(self.name, 1, 1),
                        "file is empty; expected a govmodel model (see docs/model-format.md)",
                    )
                ]
            )
        if not isinstance(tree, YMap):
            raise ModelError(
                [
                    Problem(
                        getattr(tree, "loc", Loc(self.name, 1, 1)),
                        f"a model file must be a mapping at the top; got {kind_of(tree)}",
                    )
                ]
            )
        unknown_keys(tree, TOP_KEYS, self.problems, "the model")
        version = tree.get("govmodel")
        if version != FORMAT_VERSION or isinstance(version, bool):  # true == 1
            self.err(
                tree.at("govmodel") if "govmodel" in tree else tree.loc,
                f"'govmodel: {FORMAT_VERSION}' (the format version) is required at the top; got {version!r}",
            )
        mid = self.ident(tree, "the model") or "model"
        mname = self.text(tree, "name", "the model", mid)
        mprov = self.prov(tree, "the model")

        pop_spec = tree.get("population", BUILTIN_KOMMUNER)
        if self.population is None or pop_spec != BUILTIN_KOMMUNER:
            try:
                self.pop = load_population(str(pop_spec), self.base_dir)
            except DataFileError as exc:
                raise ModelError(
                    [Problem(tree.at("population") if "population" in tree else tree.loc, str(exc))]
                ) from None
        else:
            self.pop = self.population

        # without 'company:' the model is a body of organs (a council, an assembly): no company,
        # no owners, no company-form template
        company_node = (
            self.mapping(tree.get("company"), tree.at("company"), "company")
            if "company" in tree
            else None
        )
        form_code = "AS" if "company" in tree else M.NO_COMPANY
        template: YMap | None = None
        if company_node is not None:
            form_code = str(company_node.get("form", "AS"))
            template = self.law.forms.get(form_code)
            if template is None:
                self.err(
                    company_node.at("form"),
                    f"company form {form_code!r} is not known{did_you_mean(form_code, self.law.forms)}; {expected_one_of(self.law.forms)}",
                )
        form = self._form(form_code, template)

        actors, groups = self._actors_and_groups(tree)
        self.groups = groups
        actors = self._actor_owners(actors)
        self.actors = actors
        company = self._company(company_node, form)
        organs = self._organs(tree, template)
        meetings, owner_relations = self._owners_meetings(actors, organs)
        organs.update(meetings)
        relations = self._relations(tree, template, organs, company) + owner_relations
        documents = self._documents(tree)
        activity = self._activity(tree)
        attendance = self._attendance(tree, organs, company)
        abstaining = self._abstaining(tree, organs, company, attendance)

        model = M.Model(
            id=mid,
            name=mname,
            path=self.name,
            provenance=mprov,
            form=form,
            description=self.text(tree, "description", "the model"),
            company=company,
            actors=actors,
            groups=groups,
            organs=organs,
            relations=tuple(relations),
            documents=documents,
            activity=tuple(activity),
            attendance=attendance,
            abstaining=abstaining,
            population_source=self.pop.source,
            variant_of=tree.get_str("variant_of"),
        )
        validate_model(model, self)
        if self.problems:
            raise ModelError(self.problems)
        return replace(model, warnings=tuple(self.warnings))
