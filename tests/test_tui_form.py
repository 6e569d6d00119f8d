"""The what-if form takes owners by name: the planning team types "Oslo", not "k0301"."""

from __future__ import annotations

from tui import whatif_form as W


def test_owners_who_leave_are_typed_and_shown_by_name(model_a):
    typed = W.owners_typed(model_a, "Oslo; ks , KS (Kommunesektorens organisasjon), stavanger")
    assert typed == ["k0301", "ks", "ks", "k1103"]  # names (any case) and ids alike
    assert W.owners_text(model_a, ["ks", "k0301"]) == "KS (Kommunesektorens organisasjon), Oslo"
    # the field shows what it read back as the same owners
    assert W.owners_typed(model_a, W.owners_text(model_a, typed)) == typed
    # in the UI's language, and read back from either
    assert W.owners_text(model_a, ["kommuner"], lang="en") == "The municipalities"
    assert W.owners_text(model_a, ["kommuner"], lang="nb") == "Kommunene"


def test_a_word_that_names_no_owner_is_kept_for_the_change_to_report(model_a):
    assert W.owners_typed(model_a, "Oslo, Atlantis") == ["k0301", "Atlantis"]
    assert W.owners_typed(model_a, " ,; ") == []


def test_proxies_revoked_by_the_givers_names_and_the_what_if_named_in_words():
    from pathlib import Path

    from govmodel.load import load_model

    m = load_model(Path(__file__).resolve().parent.parent / "models/variants/a_proxies.yaml")
    givers = sorted({r.source for r in m.relations_of("proxy")})
    first = givers[0]
    name = str(m.name_of(first))
    assert name != first  # the form reads a name, the change gets the id
    assert W.owners_typed(m, name.upper(), among=givers) == [first]
    wi = W.WhatIf(revoke_of=[first], leaves=["ks"])
    assert f"proxies of {name} revoked" in wi.summary(m)
    assert "KS (Kommunesektorens organisasjon) leaves" in wi.summary(m)
    assert f"proxies of {first} revoked" in wi.summary()  # without the model: ids, as before
