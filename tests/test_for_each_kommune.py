"""``for_each: kommune`` expands an entry once per kommune with {nr}, {name} and {fylke}."""

from __future__ import annotations

from pathlib import Path

import pytest

from govmodel.errors import ModelError
from govmodel.load import load_model

ROOT = Path(__file__).resolve().parent.parent
MODEL_A = ROOT / "models" / "ownership_a.yaml"


def _variant(tmp_path: Path, changes: str) -> Path:
    f = tmp_path / "v.yaml"
    f.write_text(
        f"govmodel: 1\nid: v\nname: v\nsource: test\nbase: {MODEL_A}\nchanges:\n{changes}",
        encoding="utf-8",
    )
    return f


def test_relation_per_kommune(tmp_path: Path) -> None:
    f = _variant(
        tmp_path,
        """
  - add:
      relations:
        - id: "proxy_k{nr}"
          for_each: kommune
          type: proxy
          from: "k{nr}"
          to: "fylkesstyreleder_{fylke}"
          basis: "fullmakt fra {name}"
          source: test
""",
    )
    m = load_model(f)
    proxies = {r.id: r for r in m.relations if r.type == "proxy"}
    assert len(proxies) == 357
    bergen = proxies["proxy_k4601"]
    assert (bergen.source, bergen.target) == ("k4601", "fylkesstyreleder_46")
    assert bergen.basis == "fullmakt fra Bergen"
    assert proxies["proxy_k0301"].target == "fylkesstyreleder_03"
    # every kommune's proxy goes to the leader of its own fylke
    for r in proxies.values():
        assert r.target == f"fylkesstyreleder_{m.actors[r.source].fylke}"


def test_actor_per_kommune_gets_its_fylke(tmp_path: Path) -> None:
    f = _variant(
        tmp_path,
        """
  - add:
      actors:
        - id: "ordforer_{nr}"
          for_each: kommune
          name: "Ordfører i {name}"
          kind: role
          source: test
""",
    )
    m = load_model(f)
    roles = [a for a in m.actors.values() if a.id.startswith("ordforer_")]
    assert len(roles) == 357
    assert m.actors["ordforer_1103"].name == "Ordfører i Stavanger"
    assert m.actors["ordforer_1103"].fylke == "11"


def test_apportioned_count_refused_per_kommune(tmp_path: Path) -> None:
    f = _variant(
        tmp_path,
        """
  - add:
      organs:
        - id: forum
          kind: advisory_body
          source: test
          seats:
            - id: "k{nr}"
              for_each: kommune
              count: {total: 400, by: population}
              source: test
          decisions:
            - {id: ordinary, rule: {quota: {base: votes_cast, more_than: "1/2"}}, source: test}
""",
    )
    with pytest.raises(ModelError) as exc:
        load_model(f)
    assert any("apportioned per fylke" in p.message for p in exc.value.problems)


def test_unknown_for_each_lists_kommune(tmp_path: Path) -> None:
    f = _variant(
        tmp_path,
        """
  - add:
      actors:
        - {id: "x_{nr}", for_each: kommuner, kind: role, source: test}
""",
    )
    with pytest.raises(ModelError) as exc:
        load_model(f)
    assert any("kommune" in p.message and "for_each" in p.message for p in exc.value.problems)
