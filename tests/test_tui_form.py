"""The what-if form takes owners by name: the planning team types "Oslo", not "k0301"."""

from __future__ import annotations

from tui import whatif_form as W


def test_owners_who_leave_are_typed_and_shown_by_name(model_a):
    typed = W.owners_typed(model_a, "Oslo; ks , KS (Kommunesektorens organisasjon), stavanger")
    assert typed == ["k0301", "ks", "ks", "k1103"]  # names (any case) and ids alike
    assert W.owners_text(model_a, ["ks", "k0301"]) == "KS (Kommunesektorens organisasjon), Oslo"
    # the field shows what it read back as the same owners
    assert W.owners_typed(model_a, W.owners_text(model_a, typed)) == typed


def test_a_word_that_names_no_owner_is_kept_for_the_change_to_report(model_a):
    assert W.owners_typed(model_a, "Oslo, Atlantis") == ["k0301", "Atlantis"]
    assert W.owners_typed(model_a, " ,; ") == []
