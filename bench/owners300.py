"""A generated company with N hand-listed owners (no generated group), for the benchmarks.

``uv run python bench/owners300.py OUT.yaml [N]`` writes the model. Owners are kommuner
``k001..kNNN`` (contracting authorities) holding ``1 + (7·i mod 23)`` shares each, plus one
private owner with a tenth of the shares; the articles require two thirds of the votes and
capital (aksjeloven § 5-18) and, for the owners' strategy, also a majority of the owners by
head count. Deterministic: the same N gives the same file.
"""

from __future__ import annotations

import sys


def model_text(n: int = 300) -> str:
    shares = [1 + (7 * i) % 23 for i in range(1, n + 1)]
    private = sum(shares) // 9
    lines = [
        "govmodel: 1",
        f"id: owners{n}",
        f"name: Selskap med {n} eiere",
        'source: "generated for the benchmark (bench/owners300.py)"',
        "actors:",
    ]
    for i in range(1, n + 1):
        lines.append(
            f'  - {{id: k{i:03d}, name: "Kommune {i:03d}", kind: kommune, '
            'contracting_authority: true, source: "generated"}'
        )
    lines += [
        '  - {id: privat, name: "Privat AS", kind: company, contracting_authority: false, '
        'source: "generated"}',
        "company:",
        "  id: selskap",
        "  name: Selskap AS",
        "  form: AS",
        f"  share_capital: {sum(shares) + private}",
        '  source: "generated"',
        "  holdings:",
    ]
    for i, s in enumerate(shares, 1):
        lines.append(f'    - {{holder: k{i:03d}, shares: {s}, source: "generated"}}')
    lines.append(f'    - {{holder: privat, shares: {private}, source: "generated"}}')
    lines += [
        "organs:",
        "  - id: generalforsamling",
        "    decisions:",
        "      - id: eierstrategi",
        "        name: Vedta eierstrategi",
        "        rule: {law: aksjeloven/5-17}",
        "        strategic: true",
        '        source: "generated"',
        "      - id: strategi_flertall",
        "        name: Eierstrategi med flertall av eierne",
        "        rule:",
        "          all:",
        "            - {law: aksjeloven/5-17}",
        f"            - {{count: {{more_than: {(n + 1) // 2}}}}}",
        "        strategic: true",
        '        source: "generated"',
        "      - id: articles",
        "        name: Vedtektsendring",
        "        rule: {law: aksjeloven/5-18}",
        "        strategic: true",
        '        source: "generated"',
        # the template's board takes decisions, so it needs seats (govmodel check requires them)
        "  - id: styre",
        '    seats: [{id: medlem, count: 3, source: "generated"}]',
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    with open(sys.argv[1], "w", encoding="utf-8") as fh:
        fh.write(model_text(n))
