# tests/suites/texthyph.sh — hyphens where they belong (issue 12): display text in the HTML
# (titles, subtitles, the issuer, headings, demands, addresses, signatures, venues, names,
# links, dates) carries no soft hyphen and is set hyphens: none, running text keeps the
# text stage's points (each run its own language's) and is set hyphens: manual, so that
# the browser never hyphenates with the patterns of the page's language; then, in headless
# Chromium at a phone's width, no line of display text ends in a hyphen while the body's
# lines still do.  Sourced by tests/run with $bin, $label, $tmp and ok, not_ok, check, run.

th=$tmp/texthyph-$label
th_nbsp=$'\xc2\xa0'
rm -rf "$th" && mkdir -p "$th"
run th_html html -o "$th" tests/texthyph/headings.xml xml/*.xml
check "$label: texthyph: html writes the pages of the test document and the samples" \
	test "$(cat "$tmp/th_html.rc")" = 0

# Every display element of every page, without a soft hyphen; the running text with them.
texthyph_static() { # texthyph_static PAGE...
	/usr/bin/python3 - "$@" <<'EOF'
import sys, html5lib
DISPLAY = {"h1", "h2", "address", "figcaption", "time", "data", "a", "nav"}
CLASSES = {"subtitle", "issuer", "dateline", "to", "place", "salutation", "closing",
           "signature", "demands", "venue", "when", "name"}
bad, running = [], 0
for page in sys.argv[1:]:
    doc = html5lib.parse(open(page, encoding="utf-8").read(), namespaceHTMLElements=False)
    for e in doc.iter():
        if not isinstance(e.tag, str):
            continue
        text = "".join(e.itertext())
        classes = set((e.get("class") or "").split())
        if e.tag in DISPLAY or classes & CLASSES:
            if "\u00ad" in text:
                bad.append(f"{page}: <{e.tag} class={e.get('class')}> {text.strip()[:60]!r}")
        elif e.tag == "p" and "\u00ad" in text:
            running += 1
for b in bad[:10]:
    print("soft hyphen in display text:", b)
print("running paragraphs with soft hyphens:", running)
sys.exit(1 if bad or running == 0 else 0)
EOF
}
check "$label: texthyph: no soft hyphen in any display element, running text keeps them" \
	texthyph_static "$th"/*.html

# The text both backends draw (the PDF breaks only at these points): a run has its own
# language's points, "Voices" none (German patterns would give Voi-ces).
run th_dump dump tests/texthyph/headings.xml
check "$label: texthyph: dump: an English run in German text has English points, a German run in English German ones" \
	sh -c "grep -q '⟨foreign en⟩Voices of Re‧sis‧tance and In‧ter‧na‧tion‧al‧ism⟨/foreign⟩' '$tmp/th_dump.out' &&
		grep -q '⟨foreign de⟩Stim‧men des Wi‧der‧stands⟨/foreign⟩' '$tmp/th_dump.out'"

# The English title inside German text: lang="en", English points; the German one in
# English, German points.
check "$label: texthyph: an English run in German text is a lang=en span with English points" \
	grep -q '<span lang="en" class="script-Latn">Voices of Re­sis­tance and In­ter­na­tion­al­ism</span>' \
	"$th/texthyph.de.html"
check "$label: texthyph: a German run in English text is a lang=de span with German points" \
	grep -q '<span lang="de" class="script-Latn">Stim­men des Wi­der­stands</span>' "$th/texthyph.en.html"
check "$label: texthyph: the date in running text does not break (no-break spaces)" \
	grep -q "<time datetime=\"2023-07-01\">1.${th_nbsp}Juli${th_nbsp}2023</time> um 14${th_nbsp}Uhr" "$th/texthyph.de.html"

# ---- in the browser (release only) -------------------------------------------------------
# Every line of every display element and of the body, measured character by character:
# a line ends in a hyphen when its last visible character is "-" or a soft hyphen drawn
# (a soft hyphen has a width only where the browser broke the line at it).
texthyph_js='(() => {
  const lines = el => {
    const out = [], r = document.createRange();
    const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let top = null, last = null;
    for (let n; (n = walk.nextNode());) {
      for (let i = 0; i < n.length; i++) {
        r.setStart(n, i); r.setEnd(n, i + 1);
        const rect = [...r.getClientRects()][0];
        if (!rect) continue;
        const ch = n.data[i];
        if (top === null || rect.top > top + rect.height / 2) {
          if (last !== null) out.push(last);
          top = rect.top; last = null;
        }
        if (/\s/.test(ch) || (ch === "\u00ad" && rect.width === 0)) continue;
        last = ch;
      }
    }
    if (last !== null) out.push(last);
    return out;
  };
  const hyphen = c => c === "-" || c === "\u00ad" || c === "\u2010";
  const sel = "h1, h2, .subtitle, .issuer, .demands, address, .signature, .venue, .when";
  const display = [...document.querySelectorAll(sel)].map(e => {
    const ends = lines(e);
    return {what: e.tagName + "." + e.className, lines: ends.length,
            hyphens: getComputedStyle(e).hyphens, hyphenated: ends.filter(hyphen).length};
  });
  const body = [...document.querySelectorAll("main p, p.cell, .row p")].map(e => {
    const ends = lines(e);
    return {lines: ends.length, hyphens: getComputedStyle(e).hyphens, hyphenated: ends.filter(hyphen).length};
  });
  return {display, body};
})()'

if [ "$label" = release ]; then
	if ! declare -F cdp_start >/dev/null; then
		# The DevTools client of html.sh (when this suite runs alone, SUITE=texthyph).
		eval "$(sed -n '/^cdp_start() {/,/^}/p; /^cdp() {/,/^}/p; /^cdp_eval() {/,/^}/p;
			/^cdp_open() {/,/^}/p; /^cdp_close() {/,/^}/p; /^cdp_stop() {/,/^}/p' tests/suites/html.sh)"
	fi
	mkdir -p "$th/fonts" && cp fonts/*.ttf "$th/fonts/"
	th_abs=$(cd "$th" && pwd)
	cdp_start
	for page in texthyph.de.html texthyph.en.html texthyph.html; do
		if cdp_open "$th_abs/$page" 320 && cdp_eval "$texthyph_js"; then
			echo "$CDP_VALUE" >"$th/$page.json"
			check "$label: texthyph: $page at 320 px: display text wraps (more lines than elements) and no display line ends in a hyphen" \
				jq -e '(.display | length) >= 4 and ([.display[].lines] | add) > (.display | length)
					and all(.display[]; .hyphenated == 0 and .hyphens == "none")' "$th/$page.json"
			check "$label: texthyph: $page at 320 px: the running text is hyphens: manual and does break at its soft hyphens" \
				sh -c "jq -e '(.body | length) > 0 and all(.body[]; .hyphens == \"manual\") and ([.body[].hyphenated] | add) > 0' '$th/$page.json' ||
					jq -c . '$th/$page.json'"
		else
			not_ok "$label: texthyph: chromium measures $page"
		fi
		cdp_close
	done
	cdp_stop
fi
