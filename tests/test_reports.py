"""Reports and commands: govmodel evaluate / compare in text, Markdown, HTML and JSON, the two
languages and their catalogues, deterministic output and safe writing."""

from __future__ import annotations

import gettext
import json
import re
from pathlib import Path

import pytest

from govmodel.cli import main
from govmodel.i18n import LANGS, detect_lang, translate

ROOT = Path(__file__).resolve().parent.parent
A = str(ROOT / "models" / "ownership_a.yaml")
B = str(ROOT / "models" / "ownership_b.yaml")
ANSI = re.compile(r"\x1b\[")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def a_json():
    import io
    from contextlib import redirect_stdout

    buf = io.StringIO()
    with redirect_stdout(buf):
        assert main(["evaluate", A, "--format", "json", "--lang", "en"]) == 0
    return json.loads(buf.getvalue())


# --- JSON -------------------------------------------------------------------------------------


def test_json_has_the_documented_shape(a_json):
    assert a_json["model"]["id"] == "ownership_a"
    assert a_json["model"]["name"].startswith("Ownership model A")  # the JSON speaks English
    for c in a_json["criteria"]:
        assert {"id", "verdict", "reasoning", "sources", "rests_on"} <= set(c)
        assert c["reasoning"] and all(isinstance(r, str) for r in c["reasoning"])
    ids = [c["id"] for c in a_json["criteria"]]
    assert ids == [
        "joint_control_representation",
        "joint_control_influence",
        "no_contrary_interests",
        "indirect_control",
        "joint_control_participation",
        "activity",
        "no_private_capital",
    ]
    cov = a_json["coverage"]
    # KS is a contracting authority under the default reading (ks_contracting_authority=yes,
    # concept study §1.2): 372 authorities, KS first (it used to be 371, KS "uncertain")
    assert len(cov) == 372 * 2
    first = cov[0]
    assert first == {
        "authority": "ks",
        "body": "generalforsamling",
        "link": "direct",
        "path": [],
        "hops": "ks ∈ generalforsamling",
    }
    assert cov[1]["authority"] == "k0301" and cov[1]["link"] == "direct"
    dec = {(d["organ"], d["decision"]): d for d in a_json["decisions"]}
    articles = dec[("generalforsamling", "articles")]
    assert articles["minimal_blocking_direct"] == [["kommuner"], ["ks"]]
    assert articles["authorities_can_force"] == "firm"
    assert a_json["statute_checks"][0]["agrees"] is False
    # With KS an authority (the default reading) every owner of A is an authority: KS's share and
    # the turnout no longer change a verdict (they did while KS was "uncertain"); KS leaving does,
    # and weakening the eierråd, a safeguard the authorities hold, never does.
    found = {s["change"]["id"]: s for s in a_json["sensitivity"]}
    assert "leaves:ks" in found
    assert "share:ks" not in found and "turnout:generalforsamling" not in found
    for safeguard in ("advisory:eierraad", "remove:eierraad"):
        assert not found.get(safeguard, {}).get("effects")


def test_json_of_b_names_ks_as_the_only_direct_blocker(capsys):
    code, out, _ = run(
        capsys, "evaluate", B, "--format", "json", "--lang", "en", "--no-sensitivity"
    )
    assert code == 0
    data = json.loads(out)
    dec = {(d["organ"], d["decision"]): d for d in data["decisions"]}
    assert dec[("generalforsamling", "eierstrategi")]["minimal_blocking_direct"] == [["ks"]]
    assert dec[("generalforsamling", "eierstrategi")]["minimal_blocking"] == [["kommuner"], ["ks"]]
    gf = [c for c in data["coverage"] if c["body"] == "generalforsamling"]
    # KS, an authority under the default reading, is the sole shareholder (direct); the kommuner
    # and fylkeskommuner reach it only through KS's organs (diffuse)
    assert {c["link"] for c in gf} == {"diffuse", "direct"}
    assert [c["authority"] for c in gf if c["link"] == "direct"] == ["ks"]
    assert gf[1]["path"][-1] == "hovedstyre_instructs_ks"
    assert "sensitivity" not in data


# --- text, Markdown, HTML ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_text_fits_80_columns_without_colour(capsys, lang):
    for model in (A, B):
        code, out, _ = run(capsys, "evaluate", model, "--lang", lang)
        assert code == 0
        assert not ANSI.search(out)
        too_long = [line for line in out.splitlines() if len(line) > 80]
        assert too_long == []


def test_every_format_reports_the_statute_difference(capsys):
    for fmt in ("text", "md", "html", "json"):
        code, out, _ = run(
            capsys, "evaluate", A, "--format", fmt, "--lang", "en", "--no-sensitivity"
        )
        assert code == 0
        assert "9/10" in out and "1/10" in out and "aksjeloven § 5-6 (2)" in out, fmt


def test_output_is_deterministic(capsys):
    for fmt in ("text", "md", "html", "json"):
        outs = {run(capsys, "evaluate", B, "--format", fmt, "--lang", "nb")[1] for _ in range(2)}
        assert len(outs) == 1, fmt


def test_html_is_self_contained_and_printable(capsys):
    code, out, _ = run(
        capsys, "evaluate", A, "--format", "html", "--lang", "nb", "--no-sensitivity"
    )
    assert code == 0
    assert out.startswith("<!DOCTYPE html>") and '<html lang="nb">' in out
    assert "<style>" in out and "@media print" in out
    for external in ("<script", "<link", "src=", "href=", "@import", "url(", "<iframe"):
        assert external not in out
    assert 'class="g g-satisfied"' in out and "oppfylt" in out


def test_markdown_tables(capsys):
    code, out, _ = run(capsys, "evaluate", A, "--format", "md", "--lang", "en", "--no-sensitivity")
    assert code == 0
    assert out.startswith("# Utvidet egenregi: Ownership model A")
    assert "| &emsp;representation of every authority | § 3-2 (2) a | satisfied |" in out


# --- writing files ----------------------------------------------------------------------------


def test_output_file_is_written_and_not_overwritten(tmp_path, capsys):
    target = tmp_path / "a.md"
    code, out, _ = run(
        capsys, "evaluate", A, "--format", "md", "-o", str(target), "--no-sensitivity"
    )
    assert code == 0 and out == ""
    first = target.read_text(encoding="utf-8")
    assert first.startswith("# ")
    target.write_text("keep me", encoding="utf-8")
    code, _, err = run(
        capsys, "evaluate", A, "--format", "md", "-o", str(target), "--no-sensitivity"
    )
    assert code == 2 and "--force" in err
    assert target.read_text(encoding="utf-8") == "keep me"
    code, _, _ = run(
        capsys, "evaluate", A, "--format", "md", "-o", str(target), "--force", "--no-sensitivity"
    )
    assert code == 0 and target.read_text(encoding="utf-8") == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]  # no temporary file left


def test_unknown_authority_is_a_usage_error(capsys):
    code, _, err = run(capsys, "evaluate", A, "--authorities", "kommunr")
    assert code == 2 and "kommuner" in err


# --- compare ----------------------------------------------------------------------------------


def test_compare_a_b_names_the_differences(capsys):
    code, out, _ = run(capsys, "compare", A, B, "--lang", "en", "--no-sensitivity")
    assert code == 0
    assert all(len(line) <= 80 for line in out.splitlines())
    lines = out.splitlines()
    rep = next(line for line in lines if line.lstrip().startswith("representation of every"))
    assert "satisfied" in rep and "conditional" in rep and rep.rstrip().endswith("≠")
    # KS counts as an authority under the default reading: 372 in A, KS direct in B; the law
    # data now has 16 strategic decisions (capital increase, merger, demerger, accounts, the
    # board's budget, portfolio and hire of the daglig leder were added)
    flat = " ".join(out.split())
    assert "General meeting — authorities represented: A: 372 direct (for example:" in flat
    assert "; B: 1 direct, 371 diffuse (for example:" in flat
    assert "strategic decisions the authorities pass with their own votes: A: 13/16; B:" in flat
    # with KS's status unsettled (the old default), KS is a non-authority that passes B alone
    code, old, _ = run(
        capsys,
        "compare",
        A,
        B,
        "--lang",
        "en",
        "--reading",
        "ks_contracting_authority=unsettled",
        "--no-sensitivity",
        "--no-power",
    )
    assert code == 0
    old = " ".join(old.split())
    assert "General meeting — authorities represented: A: 371 direct (for example:" in old
    assert "; B: 371 diffuse (for example:" in old
    assert "KS (Kommunesektorens organisasjon) can pass alone: A: 0; B: 14" in old
    # the first screen carries the answer
    head = out.split("How they differ on control")[0]
    assert "The question" in head and "The answer" in head and "What the answer rests on" in head


def test_compare_json_differences(capsys):
    code, out, _ = run(capsys, "compare", A, B, "--format", "json", "--lang", "en", "--no-power")
    assert code == 0
    data = json.loads(out)
    assert [m["tag"] for m in data["models"]] == ["A", "B"]
    assert {
        "criterion": "joint_control_representation",
        "verdicts": {"A": "satisfied", "B": "conditional"},
    } in data["differences"]
    # KS (an authority under the default reading) is B's sole, direct shareholder
    assert data["models"][1]["coverage_counts"]["generalforsamling"] == {
        "direct": 1,
        "diffuse": 371,
    }


def test_compare_power_summary(capsys):
    code, out, _ = run(capsys, "compare", A, B, "--format", "json", "--lang", "en")
    assert code == 0
    power = [m["power"] for m in json.loads(out)["models"]]
    assert power[1]["banzhaf"] == {"ks": 1.0}
    assert power[0]["banzhaf"]["ks"] > 0.99  # 33.4 % next to 371 small owners
    assert power[0]["exact"] is True


# --- language -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "lang"),
    [
        ({"LANG": "nb_NO.UTF-8"}, "nb"),
        ({"LANG": "nn_NO.UTF-8"}, "nb"),
        ({"LANG": "no_NO"}, "nb"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANGUAGE": "nb:en", "LANG": "en_US.UTF-8"}, "nb"),
        ({"LANGUAGE": "", "LC_ALL": "en_US.UTF-8", "LANG": "nb_NO.UTF-8"}, "en"),
        ({"LC_MESSAGES": "nb_NO.UTF-8", "LANG": "C"}, "nb"),
        ({"LANG": "C"}, "en"),
        ({}, "en"),
    ],
)
def test_language_from_the_locale(env, lang):
    assert detect_lang(env) == lang


def test_lang_option_and_locale(capsys, monkeypatch):
    monkeypatch.setenv("LANG", "nb_NO.UTF-8")
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    _, nb, _ = run(capsys, "evaluate", B, "--no-sensitivity")
    _, en, _ = run(capsys, "evaluate", B, "--no-sensitivity", "--lang", "en")
    assert "Svaret" in nb and "betinget" in nb and "kontrollkriteriet" in nb.lower()
    assert "The answer" in en and "conditional" in en
    # terms of art stay Norwegian in English
    for term in ("Kontrollkriteriet", "Utvidet egenregi"):
        assert term in en


class Untranslated(gettext.NullTranslations):
    """A fallback of the nb catalogue (:meth:`gettext.NullTranslations.add_fallback`, gettext's
    way of chaining catalogues): gettext asks it only for the texts the catalogue has no
    translation of, and it records them while ``recording``; otherwise it only passes them
    on, as a catalogue without a fallback does."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: set[str] = set()
        self.recording = True

    def gettext(self, message: str) -> str:
        if self.recording:
            self.texts.add(message)
        return super().gettext(message)


def test_every_message_of_the_reports_is_in_the_nb_catalogue(capsys):
    """Render every report of the built-in models and variants in bokmål; every text the
    reports look up must have a translation in the compiled nb catalogue."""
    untranslated = Untranslated()
    nb = translate("nb")
    nb.__self__.add_fallback(untranslated)  # the catalogue every nb report translates with
    try:
        assert nb("a text no catalogue has") == "a text no catalogue has"
        assert untranslated.texts == {"a text no catalogue has"}  # it sees what is missing
        assert nb("conditional") == "betinget" and "conditional" not in untranslated.texts
        untranslated.texts.clear()
        models = [A, B] + sorted(str(p) for p in (ROOT / "models" / "variants").glob("*.yaml"))
        for m in models:
            assert main(["evaluate", m, "--lang", "nb", "--no-sensitivity"]) == 0
        assert main(["evaluate", A, "--lang", "nb"]) == 0
        assert main(["compare", A, B, "--lang", "nb", "--no-power"]) == 0
    finally:
        untranslated.recording = False
    capsys.readouterr()
    assert sorted(untranslated.texts) == []
