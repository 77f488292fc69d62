#!/usr/bin/env python3
"""tests/bench/gen.py LEAFLET.xml OUTDIR — the benchmark inputs, written into OUTDIR:

  leaflet-100.xml          the leaflet with its body 100 times (ids made unique, no page limit)
  leaflet-{1,100}.tex      the same text for XeLaTeX (polyglossia + bidi, fonts/ by path)
  leaflet-{1,100}.html     the same text for WeasyPrint
  leaflet-{1,100}.fo       the same text for Apache FOP

The peers get the same words in the same parallel layout (one row per body unit, one
column per language, Farsi right to left, German hyphenated); inline markup is kept as
bold/italic only.  Dates written by broadside's renderer are spelled out as ISO dates.
"""
import os
import re
import sys
import xml.etree.ElementTree as ET

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
LANGS = ("en", "fa", "de")
BLOCKS = ("h", "p", "item", "cite", "place")


def hundredfold(src):
    head, body = src.split("<body>", 1)
    body, tail = body.rsplit("</body>", 1)
    head = re.sub(r' pages="\d+"', "", head)
    copies = [re.sub(r'id="([^"]+)"', lambda m: f'id="{m.group(1)}-{i}"', body) for i in range(100)]
    return head + "<body>" + "".join(copies) + "</body>" + tail


def runs(t):
    """The text of a <t> as (text, style) pairs; style is '', 'b' or 'i'."""
    out = []

    def walk(el, style):
        if el.tag == "date":
            out.append((el.get("when") or f'{el.get("from")}–{el.get("to")}', style))
        elif el.tag == "br":
            out.append(("\n", style))
        if el.text and el.tag != "date":
            out.append((el.text, style))
        for child in el:
            walk(child, "b" if child.tag == "strong" else "i" if child.tag == "em" else style)
            if child.tail:
                out.append((child.tail, style))
    walk(t, "")
    return out


def units(root):
    """Every block with its three translations, in document order."""
    rows = []
    for el in root.iter():
        if el.tag in ("title", "subtitle") or el.tag in BLOCKS:
            ts = {t.get(XML_LANG): t for t in el.findall("t")}
            if all(lang in ts for lang in LANGS):
                kind = "h" if el.tag in ("title", "subtitle", "h") else "p"
                rows.append((kind, [runs(ts[lang]) for lang in LANGS]))
    return rows


def esc_xml(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def esc_tex(s):
    for a, b in (("\\", r"\textbackslash{}"), ("&", r"\&"), ("%", r"\%"), ("$", r"\$"),
                 ("#", r"\#"), ("_", r"\_"), ("{", r"\{"), ("}", r"\}"), ("~", r"\~{}"),
                 ("^", r"\^{}"), ("\n", r"\newline ")):
        s = s.replace(a, b)
    return s


def html(rows, fonts):
    cells = {"b": "<b>{}</b>", "i": "<i>{}</i>", "": "{}"}
    out = [f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><style>
@font-face {{ font-family: Roboto; src: url({fonts}/Roboto-Regular.ttf); }}
@font-face {{ font-family: Roboto; font-weight: bold; src: url({fonts}/Roboto-Bold.ttf); }}
@font-face {{ font-family: Roboto; font-style: italic; src: url({fonts}/Roboto-Italic.ttf); }}
@font-face {{ font-family: Vazirmatn; src: url({fonts}/Vazirmatn-Regular.ttf); }}
@font-face {{ font-family: Vazirmatn; font-weight: bold; src: url({fonts}/Vazirmatn-Bold.ttf); }}
@page {{ size: A4; margin: 15mm; }}
body {{ font: 9pt/1.3 Roboto, Vazirmatn; }}
table {{ width: 100%; border-collapse: collapse; table-layout: fixed; }}
td {{ vertical-align: top; padding: 0 2mm 1.5mm; text-align: justify; }}
td.h {{ font-weight: bold; font-size: 11pt; }}
td[lang=fa] {{ direction: rtl; font-family: Vazirmatn; }}
td[lang=de] {{ hyphens: auto; }}
</style></head><body><table>"""]
    for kind, langs in rows:
        tds = "".join(
            f'<td lang="{lang}" class="{kind}">' +
            "".join(cells[st].format(esc_xml(tx).replace("\n", "<br>")) for tx, st in r) + "</td>"
            for lang, r in zip(LANGS, langs))
        out.append(f"<tr>{tds}</tr>")
    out.append("</table></body></html>\n")
    return "\n".join(out)


def fo(rows, fonts):
    wrap = {"b": '<fo:inline font-weight="bold">{}</fo:inline>',
            "i": '<fo:inline font-style="italic">{}</fo:inline>', "": "{}"}
    out = [f"""<?xml version="1.0" encoding="UTF-8"?>
<!-- fonts: {fonts} (registered in fop.xconf) -->
<fo:root xmlns:fo="http://www.w3.org/1999/XSL/Format" font-family="Roboto,Vazirmatn" font-size="9pt">
<fo:layout-master-set><fo:simple-page-master master-name="a4" page-width="210mm" page-height="297mm" margin="15mm">
<fo:region-body/></fo:simple-page-master></fo:layout-master-set>
<fo:page-sequence master-reference="a4"><fo:flow flow-name="xsl-region-body">
<fo:table table-layout="fixed" width="100%"><fo:table-column column-width="proportional-column-width(1)" number-columns-repeated="3"/>
<fo:table-body>"""]
    for kind, langs in rows:
        cells = []
        for lang, r in zip(LANGS, langs):
            attrs = {"en": 'language="en"', "fa": 'language="fa" writing-mode="rl-tb" font-family="Vazirmatn"',
                     "de": 'language="de" hyphenate="true"'}[lang]
            weight = ' font-weight="bold" font-size="11pt"' if kind == "h" else ""
            text = "".join(wrap[st].format(esc_xml(tx).replace("\n", '<fo:block/>')) for tx, st in r)
            cells.append(f'<fo:table-cell padding="0 2mm 1.5mm 2mm"><fo:block {attrs}{weight} '
                         f'text-align="justify">{text}</fo:block></fo:table-cell>')
        out.append("<fo:table-row>" + "".join(cells) + "</fo:table-row>")
    out.append("</fo:table-body></fo:table></fo:flow></fo:page-sequence></fo:root>\n")
    return "\n".join(out)


def tex(rows, fonts):
    wrap = {"b": r"\textbf{{{}}}", "i": r"\textit{{{}}}", "": "{}"}
    out = [r"""\documentclass[10pt]{article}
\usepackage[a4paper,margin=15mm]{geometry}
\usepackage{longtable,array}
\usepackage{polyglossia}
\setdefaultlanguage{english}
\setotherlanguages{persian,german}
\setmainfont{Roboto}[Path=""" + fonts + r"""/, Extension=.ttf, UprightFont=*-Regular,
  BoldFont=*-Bold, ItalicFont=*-Italic, BoldItalicFont=*-BoldItalic]
\newfontfamily\persianfont{Vazirmatn}[Script=Arabic, Path=""" + fonts + r"""/, Extension=.ttf,
  UprightFont=*-Regular, BoldFont=*-Bold, ItalicFont=*-Regular]
\setlength{\parindent}{0pt}
% Switch language per cell by hand: polyglossia's german/persian environments re-select
% fonts and features at every switch (about 10 ms each: 2,700 cells made the 100-leaflet
% run take ~300 s).  These do what the typesetting needs: German patterns and hyphen
% minima, Vazirmatn right to left (bidi, loaded for persian), no hyphenation in Farsi.
\makeatletter
\newcommand\de{\language=\l@german \lefthyphenmin=2 \righthyphenmin=2 \frenchspacing}
\newcommand\fa{\persianfont\setRL\language=\l@nohyphenation}
\makeatother
\begin{document}\fontsize{9pt}{11.7pt}\selectfont
\begin{longtable}{@{}p{0.31\linewidth}@{\hspace{0.035\linewidth}}p{0.31\linewidth}@{\hspace{0.035\linewidth}}p{0.31\linewidth}@{}}"""]
    for kind, langs in rows:
        cells = []
        for lang, r in zip(LANGS, langs):
            text = "".join(wrap[st].format(esc_tex(tx)) for tx, st in r)
            if kind == "h":
                text = r"\large\bfseries " + text
            cells.append({"en": "%s", "fa": r"{\fa %s}", "de": r"{\de %s}"}[lang] % text)
        out.append(" & ".join(cells) + r" \\[1ex]")
    out.append(r"\end{longtable}" + "\n" + r"\end{document}" + "\n")
    return "\n".join(out)


def main():
    leaflet, outdir = sys.argv[1], sys.argv[2]
    fonts = os.path.abspath(os.path.join(os.path.dirname(leaflet), "..", "..", "fonts"))
    src = open(leaflet, encoding="utf-8").read()
    big = hundredfold(src)
    open(os.path.join(outdir, "leaflet-100.xml"), "w", encoding="utf-8").write(big)
    for n, text in (("1", src), ("100", big)):
        rows = units(ET.fromstring(text.encode("utf-8")))
        for ext, make in (("tex", tex), ("html", html), ("fo", fo)):
            with open(os.path.join(outdir, f"leaflet-{n}.{ext}"), "w", encoding="utf-8") as f:
                f.write(make(rows, fonts))
    with open(os.path.join(outdir, "fop.xconf"), "w", encoding="utf-8") as f:
        f.write(f"""<fop version="1.0"><renderers><renderer mime="application/pdf"><fonts>
<font kerning="yes" embed-url="file://{fonts}/Roboto-Regular.ttf"><font-triplet name="Roboto" style="normal" weight="normal"/></font>
<font kerning="yes" embed-url="file://{fonts}/Roboto-Bold.ttf"><font-triplet name="Roboto" style="normal" weight="bold"/></font>
<font kerning="yes" embed-url="file://{fonts}/Roboto-Italic.ttf"><font-triplet name="Roboto" style="italic" weight="normal"/></font>
<font kerning="yes" embed-url="file://{fonts}/Vazirmatn-Regular.ttf"><font-triplet name="Vazirmatn" style="normal" weight="normal"/></font>
<font kerning="yes" embed-url="file://{fonts}/Vazirmatn-Bold.ttf"><font-triplet name="Vazirmatn" style="normal" weight="bold"/></font>
</fonts></renderer></renderers></fop>
""")


if __name__ == "__main__":
    main()
