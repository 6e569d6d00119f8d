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


def test_the_what_ifs_name_in_both_languages_with_relations_named_by_their_ends(model_a):
    """The what-if's name (a saved scenario's ``name:``) was English in the Norwegian UI and
    named a recommendation's strength by the relation's id
    (``eierraad_recommends_eierstrategi: binding``): now each change is in words of the UI's
    language and a recommendation is named by who makes it and the decision it is for."""
    from fractions import Fraction

    wi = W.WhatIf(
        owner_share=Fraction(30),
        owner_label="KS",
        turnout=Fraction(50),
        strengths={"eierraad_recommends_eierstrategi": "binding"},
        leaves=["k0301"],
        readings={"ks_contracting_authority": "no"},
    )
    en = wi.summary(model_a, "en")
    nb = wi.summary(model_a, "nb")
    assert "eierraad_recommends_eierstrategi" not in en + nb
    assert "ks_contracting_authority" not in en + nb
    assert en.startswith("What-if: KS 30%")
    assert "turnout 50% (the smallest first)" in en
    assert "Eierråd → General meeting: Adopt the eierstrategi: binding" in en
    assert "Oslo leaves" in en
    assert nb.startswith("Hva om: KS 30\u00a0%")
    assert "oppmøte 50\u00a0% (de minste først)" in nb
    assert "Eierråd → Generalforsamling: Vedta eierstrategi: bindende" in nb
    assert "Oslo går ut" in nb
    assert "KS' status som oppdragsgiver" in nb
    # a change of input changes the name: another strength, another word
    wi.strengths = {"eierraad_recommends_eierstrategi": "advisory"}
    assert "Adopt the eierstrategi: advisory" in wi.summary(model_a, "en")
    # a saved what-if reopened keeps its own name in either language (no "Hva om: Hva om: …")
    assert W.WhatIf(extra=(object(),), extra_name=nb).summary(model_a, "en") == nb  # type: ignore[arg-type]
