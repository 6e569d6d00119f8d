"""The help screen: what each view answers, and every key binding."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = {
    "en": """\
# govmodel — help

Six views, one per tab; switch with **1–6** or click the tab. **m** switches model (A ⇄ B),
**l** switches language (norsk/English), **t** dark/light theme, **Ctrl+P** the command palette
(every action, the models, and the scenario files to load). **Esc** or **q** closes this help.

| key | everywhere |
|---|---|
| 1 … 6 | Model · Criteria · Compare · Power · Coalition · What-if |
| m | next model (the title bar shows which) |
| ? / F1 | this help |
| l | language: norsk ⇄ English |
| t | theme: dark ⇄ light |
| e | export: report (Markdown/HTML) or diagram (SVG/PNG/DOT) |
| s | save the what-if as a scenario file (never overwrites without asking) |
| r | reset the what-if of the current model |
| i | what the power indices, grades and link strengths mean |
| Ctrl+P | command palette |
| q | quit |

| key | in a table |
|---|---|
| click a header | sort by that column (again: the other way round) |
| y | copy the highlighted row to the clipboard (where the terminal allows it) |
| w | save the table as CSV in the working folder (a new file, never over one) |

Typing letters while a list has the focus goes into its search field (Coalition, Criteria);
**Esc** gives the keys back to the app.
| Tab / Shift+Tab | move between the panes of a view |

**1 Model** — the tree on the left: owners (Enter on *Kommunene* lists all 357 kommuner with
their shares), organs by part (company, owner side, KS, samstyring; the per-fylke organs are
grouped), documents, relations by type, and every assumption. The pane on the right shows the
selection: seats and who fills them, decisions with rules and sources, who elects or appoints
it, what it recommends, and the assumptions it carries.

**2 Criteria** — the in-house verdicts with badges; select one for its reasoning, sources and
what it rests on. The coverage matrix lists every contracting authority against every body;
type in the search field, filter by fylke, population or link kind.

**3 Compare** — pick models on the left (space toggles; variants from `models/variants/` too);
the table shows them side by side, **≠** marks rows that differ. **f** shows only differences.

**4 Power** — pick a decision on the left; the players sorted by Banzhaf index with bars, and
Shapley–Shubik beside it; group sums first. Below: minimal blocking and winning coalitions, by
own votes and through chains.

**5 Coalition** — type in the filter, tick actors or groups with **space**; the table says at
once what the coalition can force and block (✔ firm / contractual / revocable, ✘ not), and
the pane below shows through which chain. **Ctrl+D** counts own votes only, **Ctrl+R** clears the pick (nobody is picked at the start). After a what-if,
changed cells show the earlier verdict after **←**.

**6 What-if** — edit KS's share (and who takes the difference), the allocation rule, turnout,
revoke proxies, the strength of each recommendation (advisory / adopt or return / binding),
owners who leave or join. Every edit re-evaluates at once; the table shows before → after,
and every other view follows the what-if model (the title bar says so). **s** saves it.
""",
    "nb": """\
# govmodel — hjelp

Seks visninger, én per fane; bytt med **1–6** eller klikk på fanen. **m** bytter modell
(A ⇄ B), **l** bytter språk (norsk/English), **t** mørkt/lyst tema, **Ctrl+P** kommandopaletten
(alle handlinger, modellene og scenariofilene). **Esc** eller **q** lukker hjelpen.

| tast | overalt |
|---|---|
| 1 … 6 | Modell · Kriterier · Sammenlign · Makt · Koalisjon · Hva om |
| m | neste modell (tittellinjen viser hvilken) |
| ? / F1 | denne hjelpen |
| l | språk: norsk ⇄ English |
| t | tema: mørkt ⇄ lyst |
| e | eksport: rapport (Markdown/HTML) eller diagram (SVG/PNG/DOT) |
| s | lagre hva-om som scenariofil (skriver aldri over uten å spørre) |
| r | nullstill hva-om for gjeldende modell |
| i | hva maktindeksene, vurderingene og lenkestyrkene betyr |
| Ctrl+P | kommandopaletten |
| q | avslutt |

| tast | i en tabell |
|---|---|
| klikk på en overskrift | sorter etter kolonnen (igjen: motsatt vei) |
| y | kopier den markerte raden til utklippstavlen (der terminalen tillater det) |
| w | lagre tabellen som CSV i arbeidsmappen (en ny fil, aldri over en annen) |

Bokstaver som skrives mens en liste har fokus, går til søkefeltet (Koalisjon, Kriterier);
**Esc** gir tastene tilbake til appen.
| Tab / Shift+Tab | flytt mellom feltene i en visning |

**1 Modell** — treet til venstre: eiere (Enter på *Kommunene* viser alle 357 kommunene med
aksjer), organer etter del (selskapet, eiersiden, KS, samstyring; organer per fylke er samlet),
dokumenter, relasjoner etter type og alle forutsetninger. Feltet til høyre viser det valgte:
seter og hvem som besetter dem, vedtak med regler og kilder, hvem som velger eller utnevner,
hva det innstiller på, og forutsetningene det bygger på.

**2 Kriterier** — egenregivurderingene med merker; velg én for begrunnelse, kilder og hva den
hviler på. Dekningsmatrisen viser hver oppdragsgiver mot hvert organ; søk, filtrer på fylke,
innbyggertall eller lenketype.

**3 Sammenlign** — velg modeller til venstre (mellomrom; også variantene i
`models/variants/`); tabellen viser dem side om side, **≠** markerer rader som er ulike. **f**
viser bare forskjellene.

**4 Makt** — velg et vedtak til venstre; spillerne sortert etter Banzhaf-indeks med søyler, og
Shapley–Shubik ved siden av; gruppesummer først. Under: minste blokkerende og vinnende
koalisjoner, med egne stemmer og gjennom kjeder.

**5 Koalisjon** — skriv i filteret, kryss av aktører eller grupper med **mellomrom**; tabellen
viser straks hva koalisjonen kan tvinge gjennom og blokkere (✔ fast / avtale / kan trekkes,
✘ nei), og feltet under viser gjennom hvilken kjede. **Ctrl+D** teller bare egne stemmer, **Ctrl+R** tømmer valget (ingen er valgt ved start). Etter en
hva-om-endring viser endrede celler den tidligere vurderingen etter **←**.

**6 Hva om** — endre KS' andel (og hvem som tar differansen), fordelingsnøkkelen, oppmøtet,
trekk tilbake fullmakter, styrken på hver innstilling (rådgivende / vedta eller returnere /
bindende), eiere som trer ut eller kommer til. Hver endring beregnes straks; tabellen viser
før → etter, og alle andre visninger følger hva-om-modellen (tittellinjen sier fra). **s**
lagrer den.
""",
}


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close"),
    ]

    def compose(self) -> ComposeResult:
        lang = getattr(self.app, "lang", "en")
        with VerticalScroll(id="help-box"):
            yield Markdown(HELP.get(lang, HELP["en"]))

    def action_dismiss(self, result: None = None) -> None:  # type: ignore[override]
        self.dismiss(result)
