#!/usr/bin/env python3
"""check_html.py PAGE URI... — the links of a broadside HTML page, as a browser's parser
reads them: every <a href> that is not one of the page's own files (no ':') must be one of
the URIs given, each given URI must be there, every byte of each is one uri_encode keeps,
no <a> has an attribute besides broadside's own, and there is no <script>.  Prints what is
wrong and exits 1."""
import re
import sys
from html.parser import HTMLParser

ALLOWED_ATTRS = {"href", "dir", "class", "lang", "hreflang", "aria-current", "type", "rel"}
ENCODED = re.compile(r"^(?:[A-Za-z0-9\-._~:/?#@!&'*+,;=]|%[0-9A-Fa-f]{2})*$")


class Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs, self.problems = [], []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.problems.append("a <script> element")
        if tag != "a":
            return
        for name, value in attrs:
            if name not in ALLOWED_ATTRS:
                self.problems.append(f"<a> with the attribute {name}={value!r}")
            if name == "href" and value is not None and ":" in value:
                self.hrefs.append(value)


def main():
    page, wanted = sys.argv[1], set(sys.argv[2:])
    parser = Links()
    with open(page, encoding="utf-8") as f:
        parser.feed(f.read())
    parser.close()
    problems = parser.problems
    for href in parser.hrefs:
        if href not in wanted:
            problems.append(f"a link to {href!r}, which the document did not ask for")
        if not ENCODED.match(href):
            problems.append(f"a link with bytes uri_encode never keeps: {href!r}")
    for uri in sorted(wanted - set(parser.hrefs)):
        problems.append(f"no link to {uri!r}")
    for p in problems:
        print(f"{page}: {p}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
