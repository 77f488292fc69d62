#!/usr/bin/env python3
"""tests/bounds/gen.py KIND N — writes a large broadside document to stdout.

The documents of issue 10's finding 4, each a size that used to take minutes:
  langs N     `de` listed N times in langs (quadratic duplicate reports)
  units N     N paragraph units (quadratic id check)
  br N        N <br/> in one <t> (libxml2's RELAX NG is superlinear there)
  notes N     N <note>s in one unit
  foreign N   N <foreign> runs in one <t>
  em N        N <em> runs in one <t>
  brs N [K]   N paragraphs of K <br/> each (100) (the limit per <t>, many times over)
  texts N     N <t> in one unit
  words N     one paragraph of N words (layout)
  longword N  one word of N letters, no break opportunity (layout)
"""
import sys


def doc(body, langs="en", head_extra=""):
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<appeal id="bounds" xml:lang="en" langs="{langs}">\n'
        '  <head>\n'
        '    <title id="title"><t xml:lang="en">Bounds</t></title>\n'
        f'{head_extra}'
        '  </head>\n'
        '  <body>\n'
        f'{body}'
        '  </body>\n'
        '</appeal>\n'
    )


def paragraph(inner, pid="p", notes=""):
    return f'    <p id="{pid}">{notes}<t xml:lang="en">{inner}</t></p>\n'


WORDS = ("free", "all", "political", "prisoners", "now", "and", "demand", "justice",
         "for", "every", "detained", "journalist")


def main():
    kind, n = sys.argv[1], int(sys.argv[2])
    out = sys.stdout
    if kind == "langs":
        out.write(doc(paragraph("One."), langs="en" + " de" * n))
    elif kind == "units":
        out.write(doc("".join(paragraph(f"Paragraph {i}.", f"p{i}") for i in range(n))))
    elif kind == "br":
        out.write(doc(paragraph("a<br/>" * n + "b")))
    elif kind == "notes":
        out.write(doc(paragraph("One.", notes="<note>n</note>" * n)))
    elif kind == "foreign":
        out.write(doc(paragraph('<foreign xml:lang="de">x</foreign> ' * n + "b")))
    elif kind == "em":
        out.write(doc(paragraph("<em>x</em> " * n + "b")))
    elif kind == "brs":
        k = int(sys.argv[3]) if len(sys.argv) > 3 else 100
        out.write(doc("".join(paragraph("a<br/>" * k + "b", f"p{i}") for i in range(n))))
    elif kind == "texts":
        out.write(doc('    <p id="p">' + '<t xml:lang="en">x</t>' * n + '</p>\n'))
    elif kind == "words":
        out.write(doc(paragraph(" ".join(WORDS[i % len(WORDS)] for i in range(n)) + ".")))
    elif kind == "longword":
        out.write(doc(paragraph("abcdefghij" * (n // 10) + "a" * (n % 10))))
    else:
        sys.exit(f"gen.py: unknown kind {kind}")


if __name__ == "__main__":
    main()
