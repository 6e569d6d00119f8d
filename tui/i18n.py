"""UI strings in Norwegian (bokmål) and English.

``t(key, lang, **fields)`` returns the string for ``key`` in ``lang`` ("nb" or "en"), formatted
with ``fields``. A missing key falls back to the key itself, so a typo shows up on screen rather
than crashing the UI.
"""

from __future__ import annotations

import os

LANGS = ("nb", "en")

# key: (bokmål, English)
STRINGS: dict[str, tuple[str, str]] = {
    # application
    "app.title": ("govmodel", "govmodel"),
    "app.loading": ("Laster modellene …", "Loading the models …"),
    "app.loaded": ("{n} modeller lastet på {ms} ms", "{n} models loaded in {ms} ms"),
    "app.load_failed": ("Kunne ikke laste {path}", "Could not load {path}"),
    "app.no_model": ("Ingen modell lastet", "No model loaded"),
    "app.model": ("Modell", "Model"),
    "app.whatif_marker": ("hva om: {n} endring(er)", "what-if: {n} change(s)"),
    "app.not_available": (
        "Ikke tilgjengelig ennå: {what} ({module} er under arbeid).",
        "Not available yet: {what} ({module} is being written).",
    ),
    "app.open": ("Åpne modell", "Open model"),
    "app.opening": ("Åpner {path} …", "Opening {path} …"),
    "app.computing": ("Beregner …", "Computing …"),
    "app.lang_now": ("Språk: norsk", "Language: English"),
    "app.theme_now": ("Tema: {theme}", "Theme: {theme}"),
    "app.model_now": ("Modell: {name}", "Model: {name}"),
    # tabs
    "tab.browser": ("1 Modell", "1 Model"),
    "tab.criteria": ("2 Kriterier", "2 Criteria"),
    "tab.compare": ("3 Sammenlign", "3 Compare"),
    "tab.power": ("4 Makt", "4 Power"),
    "tab.coalition": ("5 Koalisjon", "5 Coalition"),
    "tab.whatif": ("6 Hva om", "6 What-if"),
    # bindings
    "key.help": ("Hjelp", "Help"),
    "key.model": ("Modell", "Model"),
    "key.lang": ("Språk", "Language"),
    "key.theme": ("Tema", "Theme"),
    "key.save": ("Lagre scenario", "Save scenario"),
    "key.export": ("Eksport", "Export"),
    "key.diagram": ("Diagram", "Diagram"),
    "key.reset": ("Nullstill", "Reset"),
    "key.quit": ("Avslutt", "Quit"),
    "key.palette": ("Kommandoer", "Commands"),
    "key.close": ("Lukk", "Close"),
    "key.direct": ("Bare egne stemmer", "Own votes only"),
    "key.clear": ("Tøm", "Clear"),
    "key.only_diff": ("Bare forskjeller", "Only differences"),
    "key.search": ("Søk", "Search"),
    # browser
    "br.owners": ("Eiere", "Owners"),
    "br.organs": ("Organer", "Organs"),
    "br.documents": ("Dokumenter", "Documents"),
    "br.relations": ("Relasjoner", "Relations"),
    "br.assumptions": ("Forutsetninger", "Assumptions"),
    "br.part.company": ("Selskapet", "The company"),
    "br.part.owners": ("Eiersiden", "Owner side"),
    "br.part.ks": ("KS", "KS"),
    "br.part.samstyring": ("Samstyring", "Co-governance"),
    "br.part.state": ("Staten", "The state"),
    "br.part.other": ("Andre", "Other"),
    "br.regional": ("{name} ({n}, én per fylke)", "{name} ({n}, one per fylke)"),
    "br.no_owners": ("(ingen eiere: {form})", "(no owners: {form})"),
    "br.select_hint": (
        "Velg et element i treet til venstre (piltaster, Enter utvider).",
        "Select an element in the tree on the left (arrow keys, Enter expands).",
    ),
    "br.model_file": ("Fil", "File"),
    "br.source": ("Kilde", "Source"),
    "br.assumption": ("Forutsetning", "Assumption"),
    "br.form": ("Selskapsform", "Company form"),
    "br.share_capital": ("Aksjekapital", "Share capital"),
    "br.shares": ("aksjer", "shares"),
    "br.seats": ("Seter", "Seats"),
    "br.decisions": ("Vedtak", "Decisions"),
    "br.rule": ("regel", "rule"),
    "br.cited": ("sitert", "cited"),
    "br.strategic": ("strategisk", "strategic"),
    "br.elected_by": ("Velges eller utnevnes av", "Elected or appointed by"),
    "br.recommends": ("Innstiller / gir råd", "Recommends / advises"),
    "br.recommended_by": ("Får innstilling fra", "Receives recommendations from"),
    "br.instructs": ("Instruerer", "Instructs"),
    "br.instructed_by": ("Instrueres av", "Instructed by"),
    "br.other_links": ("Andre relasjoner", "Other relations"),
    "br.carries": ("Forutsetninger organet bygger på", "Assumptions it carries"),
    "br.none": ("ingen", "none"),
    "br.held_by": ("innehas av {who}", "held by {who}"),
    "br.filled_by": ("besettes av {by}", "filled by {by}"),
    "br.nobody": ("ingen", "nobody"),
    "br.votes_each": ("{v} stemme(r) hver", "{v} vote(s) each"),
    "br.players_sh": (
        "Spillere: de {n} aksjonærene, én stemme per aksje",
        "Players: the {n} shareholders, one vote per share",
    ),
    "br.kind": ("Type", "Kind"),
    "br.part_of": ("Del av", "Part of"),
    "br.members": ("Medlemmer", "Members"),
    "br.allocation": ("Fordeling", "Allocation"),
    "br.block": ("Aksjeblokk", "Share block"),
    "br.holds": ("Eier", "Holds"),
    "br.contracting": ("Oppdragsgiver", "Contracting authority"),
    "br.fylke": ("Fylke", "Fylke"),
    "br.population": ("Innbyggere", "Population"),
    "br.groups": ("Grupper", "Groups"),
    "br.seats_held": ("Seter", "Seats held"),
    "br.relations_of": ("Relasjoner", "Relations"),
    "br.adopted_by": ("Vedtas av", "Adopted by"),
    "br.clauses": ("Bestemmelser", "Clauses"),
    "br.type": ("Type", "Type"),
    "br.from_to": ("Fra → til", "From → to"),
    "br.by_decision": ("ved vedtak", "by decision"),
    "br.for_decision": ("for vedtak", "for decision"),
    "br.strength": ("Styrke", "Strength"),
    "br.link": ("Lenketype", "Link kind"),
    "br.revocable": ("tilbakekallelig", "revocable"),
    "br.basis": ("Grunnlag", "Basis"),
    "br.yes": ("ja", "yes"),
    "br.no": ("nei", "no"),
    "br.uncertain": ("usikker", "uncertain"),
    "br.activity": ("Aktivitet (omsetning)", "Activity (turnover)"),
    "br.with_ctrl": ("med kontrollerende oppdragsgivere", "with the controlling authorities"),
    "br.warnings": ("Advarsler", "Warnings"),
    "br.variant_of": ("Variant av", "Variant of"),
    "br.scenario": ("Scenario", "Scenario"),
    "br.more": ("… og {n} til", "… and {n} more"),
    # coalition
    "co.filter": ("filtrer aktører (navn, id, fylke) …", "filter actors (name, id, fylke) …"),
    "co.pick": (
        "Velg aktører eller grupper til venstre (mellomrom velger).",
        "Pick actors or groups on the left (space toggles).",
    ),
    "co.coalition": ("Koalisjon", "Coalition"),
    "co.summary": (
        "kan tvinge {f} og blokkere {b} av {n} vedtak",
        "can force {f} and block {b} of {n} decisions",
    ),
    "co.decision": ("Vedtak", "Decision"),
    "co.force": ("Tvinge", "Force"),
    "co.block": ("Blokkere", "Block"),
    "co.direct": ("Bare egne stemmer (d)", "Own votes only (d)"),
    "co.own": ("egne stemmer/seter", "own votes/seats"),
    "co.via": ("via kjede", "via chain"),
    "co.more_same": (
        "… {n} spillere til nås på samme måte",
        "… {n} more players reached the same way",
    ),
    "co.rec": ("innstilling {rid} ({strength})", "recommendation {rid} ({strength})"),
    "co.rec_none": ("gir ingen kontroll", "gives no control"),
    "co.rests_on": ("hviler på {link} lenke {rid}", "rests on {link} link {rid}"),
    "co.groups_hdr": ("Grupper", "Groups"),
    "co.actors_hdr": ("Aktører", "Actors"),
    "co.yes": ("ja", "yes"),
    "co.no": ("nei", "no"),
    "co.changed": ("endret av hva-om", "changed by the what-if"),
    # levels and strengths
    "lv.firm": ("fast", "firm"),
    "lv.contractual": ("avtale", "contractual"),
    "lv.periodic": ("periodisk", "periodic"),
    "lv.revocable": ("tilbakekallelig", "revocable"),
    "lv.advisory": ("rådgivende", "advisory"),
    "st.advisory": ("rådgivende", "advisory"),
    "st.adopt_or_return": ("vedta eller sende tilbake", "adopt or return"),
    "st.binding": ("bindende", "binding"),
    # power
    "pw.decisions": ("Vedtak", "Decisions"),
    "pw.player": ("Spiller", "Player"),
    "pw.banzhaf": ("Banzhaf", "Banzhaf"),
    "pw.ss": ("Shapley", "Shapley"),
    "pw.legend": (
        "Banzhaf (normalisert) og Shapley–Shubik, sortert etter Banzhaf",
        "Banzhaf (normalised) and Shapley–Shubik, sorted by Banzhaf",
    ),
    "pw.sum_group": ("Σ {name} ({n})", "Σ {name} ({n})"),
    "pw.game": (
        "{n} spillere, kvote {q} av {w}{veto}",
        "{n} players, quota {q} of {w}{veto}",
    ),
    "pw.veto": ("; vetospillere: {v}", "; veto players: {v}"),
    "pw.not_weighted": (
        "Regelen er ikke ett vektet spill; indeksene er beregnet ved opptelling.",
        "The rule is not one weighted game; indices computed by enumeration.",
    ),
    "pw.none": (
        "Ingen maktindekser for denne regelen ({n} spillere).",
        "No power indices for this rule ({n} players).",
    ),
    "pw.min_win": ("Minste vinnende koalisjoner", "Minimal winning coalitions"),
    "pw.min_block": ("Minste blokkerende koalisjoner", "Minimal blocking coalitions"),
    "pw.direct": ("egne stemmer", "own votes"),
    "pw.chains": ("gjennom kjeder", "through chains"),
    "pw.share_force": (
        "Andel av møtende stemmer som trengs for å tvinge: {f}; for å blokkere: {b}",
        "Share of the votes present needed to force: {f}; to block: {b}",
    ),
    "pw.group_need": ("{name}: {force}; {block}", "{name}: {force}; {block}"),
    "pw.g_force_n": (
        "de {n} største kan sammen tvinge vedtaket gjennom",
        "the {n} largest together can force it",
    ),
    "pw.g_force_no": (
        "kan ikke tvinge det gjennom på egen hånd, selv alle samlet",
        "cannot force it on their own, even all together",
    ),
    "pw.g_block_n": (
        "de {n} største kan sammen blokkere det",
        "the {n} largest together can block it",
    ),
    "pw.g_block_no": (
        "kan ikke blokkere det på egen hånd, selv alle samlet",
        "cannot block it on their own, even all together",
    ),
    "pw.auth": (
        "Oppdragsgiverne samlet: tvinge {f}, blokkere {b}",
        "The authorities jointly: force {f}, block {b}",
    ),
    "pw.method": ("Metode: {m}", "Method: {m}"),
    "pw.explain_hint": (
        "i: hva indeksene måler, og hvorfor de kan sprike",
        "i: what the indices measure, and why they can disagree",
    ),
    # explanations (key i)
    "ex.title": ("Forklaring", "Explanation"),
    "key.explain": ("Forklar", "Explain"),
    "app.scn_other": (
        "Scenarioet {file} er skrevet for {base}, ikke for {current}. Bytte til den modellen og "
        "bruke scenarioet der?",
        "The scenario {file} was written for {base}, not for {current}. Switch to that model and "
        "apply it there?",
    ),
    "app.scn_switch": ("Bytt modell", "Switch model"),
    "app.scn_not_applied": ("Scenarioet ble ikke brukt.", "The scenario was not applied."),
    "app.scn_replace": (
        "Erstatte hva-om-endringene som er i bruk ({n}) med scenarioet «{name}»?",
        "Replace the what-if in effect ({n} changes) with the scenario '{name}'?",
    ),
    "app.scn_replace_yes": ("Erstatt", "Replace"),
    "app.csv_written": ("Tabellen er lagret som {path}", "The table was saved as {path}"),
    "key.copy_row": ("Kopier rad", "Copy row"),
    "key.csv": ("CSV", "CSV"),
    "ex.indices": ("Maktindeksene", "The power indices"),
    "ex.banzhaf": (
        "Banzhaf måler hvor ofte en spillers stemme avgjør: av alle koalisjoner spilleren kan "
        "slutte seg til, i hvor mange gjør stemmen en tapende koalisjon vinnende (et «sving»). "
        "Tallene er normalisert slik at alle spillerne til sammen får 1. Hver koalisjon teller likt.",
        "Banzhaf measures how often a player's vote decides: of all the coalitions the player "
        "could join, in how many does its vote turn a losing coalition into a winning one (a "
        "'swing'). The figures are normalised so that all players together get 1. Every coalition "
        "counts the same.",
    ),
    "ex.shapley": (
        "Shapley–Shubik måler andelen av alle rekkefølger spillerne kan stille seg opp i, der "
        "nettopp denne spilleren er den som bringer koalisjonen over kvoten (er «pivot»). Hver "
        "rekkefølge teller likt; summen er 1.",
        "Shapley–Shubik measures the share of all the orders in which the players could line up "
        "where this player is the one that takes the coalition over the quota (is 'pivotal'). "
        "Every order counts the same; the figures sum to 1.",
    ),
    "ex.why": (
        "Hvorfor de spriker: én stor blokk mot svært mange små eiere. Nesten hver koalisjon av små "
        "eiere som kan snu utfallet trenger den store blokken, så den er avgjørende nesten hver "
        "gang (høy Banzhaf). I rekkefølgene når de små eierne samlet ofte kvoten før den store "
        "blokken kommer, så Shapley–Shubik gir den omtrent dens andel av stemmene. Banzhaf sier "
        "hvor ofte stemmen betyr noe; Shapley–Shubik deler én gevinst mellom spillerne.",
        "Why they disagree: one large block against very many small owners. Almost every "
        "coalition of small owners that can change the outcome needs the large block, so it "
        "decides almost every time (a high Banzhaf). In the orderings the small owners together "
        "often reach the quota before the large block arrives, so Shapley–Shubik gives it about "
        "its share of the votes. Banzhaf says how often a vote matters; Shapley–Shubik divides one "
        "prize among the players.",
    ),
    "ex.here": (
        "Her ({decision}): {name} har Banzhaf {bz} og Shapley–Shubik {ss}.",
        "Here ({decision}): {name} has Banzhaf {bz} and Shapley–Shubik {ss}.",
    ),
    "ex.not_law": (
        "Ingen av indeksene er en rettslig test: om kontrollkriteriet er oppfylt, står i "
        "kriteriefanen (2), med begrunnelse og kilder.",
        "Neither index is a legal test: whether the control criterion is met is in the criteria "
        "tab (2), with reasons and sources.",
    ),
    "ex.estimated": (
        "«Monte Carlo» betyr at tallet er anslått ved tilfeldige utvalg, ikke regnet eksakt.",
        "'Monte Carlo' means the figure is estimated by random sampling, not computed exactly.",
    ),
    "ex.grades": ("Vurderingene", "The grades"),
    "ex.g.satisfied": (
        "oppfylt: kriteriet er oppfylt direkte, på grunnlag av modellens organer og regler",
        "satisfied: the criterion is met directly, from the model's organs and rules",
    ),
    "ex.g.satisfied_indirect": (
        "oppfylt indirekte: oppfylt gjennom en kjede (for eksempel gjennom KS' organer)",
        "satisfied indirectly: met through a chain (for example through KS's organs)",
    ),
    "ex.g.conditional": (
        "betinget: oppfylt bare hvis en forutsetning holder (en avtale, en fullmakt, en tolkning) "
        "— forutsetningen står i begrunnelsen",
        "conditional: met only if an assumption holds (an agreement, a proxy, a reading) — the "
        "assumption is named in the reasons",
    ),
    "ex.g.unknown": (
        "ukjent: modellen eller rettskildene avgjør det ikke",
        "unknown: the model or the law does not settle it",
    ),
    "ex.g.not_satisfied": (
        "ikke oppfylt: kriteriet er ikke oppfylt",
        "not satisfied: the criterion is not met",
    ),
    "ex.links": ("Styrken i en forbindelse", "The strength of a link"),
    "ex.links_intro": (
        "En kjede er ikke sterkere enn sitt svakeste ledd. Styrken følger av den rettslige formen: "
        "hvem kan fjerne, kalle tilbake eller instruere hvem.",
        "A chain is as strong as its weakest link. The strength follows from the legal form: who "
        "can remove, recall or instruct whom.",
    ),
    "ex.l.firm": (
        "fast: selskapsrettslig rett til å fjerne eller erstatte når som helst (f.eks. aksjeloven "
        "§ 6-7), eller egne stemmer",
        "firm: a company-law right to remove or replace at any time (e.g. aksjeloven § 6-7), or "
        "one's own votes",
    ),
    "ex.l.contractual": (
        "avtale: bygger på en bindende aksjonæravtale",
        "contractual: rests on a binding shareholders' agreement",
    ),
    "ex.l.periodic": (
        "periodisk: valgt for en periode, uten tilbakekall eller instruksjon",
        "periodic: elected for a term, without recall or instruction",
    ),
    "ex.l.revocable": (
        "tilbakekallelig: en fullmakt som kan trekkes tilbake (aksjeloven § 5-2 (2))",
        "revocable: a proxy that can be revoked (aksjeloven § 5-2 (2))",
    ),
    "ex.l.diffuse": (
        "diffus/rådgivende: bare råd eller innflytelse, ingen rett til å bestemme",
        "diffuse/advisory: advice or influence only, no right to decide",
    ),
    "pw.time": ("beregnet på {ms} ms", "computed in {ms} ms"),
    "pw.ss_pending": (
        "Shapley–Shubik beregnes (eksakt; kan ta noen sekunder) …",
        "Computing Shapley–Shubik (exact; may take a few seconds) …",
    ),
    "pw.structure_wait": ("Finner minste koalisjoner …", "Finding minimal coalitions …"),
    # compare
    "cmp.models": ("Modeller (mellomrom velger)", "Models (space toggles)"),
    "cmp.only_diff": ("Bare forskjeller (f)", "Only differences (f)"),
    "cmp.aspect": ("Aspekt", "Aspect"),
    "cmp.pick_two": ("Velg minst to modeller.", "Pick at least two models."),
    "cmp.sec.owners": ("Eierskap", "Ownership"),
    "cmp.sec.organs": ("Organer", "Organs"),
    "cmp.sec.docs": ("Dokumenter", "Documents"),
    "cmp.sec.rules": ("Terskler i generalforsamlingen", "Thresholds at the general meeting"),
    "cmp.sec.block": ("Hvem kan blokkere (egne stemmer)", "Who can block (own votes)"),
    "cmp.sec.ks": ("KS alene: tvinge / blokkere", "KS alone: force / block"),
    "cmp.sec.auth": (
        "Kommunene og fylkeskommunene samlet: tvinge / blokkere",
        "Kommuner and fylkeskommuner jointly: force / block",
    ),
    "cmp.sec.power": ("Makt (Banzhaf, alminnelig vedtak)", "Power (Banzhaf, ordinary resolution)"),
    "cmp.sec.findings": ("Funn (egenregikriteriene)", "Findings (in-house criteria)"),
    "cmp.form": ("Selskapsform", "Company form"),
    "cmp.capital": ("Aksjekapital", "Share capital"),
    "cmp.n_owners": ("Antall eiere", "Number of owners"),
    "cmp.n_assumptions": ("Antall forutsetninger", "Number of assumptions"),
    "cmp.absent": ("—", "—"),
    "cmp.loading": ("Laster {name} …", "Loading {name} …"),
    "cmp.nobody": ("ingen", "nobody"),
    # what-if
    "wi.title": ("Hva om: {name}", "What-if: {name}"),
    "wi.ks_share": ("KS' andel av aksjene (%)", "KS's share of the shares (%)"),
    "wi.remainder": ("Differansen tas av", "The difference goes to"),
    "wi.rem.proportional": ("de andre blokkene forholdsmessig", "the other blocks pro rata"),
    "wi.allocation": ("Fordeling av kommunenes blokk", "Allocation of the kommuner's block"),
    "wi.alloc.population": ("per innbygger", "per capita"),
    "wi.alloc.equal": ("likt", "equal"),
    "wi.alloc.digifin": ("etter DigiFin-bidrag", "by DigiFin contribution"),
    "wi.turnout": (
        "Oppmøte i generalforsamlingen, kommunene (%)",
        "Turnout at the GM, kommuner (%)",
    ),
    "wi.order": ("Hvem møter", "Who attends"),
    "wi.order.largest_first": ("de største først", "the largest first"),
    "wi.order.smallest_first": ("de minste først", "the smallest first"),
    "wi.revoke": ("Trekk tilbake alle fullmakter", "Revoke all proxies"),
    "wi.revoke_of": (
        "… eller bare fullmaktene fra (id-er, kommaseparert)",
        "… or only the proxies given by (ids, comma-separated)",
    ),
    "wi.no_proxies": ("(modellen har ingen fullmakter)", "(the model has no proxies)"),
    "wi.n_proxies": ("{n} fullmakt(er) i modellen", "{n} proxy relation(s) in the model"),
    "wi.strength": ("Innstillingens styrke", "Strength of the recommendation"),
    "wi.leaves": (
        "Eier som trer ut (id, f.eks. k0301 eller ks)",
        "Owner who leaves (id, e.g. k0301 or ks)",
    ),
    "wi.new_owner": ("Ny eier (aktør-id) og andel %", "New owner (actor id) and share %"),
    "wi.extra": ("Fra scenariofil", "From a scenario file"),
    "wi.coalition_short": ("Koal.", "Coal."),
    "wi.from_tab5": ("valgt i Koalisjon, 5", "picked in Coalition, 5"),
    "wi.effects": ("Virkning (før → etter)", "Effect (before → after)"),
    "wi.col.who": ("Hvem", "Who"),
    "wi.ks": ("KS alene", "KS alone"),
    "wi.auth": ("Kommuner+fylkeskommuner", "Kommuner+fylkeskommuner"),
    "wi.no_changes": ("Ingen endringer ennå.", "No changes yet."),
    "wi.readings": ("Rettslige tolkninger", "Legal readings"),
    "wi.flips": (
        "Hva som snur (etter ← før, og hvorfor)",
        "What flips (after ← before, and why)",
    ),
    "wi.no_flips": (
        "Ingen vurdering eller del av en vurdering endres.",
        "No verdict or element of one changes.",
    ),
    "wi.and_more": ("og {n} til på samme måte", "and {n} more the same way"),
    "wi.recomputed": ("Beregnet på nytt på {ms} ms", "Recomputed in {ms} ms"),
    "wi.recomputed_nt": ("Beregnet på nytt", "Recomputed"),
    "wi.invalid": ("Endringen er ugyldig: {msg}", "The change is invalid: {msg}"),
    "wi.scenario": ("Scenario (det som lagres med s)", "Scenario (what s saves)"),
    "wi.no_ks": ("(KS eier ingen aksjer i denne modellen)", "(KS holds no shares in this model)"),
    "wi.ks_sole": (
        "(KS er eneeier; legg til en eier først)",
        "(KS is the sole owner; add an owner first)",
    ),
    "wi.bad_number": ("ugyldig tall", "invalid number"),
    "wi.power_ks": (
        "KS' Banzhaf-indeks, alminnelig vedtak",
        "KS's Banzhaf index, ordinary resolution",
    ),
    "wi.verdicts": ("Egenregi-vurdering", "In-house verdicts"),
    # dialogs
    "dlg.save_title": ("Lagre hva-om som scenariofil", "Save the what-if as a scenario file"),
    "dlg.path": ("Filsti", "Path"),
    "dlg.name": ("Navn", "Name"),
    "dlg.ok": ("Lagre", "Save"),
    "dlg.cancel": ("Avbryt", "Cancel"),
    "dlg.exists": (
        "{path} finnes allerede. Skrive over?",
        "{path} already exists. Overwrite it?",
    ),
    "dlg.overwrite": ("Skriv over", "Overwrite"),
    "dlg.saved": ("Lagret {path}", "Saved {path}"),
    "dlg.not_saved": ("Ikke lagret: {msg}", "Not saved: {msg}"),
    "dlg.export_title": ("Eksporter rapport", "Export the report"),
    "dlg.diagram_title": ("Eksporter diagram", "Export the diagram"),
    "dlg.compare_title": ("Eksporter sammenligningen", "Export the comparison"),
    "dlg.layout": ("Oppsett", "Layout"),
    "dlg.layout_document": ("Organisasjonskart for dokumenter", "Org chart for documents"),
    "dlg.layout_slide": ("Lysbilde 16:9 (1920 × 1080)", "Slide 16:9 (1920 × 1080)"),
    "dlg.color": ("Farger", "Colours"),
    "dlg.color_kind": ("Etter type organ og aktør", "By kind of organ and actor"),
    "dlg.color_coverage": ("Etter dekning (kontrollkriteriet)", "By coverage (control criterion)"),
    "dlg.language": ("Språk", "Language"),
    "dlg.format": ("Format", "Format"),
    "dlg.exported": ("Skrev {path}", "Wrote {path}"),
    "dlg.compare_first": (
        "åpne Sammenlign (3) først",
        "open Compare (3) first",
    ),
    "dlg.writing": ("Skriver …", "Writing …"),
    "dlg.nothing": ("Ingen endringer å lagre.", "No changes to save."),
    "dlg.pick_model": ("Velg modell", "Choose a model"),
    # criteria
    "cr.verdicts": ("Vurderinger", "Verdicts"),
    "cr.matrix": ("Dekning: oppdragsgiver × organ", "Coverage: authority × body"),
    "cr.search": ("søk kommune / fylkeskommune …", "search kommune / fylkeskommune …"),
    "cr.fylke": ("Fylke", "Fylke"),
    "cr.pop": ("Innbyggere", "Population"),
    "cr.link": ("Lenketype", "Link kind"),
    "cr.all": ("alle", "all"),
    "cr.rows": ("{n} av {total} oppdragsgivere", "{n} of {total} authorities"),
    "cr.reasoning": ("Begrunnelse", "Reasoning"),
    "cr.sources": ("Kilder", "Sources"),
    "cr.rests_on": ("Hviler på", "Rests on"),
    "cr.authority": ("Oppdragsgiver", "Authority"),
    "cr.sensitivity": ("Følsomhet", "Sensitivity"),
    # help
    "help.title": ("Hjelp", "Help"),
}


def t(key: str, lang: str = "en", /, **fields: object) -> str:
    """The UI string ``key`` in ``lang``, formatted with ``fields``."""
    pair = STRINGS.get(key)
    if pair is None:
        return key
    text = pair[0] if lang == "nb" else pair[1]
    return text.format(**fields) if fields else text


def default_lang() -> str:
    """Norwegian when the locale says so (as the reports decide: govmodel.i18n.detect_lang;
    GOVMODEL_LANG overrides), else English."""
    forced = os.environ.get("GOVMODEL_LANG", "").lower()
    if forced[:2] in ("nb", "en"):
        return forced[:2]
    try:
        from govmodel.i18n import detect_lang

        return detect_lang()
    except Exception:  # noqa: BLE001 - not there yet: read the locale ourselves
        pass
    for var in ("GOVMODEL_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        val = os.environ.get(var, "")
        if val:
            low = val.lower()
            if low.startswith(("nb", "nn", "no")):
                return "nb"
            if var == "GOVMODEL_LANG" and low.startswith("en"):
                return "en"
            if var != "GOVMODEL_LANG":
                return "en"
    return "en"
