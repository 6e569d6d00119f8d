"""``govmodel coverage MODEL``: every contracting authority and how it is represented in each
decision-making body, as a spreadsheet (csv, xlsx) or a report table (text, md, html, docx, json).

One row per authority: name, fylke, population, shares and votes at the general meeting, and for
each body the strength of its link and the route in words. Spreadsheet cells hold numbers as
numbers (population, shares) and exact votes as written fractions where they are not whole.
"""

from __future__ import annotations

import argparse

FORMATS = ("csv", "xlsx", "text", "md", "html", "docx", "json")


def register(sub: argparse._SubParsersAction, commands: dict) -> None:
    from govmodel.commands.evaluate import add_report_options

    p = sub.add_parser(
        "coverage",
        description=__doc__,
    )
    p.add_argument("model", metavar="MODEL")
    p.add_argument("--scenario", metavar="FILE", help="apply a scenario overlay")
    p.add_argument("--format", choices=FORMATS, default="csv", help="output format (default csv)")
    p.add_argument("--lang", choices=("nb", "en"), default=None, help="language")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically)")
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    add_report_options(p)
    from govmodel.commands.readings import add_reading_option

    add_reading_option(p)
    commands["coverage"] = run


def table(rows, t, bodies) -> tuple[list[str], list[list[object]]]:
    """Header and rows of the spreadsheet (plain values, numbers as numbers)."""
    from govmodel.i18n import format as fmt

    header = [t("authority"), t("kind"), t("fylke"), t("population"), t("shares"), t("votes")]
    for b in bodies:
        header += [
            t("{body}: link").format(body=t.name(b)),
            t("{body}: route").format(body=t.name(b)),
        ]
    if t.ids:
        header.insert(0, "id")
    out: list[list[object]] = []
    for r in rows:
        votes: object = r.votes.numerator if r.votes.denominator == 1 else fmt.fraction(r.votes)
        line: list[object] = [r.name, t.term(r.kind), r.fylke, r.population, r.shares, votes]
        by_body = {x.body: x for x in r.links}
        for b in bodies:
            x = by_body.get(b)
            line += [t.term(x.link), x.route] if x else ["", ""]
        if t.ids:
            line.insert(0, r.id)
        out.append(line)
    return header, out


def to_csv(header, rows) -> str:
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for r in rows:
        # a cell starting with = + - @ would be a formula in a spreadsheet: quote it as text
        w.writerow(
            ["'" + v if isinstance(v, str) and v[:1] in ("=", "+", "-", "@") else v for v in r]
        )
    return buf.getvalue()


def to_xlsx(header, rows, title: str, day) -> bytes:
    import datetime
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Font

    from govmodel.report.writers.docx import _normalise_zip, _stamp

    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    ws.append(header)
    for c in ws[1]:
        c.font = Font(bold=True)
    for r in rows:
        ws.append(r)
    ws.freeze_panes = "A2"
    when = _stamp(day).replace(tzinfo=None)
    wb.properties.created = when
    wb.properties.modified = when
    wb.properties.creator = "govmodel"
    for cell in ws[1]:
        ws.column_dimensions[cell.column_letter].width = 18 if len(str(cell.value)) < 18 else 30
    buf = io.BytesIO()
    wb.save(buf)
    return _normalise_zip(buf.getvalue(), datetime.datetime(when.year, when.month, when.day))


def run(args: argparse.Namespace) -> int:
    import json

    from govmodel.analysis.criteria import evaluate
    from govmodel.commands.args import open_model
    from govmodel.commands.evaluate import check_output, emit, language, report_day
    from govmodel.commands.readings import chosen_readings
    from govmodel.report.authorities import authority_blocks, authority_rows
    from govmodel.report.document import Doc
    from govmodel.report.l10n import L10n
    from govmodel.report.writers import render

    lang = language(args)
    check_output(args)
    day = report_day(args)
    model = open_model(args.model, args.scenario, chosen_readings(args))
    ev = evaluate(model)
    t = L10n(lang, model, ids=args.ids)
    rows = authority_rows(t, ev)
    bodies = [bc.body for bc in ev.coverage.bodies]
    out: str | bytes
    if args.format in ("csv", "xlsx"):
        header, values = table(rows, t, bodies)
        if args.format == "csv":
            out = to_csv(header, values)
        else:
            out = to_xlsx(header, values, t("authorities"), day)
    elif args.format == "json":
        data = {
            "model": model.id,
            "bodies": bodies,
            "authorities": [
                {
                    "id": r.id,
                    "name": r.name,
                    "kind": r.kind,
                    "fylke": r.fylke,
                    "population": r.population,
                    "shares": r.shares,
                    "votes": str(r.votes),
                    "links": {x.body: {"link": x.link, "route": x.route} for x in r.links},
                }
                for r in rows
            ],
        }
        out = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    else:
        doc = Doc(
            t("Every contracting authority: {name}").format(name=t.text(model.name)), lang, date=day
        )
        doc.add(*authority_blocks(t, ev))
        out = render(doc, args.format)
    emit(args, out)
    return 0
