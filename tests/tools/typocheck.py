#!/usr/bin/env python3
"""typocheck [--min-size PT] [--footer-min PT] [--figures] FILE... — typographic checks of a
finished leaflet, as a print team would look at it.

FILE is a PDF, or a crafted pair: NAME.bbox.html (poppler's `pdftotext -bbox-layout`) next to
NAME.stext.xml (MuPDF's `mutool draw -F stext`).  Poppler gives the pages, lines and words
with their boxes; MuPDF gives each character's font and size, matched to the words by
position.  Each violation is one line `FILE: page N: RULE: detail`; exit status 1 if there
is any, 0 if none, 2 wrong usage, 3 a file could not be read.

Rules (the geometry is broadside's: margin m = 0.075 × the shorter side, text area from m
to height − 1.35 m, the footer below it):
  fill            a page but the last is under 70% full (lowest text line above the footer)
  last-page       the last page is under 20% full
  qr-alone        a page holds nothing but the QR code's caption
  heading-last    a heading (bold, ≥ 1.2 × body) or a date line (bold, 1.05–1.12 × body,
                  under two lines: broadside's event dates are 1.1 ×, its demands, which
                  may end a page, 1.15 ×) is the last thing in its column on a page but
                  the last
  display-hyphen  a display line (bold, or over 1.15 × body) ends in a hyphen
  url-hyphen      a line break inside a URL or e-mail address leaves a hyphen
  hyphens-in-a-row  three or more consecutive lines of a column end in a hyphen
  gap             a justified left-to-right line's word space is over 2 × the font's space
  size            the body size is under --min-size (8.5)
  footer-size     the footer is under --footer-min (7)
--figures prints one line per FILE with the figures the closing note compares.
"""
import collections, os, re, struct, subprocess, sys, tempfile
import xml.etree.ElementTree as ET

XHTML = "{http://www.w3.org/1999/xhtml}"
HYPHENS = ("-", "\u2010", "\u00ad")
BULLETS = {"•", "▪", "◦", "‣", "⁃"}  # a list item's marker, hanging in the margin

def marker(word):
    """A list item's bullet or number ("•", "1.", "b)"): its gap is an indent, not a space."""
    return word in BULLETS or re.match(r"^([0-9]+|[a-z]|[ivx]+|[۰-۹]+)[.)]$", word) is not None
FONTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "fonts")

# ---- fonts: the natural width of a space, from the TTF's cmap and hmtx -------------------

def ttf_space_em(path):
    data = open(path, "rb").read()
    tables = {}
    for i in range(struct.unpack(">H", data[4:6])[0]):
        tag, _, off, length = struct.unpack(">4sIII", data[12 + 16 * i:28 + 16 * i])
        tables[tag.decode("latin-1")] = off
    units = struct.unpack(">H", data[tables["head"] + 18:tables["head"] + 20])[0]
    metrics = struct.unpack(">H", data[tables["hhea"] + 34:tables["hhea"] + 36])[0]
    glyph = cmap_lookup(data, tables["cmap"], 0x20)
    hmtx = tables["hmtx"] + 4 * min(glyph, metrics - 1)
    return struct.unpack(">H", data[hmtx:hmtx + 2])[0] / units

def cmap_lookup(data, cmap, code):
    for i in range(struct.unpack(">H", data[cmap + 2:cmap + 4])[0]):
        plat, enc, off = struct.unpack(">HHI", data[cmap + 4 + 8 * i:cmap + 12 + 8 * i])
        sub = cmap + off
        if (plat, enc) not in ((3, 1), (0, 3)) or struct.unpack(">H", data[sub:sub + 2])[0] != 4:
            continue
        segs = struct.unpack(">H", data[sub + 6:sub + 8])[0] // 2
        ends, starts = sub + 14, sub + 16 + 2 * segs
        deltas, ranges = starts + 2 * segs, starts + 4 * segs
        for s in range(segs):
            end, start = (struct.unpack(">H", data[a + 2 * s:a + 2 * s + 2])[0] for a in (ends, starts))
            if start <= code <= end:
                delta = struct.unpack(">h", data[deltas + 2 * s:deltas + 2 * s + 2])[0]
                rng = struct.unpack(">H", data[ranges + 2 * s:ranges + 2 * s + 2])[0]
                if rng == 0:
                    return (code + delta) & 0xFFFF
                at = ranges + 2 * s + rng + 2 * (code - start)
                return (struct.unpack(">H", data[at:at + 2])[0] + delta) & 0xFFFF
    return 0

_space = {}
def space_em(font):
    """The advance of a space in FONT (`ABCDEF+Roboto-Bold` → fonts/Roboto-Bold.ttf), in em."""
    name = font.split("+", 1)[-1]
    if name not in _space:
        path = os.path.join(FONTS, name + ".ttf")
        try:
            _space[name] = ttf_space_em(path)
        except (OSError, KeyError, struct.error):
            _space[name] = 0.25  # a font we do not ship: a common space width
    return _space[name]

# ---- reading: poppler's words, MuPDF's fonts ---------------------------------------------

class Word:
    def __init__(self, x0, y0, x1, y1, text):
        self.x0, self.y0, self.x1, self.y1, self.text = x0, y0, x1, y1, text
        self.font, self.size, self.nchars, self.bold_chars = "", 0.0, 0, 0
        self.sizes = collections.Counter()
        self.chars = []  # (MuPDF's reading order, character): right-to-left text in order
        self.in_footer = False

    def glyphs(self):
        """The word as drawn: MuPDF's characters in it.  poppler gives a word's /ActualText,
        and a word hyphenated at a line's end copies out whole, without its hyphen; MuPDF
        1.21 reads the glyphs, hyphen and all."""
        return "".join(c for _, c in sorted(self.chars)) or self.text

class Page:
    def __init__(self, width, height):
        self.width, self.height = width, height
        self.margin = 0.075 * min(width, height)
        self.top, self.bottom = self.margin, height - 1.35 * self.margin
        self.words, self.footer, self.lines = [], [], []  # lines: fragments from poppler

def extract(path, tmp):
    """Returns the (bbox XHTML, stext XML) files of FILE, running the tools into TMP for a PDF."""
    if not path.endswith(".pdf"):
        return path, re.sub(r"\.bbox\.html$", "", path) + ".stext.xml"
    bbox, stext = os.path.join(tmp, "bbox.html"), os.path.join(tmp, "stext.xml")
    subprocess.run(["pdftotext", "-bbox-layout", path, bbox], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.run(["mutool", "draw", "-q", "-F", "stext", "-o", stext, path], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return bbox, stext

def read_pages(bbox, stext):
    pages = []
    for p in ET.parse(bbox).iter(XHTML + "page"):
        page = Page(float(p.get("width")), float(p.get("height")))
        for line in p.iter(XHTML + "line"):
            frag = []
            for w in line.iter(XHTML + "word"):
                word = Word(*(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")),
                            (w.text or "").strip())
                if word.text:
                    frag.append(word)
            if frag:
                page.lines.append(frag)
                page.words += frag
        pages.append(page)
    for page, p in zip(pages, ET.parse(stext).iter("page")):
        attach_fonts(page, p)
    return pages

def attach_fonts(page, stext_page):
    grid = collections.defaultdict(list)
    for w in page.words:
        for row in range(int(w.y0 // 4), int(w.y1 // 4) + 1):
            grid[row].append(w)
    seq = 0
    for font in stext_page.iter("font"):
        name, size = font.get("name"), float(font.get("size"))
        for ch in font.iter("char"):
            c, seq = ch.get("c"), seq + 1
            if not c or c.isspace():
                continue
            q = [float(v) for v in ch.get("quad").split()]
            cx, cy = (min(q[0::2]) + max(q[0::2])) / 2, (min(q[1::2]) + max(q[1::2])) / 2
            for w in grid.get(int(cy // 4), ()):
                if w.x0 - 0.5 <= cx <= w.x1 + 0.5 and w.y0 - 0.5 <= cy <= w.y1 + 0.5:
                    w.sizes[(name, round(size, 2))] += 1
                    w.chars.append((seq, c))
                    break
    for w in page.words:
        if w.sizes:
            (w.font, w.size), _ = w.sizes.most_common(1)[0]
            w.nchars = sum(w.sizes.values())
            w.bold_chars = sum(n for (f, _), n in w.sizes.items() if is_bold(f))

def is_bold(font):
    return bool(re.search(r"Bold|Black|Heavy|Semi[Bb]old", font))

def arabic(text):
    return sum(1 for c in text if "\u0600" <= c <= "\u06ff" or "\ufb50" <= c <= "\ufeff")

def latin(text):
    return sum(1 for c in text if c.isalpha() and c < "\u0250")

# ---- lines and columns ---------------------------------------------------------------------

class Line:
    def __init__(self, words, cols):
        self.words = sorted(words, key=lambda w: w.x0)
        self.cols = cols
        self.x0, self.x1 = min(w.x0 for w in words), max(w.x1 for w in words)
        self.y0, self.y1 = min(w.y0 for w in words), max(w.y1 for w in words)
        self.text = " ".join(w.text for w in self.words)
        sizes, bold, n = collections.Counter(), 0, 0
        for w in words:
            for (f, s), k in w.sizes.items():
                sizes[s] += k
            bold, n = bold + w.bold_chars, n + w.nchars
        self.size = sizes.most_common(1)[0][0] if sizes else 0.0
        # Bold all through (a heading, a demand), not a paragraph that starts in bold.
        self.bold = n > 0 and bold >= 0.9 * n
        self.rtl = arabic(self.text) > latin(self.text)
        if self.rtl:  # poppler gives right-to-left words letter by letter: MuPDF's order
            chars, text, last = sorted(c for w in words for c in w.chars), "", None
            for seq, c in chars:
                text += (" " if last is not None and seq > last + 1 else "") + c
                last = seq
            self.text = text or self.text

def body_size(pages, script=None):
    """The most common size (of SCRIPT's words only: "arabic" or "latin", when given)."""
    sizes = collections.Counter()
    for page in pages:
        for w in page.words:
            rtl = arabic(w.text) > latin(w.text)
            if script and rtl != (script == "arabic"):
                continue
            if not w.in_footer:
                for (f, s), k in w.sizes.items():
                    sizes[s] += k
    return sizes.most_common(1)[0][0] if sizes else 0.0

def find_columns(pages, body):
    """Column extents over the whole document: x ranges that no body-size word covers on
    any page (at least 0.6 em wide: word spaces never line up through a whole document)
    separate columns; titles and footers do not count."""
    width = max(p.width for p in pages)
    cover = [0] * (int(width * 4) + 2)
    for page in pages:
        for w in page.words:
            if w.in_footer or not w.size or w.size > 1.15 * body:
                continue
            for i in range(max(0, int(w.x0 * 4)), min(len(cover), int(w.x1 * 4) + 1)):
                cover[i] += 1
    used = [i for i, c in enumerate(cover) if c]
    if not used:
        return [(0.0, width)]
    cols, start, gap = [], used[0], 0
    for i in range(used[0], used[-1] + 1):
        if cover[i]:
            if gap and gap >= 4 * 0.6 * body:
                cols.append((start / 4, (i - gap) / 4))
                start = i
            gap = 0
        else:
            gap += 1
    cols.append((start / 4, (used[-1] + 1) / 4))
    return cols

def column_of(x, cols):
    best = min(range(len(cols)), key=lambda k: 0 if cols[k][0] <= x <= cols[k][1]
               else min(abs(x - cols[k][0]), abs(x - cols[k][1])))
    return best

def build_lines(page, cols, body):
    """Poppler's lines, split at column gutters, and fragments of one line in a column
    (poppler splits very loose lines and right-to-left text) merged again.  A display line
    that spans columns (a title) stays whole and belongs to every column it covers."""
    percol = collections.defaultdict(list)
    spanning = []
    for frag in page.lines:
        frag = [w for w in frag if not w.in_footer]
        if not frag:
            continue
        x0, x1 = min(w.x0 for w in frag), max(w.x1 for w in frag)
        over = {k for k, (a, b) in enumerate(cols) if x0 < b - 1 and x1 > a + 1}
        probe = Line(frag, over)
        if len(over) > 1 and (probe.bold or probe.size > 1.15 * body):
            spanning.append(probe)
            continue
        for w in frag:
            percol[column_of((w.x0 + w.x1) / 2, cols)].append(w)
    lines = list(spanning)
    for k, words in percol.items():
        rows = []
        for w in sorted(words, key=lambda w: (w.y0 + w.y1) / 2):
            for row in rows:
                overlap = min(row[1], w.y1) - max(row[0], w.y0)
                if overlap >= 0.5 * min(row[1] - row[0], w.y1 - w.y0):
                    row[2].append(w)
                    row[0], row[1] = min(row[0], w.y0), max(row[1], w.y1)
                    break
            else:
                rows.append([w.y0, w.y1, [w]])
        lines += [Line(r[2], {k}) for r in rows]
    return lines

def column_lines(lines, k):
    return sorted((l for l in lines if k in l.cols), key=lambda l: (l.y0, l.x0))

def paragraphs(col):
    """Consecutive lines of one style with no more than the leading between them."""
    paras = []
    for line in col:
        if paras:
            prev = paras[-1][-1]
            same = (abs(prev.size - line.size) <= 0.03 * max(prev.size, 0.1) and
                    prev.bold == line.bold and prev.cols == line.cols and
                    -0.5 <= line.y0 - prev.y1 <= 0.75 * max(line.size, prev.size) and
                    not marker(line.words[0].text))
            if same:
                paras[-1].append(line)
                continue
        paras.append([line])
    return paras

# ---- the checks ----------------------------------------------------------------------------

def ends_hyphen(line):
    drawn = line.words[-1].glyphs()
    return drawn.endswith(HYPHENS) and len(drawn) > 1

URLISH = re.compile(r"://|@|www\.|[A-Za-z0-9-]+\.[A-Za-z]{2,}(/|$)")

def right_edge(lines):
    """The x where most of a column's left-to-right text lines end (its justified edge)."""
    ends = [l.x1 for l in lines if not l.rtl and len(l.words) >= 3]
    if not ends:
        return None
    return max(ends, key=lambda e: (sum(1 for f in ends if abs(f - e) <= 0.5), e))

def worst_gap(line):
    """(ratio, left word) of the widest word space of a left-to-right line, against the
    natural space of the left word's font."""
    worst = (0.0, "")
    for i, (a, b) in enumerate(zip(line.words, line.words[1:])):
        if i == 0 and marker(a.text):
            continue  # a list's bullet hangs; its gap is an indent
        if arabic(a.text) or arabic(b.text) or not a.font or not a.size:
            continue
        ratio = (b.x0 - a.x1) / (space_em(a.font) * a.size)
        if ratio > worst[0]:
            worst = (ratio, a.text)
    return worst

class Report:
    def __init__(self, name):
        self.name, self.found = name, []
        self.gap, self.run = 0.0, 0

    def add(self, page, rule, detail):
        found = (page, "%s: page %d: %s: %s" % (self.name, page, rule, detail))
        if found not in self.found:  # a line across columns is seen from each of them
            self.found.append(found)

def short(text, n=60):
    """TEXT quoted for a message, the soft hyphen shown as the hyphen it prints as."""
    text = text.replace("\u00ad", "-")
    return "“%s”" % (text if len(text) <= n else text[:n - 1] + "…")

def check(name, pages, min_size, footer_min):
    r = Report(name)
    for page in pages:
        page.footer = [w for w in page.words if (w.y0 + w.y1) / 2 > page.bottom]
        for w in page.footer:
            w.in_footer = True
    body = body_size(pages)
    cols = find_columns(pages, body)
    # Arabic script is set larger than Latin to look the same size: a line is measured
    # against the body of its own script.
    body_ar = body_size(pages, "arabic") or body
    body_la = body_size(pages, "latin") or body
    for page in pages:
        page.built = build_lines(page, cols, body)
        for line in page.built:
            line.body = body_ar if line.rtl else body_la
    edges = [right_edge([l for p in pages for l in p.built if k in l.cols and
                         l.size <= 1.15 * body and not l.bold]) for k in range(len(cols))]
    r.fills = []
    for n, page in enumerate(pages, 1):
        last = n == len(pages)
        check_fill(r, n, page, last)
        for k in range(len(cols)):
            col = column_lines(page.built, k)
            paras = paragraphs(col)
            if not last:
                check_last(r, n, paras, body)
            check_hyphens(r, n, col, paras, body)
            check_gaps(r, n, paras, edges[k], last)
    r.body = body
    sizes = [s for p in pages for w in p.footer for (f, s) in w.sizes]
    r.footer = min(sizes) if sizes else None
    if body and body < min_size - 0.005:
        r.add(1, "size", "body %.2f pt, under %.2f pt" % (body, min_size))
    if r.footer is not None and r.footer < footer_min - 0.005:
        page = next(n for n, p in enumerate(pages, 1) if any(
            s == r.footer for w in p.footer for (f, s) in w.sizes))
        r.add(page, "footer-size", "footer %.2f pt, under %.2f pt" % (r.footer, footer_min))
    return r

def check_fill(r, n, page, last):
    lines = page.built
    low = max((l.y1 for l in lines), default=page.top)
    fill = max(0.0, min(1.0, (low - page.top) / (page.bottom - page.top)))
    r.fills.append(fill)
    if lines and all(len(l.words) == 1 and URLISH.search(l.words[0].text) for l in lines):
        r.add(n, "qr-alone", "the page holds only %s" % short(lines[0].text))
    if last and fill < 0.20:
        r.add(n, "last-page", "%.0f%% full, under 20%%" % (100 * fill))
    elif not last and fill < 0.70:
        r.add(n, "fill", "%.0f%% full, under 70%%" % (100 * fill))

def check_last(r, n, paras, body):
    """A heading or an event's date line must not end a column on a page (but the last)."""
    if not paras:
        return
    para = paras[-1]
    line = para[0]
    if not line.bold or line.size < 1.05 * line.body:
        return
    if line.size >= 1.2 * line.body:
        r.add(n, "heading-last", "heading %s ends its column" % (short(line.text)))
    elif line.size <= 1.12 * line.body and len(para) < 2:
        r.add(n, "heading-last", "bold line %s (%.2f × body) ends its column" % (
            short(line.text), line.size / line.body))

def check_hyphens(r, n, col, paras, body):
    run = []
    for para in paras:
        for i, line in enumerate(para):
            nxt = para[i + 1] if i + 1 < len(para) else None
            display = line.bold or line.size > 1.15 * line.body
            if line.rtl:
                for w in line.words:
                    if w.text.endswith(HYPHENS) and URLISH.search(w.text):
                        r.add(n, "url-hyphen", "%s breaks a URL" % short(w.text))
                run = []
                continue
            hyph = ends_hyphen(line)
            if hyph and display:
                r.add(n, "display-hyphen", "%s" % (short(line.text)))
            if hyph:
                stem = line.words[-1].glyphs().rstrip("".join(HYPHENS))
                joined = line.words[-1].text  # the whole word, as poppler copies it
                if joined == line.words[-1].glyphs():  # a reader without /ActualText
                    joined = stem + (nxt.words[0].text if nxt else "")
                if URLISH.search(line.words[-1].text) or URLISH.search(joined):
                    r.add(n, "url-hyphen", "%s / %s" % (short(line.words[-1].text),
                                                        short(nxt.words[0].text) if nxt else "…"))
            if hyph and (nxt is None or nxt.words[0].text[:1].isalnum()):
                run.append(line)
            else:
                report_run(r, n, run)
                run = []
        report_run(r, n, run)
        run = []

def report_run(r, n, run):
    r.run = max(r.run, len(run))
    if len(run) >= 3:
        r.add(n, "hyphens-in-a-row", "%d lines: %s" % (len(run), " / ".join(
            short(l.words[-1].text, 20) for l in run)))

def check_gaps(r, n, paras, edge, last_page):
    if edge is None:
        return
    for p, para in enumerate(paras):
        for i, line in enumerate(para):
            last_line = i + 1 == len(para)
            split = last_line and p + 1 == len(paras) and not last_page
            if line.rtl or abs(line.x1 - edge) > 0.5 or (last_line and not split):
                continue
            ratio, after = worst_gap(line)
            r.gap = max(r.gap, ratio)
            if ratio > 2.0:
                r.add(n, "gap", "%.2f × the space after %s in %s" % (
                    ratio, short(after), (short(line.text))))

# ---- the command ---------------------------------------------------------------------------

def figures(r, pages):
    fills = r.fills
    others = min(fills[:-1]) if len(fills) > 1 else None
    return ("%s: pages %d, last page %.0f%% full, least full other page %s, worst gap %.2f, "
            "hyphens in a row %d, body %.2f pt, footer %s" % (
                r.name, len(pages), 100 * fills[-1] if fills else 0,
                "%.0f%%" % (100 * others) if others is not None else "-", r.gap, r.run,
                r.body, "%.2f pt" % r.footer if r.footer is not None else "-"))

def main(argv):
    min_size, footer_min, show, files = 8.5, 7.0, False, []
    args = iter(argv)
    try:
        for a in args:
            if a == "--min-size":
                min_size = float(next(args))
            elif a == "--footer-min":
                footer_min = float(next(args))
            elif a == "--figures":
                show = True
            elif a in ("-h", "--help"):
                print(__doc__.strip())
                return 0
            elif a.startswith("-"):
                raise ValueError(a)
            else:
                files.append(a)
    except (StopIteration, ValueError) as e:
        print("typocheck: wrong usage: %s (see --help)" % e, file=sys.stderr)
        return 2
    if not files:
        print("typocheck: no FILE (see --help)", file=sys.stderr)
        return 2
    status = 0
    for path in files:
        try:
            with tempfile.TemporaryDirectory(prefix="typocheck.") as tmp:
                pages = read_pages(*extract(path, tmp))
        except subprocess.CalledProcessError as e:
            print("%s: cannot read: %s exits %d" % (path, e.cmd[0], e.returncode), file=sys.stderr)
            status = 3
            continue
        except (OSError, ET.ParseError) as e:
            print("%s: cannot read: %s" % (path, e), file=sys.stderr)
            status = 3
            continue
        r = check(path, pages, min_size, footer_min)
        for _, line in sorted(r.found, key=lambda f: f[0]):
            print(line)
        if show:
            print(figures(r, pages))
        if r.found and status == 0:
            status = 1
    return status

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
