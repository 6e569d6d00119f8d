"""Change operations of variants and scenarios: relations found by their derived id
(TYPE_FROM_TO, e.g. ``secretariat_for_ks_eierraad``) and the ``share_classes`` operation."""

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


def test_base_has_the_derived_ids() -> None:
    ids = {r.id for r in load_model(MODEL_A).relations}
    assert "secretariat_for_ks_eierraad" in ids
    assert "secretariat_for_ks_generalforsamling" in ids


def test_remove_relation_by_derived_id(tmp_path: Path) -> None:
    f = _variant(
        tmp_path,
        """
  - remove:
      relations: [secretariat_for_ks_eierraad, secretariat_for_ks_generalforsamling]
""",
    )
    ids = {r.id for r in load_model(f).relations}
    assert "secretariat_for_ks_eierraad" not in ids
    assert "secretariat_for_ks_generalforsamling" not in ids
    assert "secretariat_for_ks_valgkomite" in ids


def test_set_relation_by_derived_id(tmp_path: Path) -> None:
    f = _variant(
        tmp_path,
        """
  - set_relation: {id: secretariat_for_ks_valgkomite, description: changed}
""",
    )
    rel = {r.id: r for r in load_model(f).relations}["secretariat_for_ks_valgkomite"]
    assert rel.description == "changed"


def test_unknown_derived_id_suggests(tmp_path: Path) -> None:
    f = _variant(tmp_path, "  - remove:\n      relations: [secretariat_for_ks_eierad]\n")
    with pytest.raises(ModelError) as exc:
        load_model(f)
    assert any("secretariat_for_ks_eierraad" in p.message for p in exc.value.problems)


def test_share_classes_change(tmp_path: Path) -> None:
    f = _variant(
        tmp_path,
        """
  - share_classes:
      - {id: a, name: A-aksjer, votes_per_share: 1, source: test}
      - {id: b, name: B-aksjer, votes_per_share: "1/10", source: test}
  - set_holding: {holder: ks, class: a}
  - set_holding: {group: kommuner, class: b}
  - set_holding: {group: fylkeskommuner, class: b}
""",
    )
    m = load_model(f)
    assert [c.id for c in m.company.share_classes] == ["a", "b"]
    assert {h.share_class for h in m.company.holdings if h.holder == "ks"} == {"a"}
    assert {h.share_class for h in m.company.holdings if h.holder != "ks"} == {"b"}


def test_share_classes_needs_a_list(tmp_path: Path) -> None:
    f = _variant(tmp_path, "  - share_classes: {id: a}\n")
    with pytest.raises(ModelError) as exc:
        load_model(f)
    assert any("share_classes needs a list" in p.message for p in exc.value.problems)
