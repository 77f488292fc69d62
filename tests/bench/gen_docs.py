#!/usr/bin/env python3
"""tests/bench/gen_docs.py OUTDIR [N] — N (200) distinct documents for `broadside build`,
made from the samples in xml/, in three languages (en, de, fa), written as
OUTDIR/SAMPLE/SAMPLE-NNN.xml (one folder per sample, so that build searches folders).

Document NNN is sample NNN mod 4 (xml/*.xml in name order) with its id made unique
(ID-NNN), its title numbered in each language ("… (No. 7)", "… (Nr. 7)", "… (شماره‌ی ۷)"),
without the title's src-hash (its source text changed: the translations are unconfirmed,
not stale) and without the Arabic of the Frankfurt flyer.  The same N always gives the
same bytes; the *.xml files of an earlier run in OUTDIR's sample folders are removed first.
"""
import glob
import os
import re
import sys

LANGS = ("en", "de", "fa")
NUMBERED = {"en": "(No. {})", "de": "(Nr. {})", "fa": "(شماره‌ی {})"}
FA_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def three_languages(src):
    """SRC with only en, de and fa: other languages' <t> lines and langs entries dropped."""
    langs = re.search(r' langs="([^"]*)"', src).group(1).split()
    for lang in set(langs) - set(LANGS):
        src = re.sub(rf'\n[ \t]*<t xml:lang="{lang}"[^>]*>.*?</t>(?=\n)', "", src)
        if f'xml:lang="{lang}"' in src:
            raise SystemExit(f"gen_docs: cannot drop {lang}: it is used beyond whole <t> lines")
    kept = " ".join(lang for lang in langs if lang in LANGS)
    return re.sub(r' langs="[^"]*"', f' langs="{kept}"', src, count=1)


def numbered_title(src, n):
    """SRC with its title's <t>s ending in the number N, their src-hash dropped."""
    def one_t(m):
        lang, attrs, text = m.group(1), m.group(2), m.group(3)
        attrs = re.sub(r' src-hash="[^"]*"', "", attrs)
        number = str(n).translate(FA_DIGITS) if lang == "fa" else str(n)
        return f'<t xml:lang="{lang}"{attrs}>{text} {NUMBERED[lang].format(number)}</t>'

    def title(m):
        return re.sub(r'<t xml:lang="([a-z]+)"([^>]*)>(.*?)</t>', one_t, m.group(0), flags=re.S)
    out, count = re.subn(r"<title\b.*?</title>", title, src, count=1, flags=re.S)
    if count != 1:
        raise SystemExit("gen_docs: a sample has no <title>")
    return out


def document(src, n):
    src = three_languages(src)
    src = numbered_title(src, n)
    return re.sub(r'(<(?:appeal|letter)\b[^>]*\bid=")([^"]+)"', rf'\g<1>\g<2>-{n:03d}"', src,
                  count=1)


def main():
    if len(sys.argv) not in (2, 3):
        raise SystemExit(__doc__.split("\n\n")[0])
    outdir, n = sys.argv[1], int(sys.argv[2]) if len(sys.argv) == 3 else 200
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "xml")
    samples = sorted(glob.glob(os.path.join(root, "*.xml")))
    if not samples:
        raise SystemExit(f"gen_docs: no samples in {root}")
    texts = {}
    for path in samples:
        name = os.path.basename(path)[:-4]
        with open(path, encoding="utf-8") as f:
            texts[name] = f.read()
        os.makedirs(os.path.join(outdir, name), exist_ok=True)
        for old in glob.glob(os.path.join(outdir, name, "*.xml")):
            os.remove(old)
    names = sorted(texts)
    for i in range(n):
        name = names[i % len(names)]
        path = os.path.join(outdir, name, f"{name}-{i:03d}.xml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(document(texts[name], i))
    print(f"{n} documents from {len(names)} samples in {outdir}")


if __name__ == "__main__":
    main()
