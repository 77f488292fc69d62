#!/usr/bin/env python3
"""make-fixtures.py — writes the typocheck fixtures in this folder: for each NAME, the pair
NAME.bbox.html (as `pdftotext -bbox-layout` writes it) and NAME.stext.xml (as `mutool draw
-F stext` writes it), for a crafted leaflet of 300 × 400 pt.  good passes every rule; each
other one breaks exactly the rule it is named after.  The files are committed; run this
again only to change them.

Geometry (typocheck's): margin 22.5, text area y 22.5–369.6, footer at y 383; one column
from x 22.5 to 277.5.  Every character is half an em wide; a word space is Roboto's.
"""
import os, sys
from xml.sax.saxutils import escape
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
import typocheck

W, H, LEFT, RIGHT = 300.0, 400.0, 22.5, 277.5
BODY, HEAD, REG, BOLD = 10.0, 13.0, "Roboto-Regular", "Roboto-Bold"
WORDS = "a leaflet is read at arm's length so its lines must be even and calm".split()

class Sheet:
    def __init__(self):
        self.pages = []

    def page(self):
        self.pages.append([])
        self.y = 22.5

    def line(self, words, size=BODY, font=REG, x=LEFT, gap=None, right=None, y=None):
        """A line of WORDS at x; with RIGHT, justified to end there; GAP: the word spaces."""
        space = typocheck.space_em(font) * size
        widths = [0.5 * size * len(w) for w in words]
        if right is not None and len(words) > 1:
            gap = (right - x - sum(widths)) / (len(words) - 1)
        gap = space if gap is None else gap
        y = self.y if y is None else y
        placed, at = [], x
        for w, width in zip(words, widths):
            placed.append((at, w, width))
            at += width + gap
        self.pages[-1].append((y, size, font, placed))
        self.y = y + 1.4 * size

    def skip(self, ems=0.8):
        self.y += ems * BODY

    def para(self, lines, last="the end.", size=BODY, font=REG, left=LEFT, right=RIGHT):
        """LINES justified lines, each as many words as fit (spaces between 0.8 and 2 ×
        their natural width), then a short last line."""
        space, k = typocheck.space_em(font) * size, 0
        for i in range(lines):
            words = []
            while True:
                words.append(WORDS[k % len(WORDS)])
                k += 1
                width = sum(0.5 * size * len(w) for w in words)
                if width + 0.8 * space * (len(words) - 1) > right - left:
                    words.pop()
                    k -= 1
                    break
            self.line(words, size, font, x=left, right=right)
        self.line(last.split(), size, font, x=left)
        self.skip()

    def fill_to(self, bottom, size=BODY, left=LEFT, right=RIGHT):
        """Text down to BOTTOM: a paragraph, white space (only the lowest line counts for
        the fill), and a paragraph that ends there."""
        self.para(2, size=size, left=left, right=right)
        self.y = max(self.y, bottom - 3 * 1.4 * size)
        self.para(2, size=size, left=left, right=right)

    def write(self, name):
        for p, page in enumerate(self.pages, 1):
            page.append((383.0, self.footer_size, REG,
                         [(LEFT, "isc@example.org", 0.5 * self.footer_size * 15),
                          (250.0, "%d/%d" % (p, len(self.pages)), 1.5 * self.footer_size)]))
        bbox = ['<html xmlns="http://www.w3.org/1999/xhtml"><body><doc>']
        stext = ['<?xml version="1.0"?>', '<document name="%s">' % name]
        for page in self.pages:
            bbox.append('<page width="%.1f" height="%.1f"><flow>' % (W, H))
            stext.append('<page width="%.1f" height="%.1f">' % (W, H))
            for y, size, font, placed in page:
                y1 = y + 1.17 * size
                x0, x1 = placed[0][0], placed[-1][0] + placed[-1][2]
                words, chars = [], []
                for at, w, width in placed:
                    words.append('<word xMin="%.3f" yMin="%.3f" xMax="%.3f" yMax="%.3f">%s</word>' % (at, y, at + width, y1, escape(w)))
                    for i, c in enumerate(w):
                        c0, c1 = at + i * width / len(w), at + (i + 1) * width / len(w)
                        chars.append('<char quad="%.2f %.2f %.2f %.2f %.2f %.2f %.2f %.2f" c="%s"/>' % (
                            c0, y, c1, y, c0, y1, c1, y1, escape(c, {'"': "&quot;"})))
                    chars.append('<char quad="0 0 0 0 0 0 0 0" c=" "/>')
                bbox.append('<block><line xMin="%.3f" yMin="%.3f" xMax="%.3f" yMax="%.3f">' % (x0, y, x1, y1)
                            + "".join(words) + '</line></block>')
                stext.append('<block><line bbox="%.3f %.3f %.3f %.3f"><font name="%s" size="%.2f">' % (x0, y, x1, y1, font, size)
                             + "".join(chars) + '</font></line></block>')
            bbox.append('</flow></page>')
            stext.append('</page>')
        bbox.append('</doc></body></html>')
        stext.append('</document>')
        here = os.path.dirname(os.path.abspath(__file__))
        open(os.path.join(here, name + ".bbox.html"), "w").write("\n".join(bbox) + "\n")
        open(os.path.join(here, name + ".stext.xml"), "w").write("\n".join(stext) + "\n")

def leaflet(name, breaks=None, size=BODY, footer_size=8.0):
    """Two pages, the first over 70% full, the second over 20%; BREAKS(sheet, page) adds the
    fault (and returns "done" when the page is to stay as it left it)."""
    global sheet
    sheet = Sheet()
    sheet.footer_size = footer_size
    for p in (1, 2):
        sheet.page()
        if p == 1:
            sheet.line(["Heading"], HEAD, BOLD)
        if breaks and breaks(sheet, p) == "done":
            continue
        sheet.fill_to(300.0 if p == 1 else 120.0, size)
    sheet.write(name)

def hyphens(n):
    def add(s, p):
        if p == 1:
            for i in range(n):
                s.line(["line", "number", "%s" % "abcde"[i], "ends", "in", "a", "hyphen", "hy-"])
            s.line(["phen", "and", "ends."])
            s.skip()
    return add

leaflet("good", hyphens(2))
leaflet("fill", lambda s, p: (s.para(3), "done")[1] if p == 1 else None)
leaflet("last-page", lambda s, p: (s.para(1), "done")[1] if p == 2 else None)
leaflet("qr-alone", lambda s, p: (s.line(["https://example.org/free-them-all"], 6.0, REG,
                                         x=170.0, y=355.0), "done")[1] if p == 2 else None)
def heading_last(s, p):
    if p == 1:
        s.fill_to(290.0)
        s.line(["Come", "along"], HEAD, BOLD)
        return "done"
leaflet("heading-last", heading_last)
leaflet("display-hyphen", lambda s, p: (s.line(["Free", "the", "Prison-"], BODY, BOLD),
                                        s.line(["ers!"], BODY, BOLD), s.skip()) if p == 1 else None)
leaflet("url-hyphen", lambda s, p: (s.line(["Read", "it", "at", "example.org/free-"]),
                                    s.line(["them-all/letter."]), s.skip()) if p == 1 else None)
leaflet("hyphens-in-a-row", hyphens(3))
leaflet("gap", lambda s, p: (s.line(["a", "line", "with", "a", "river", "in", "it"], right=RIGHT),
                             s.line(["and", "its", "end."]), s.skip()) if p == 1 else None)
leaflet("size", size=8.0)
leaflet("footer-size", footer_size=6.0)

def columns(name, last_heading):
    """Two pages of two columns (22.5–145, 155–277.5); with LAST_HEADING, page 1's right
    column ends in a heading while the left one runs on below it."""
    global sheet
    sheet = Sheet()
    sheet.footer_size = 8.0
    for p in (1, 2):
        sheet.page()
        sheet.line(["A", "title", "across", "both"], HEAD, BOLD, x=80.0)
        top = sheet.y
        sheet.fill_to(320.0 if p == 1 else 120.0, left=22.5, right=145.0)
        sheet.y = top
        sheet.fill_to(250.0 if p == 1 else 120.0, left=155.0, right=277.5)
        if p == 1 and last_heading:
            sheet.line(["Come", "along"], HEAD, BOLD, x=155.0)
    sheet.write(name)

columns("good.columns", False)
columns("heading-last.columns", True)
