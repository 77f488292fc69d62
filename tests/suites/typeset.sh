# shellcheck shell=bash
# Typesetting: display and machine text is never hyphenated, running text is (issue 12).
# Sourced by tests/run with $bin, $label, $tmp and the helpers.

ts=$tmp/typeset
mkdir -p "$ts"
hyphen_end=$'(-|\u2010|\u00ad)$'
# The glyphs of pages FIRST to LAST of PDF as MuPDF 1.21 reads them: line by line, with the
# hyphens drawn (it does not read /ActualText; poppler does, and copies a hyphenated word
# out whole, without its hyphen: tests/suites/copypaste.sh).
ts_glyphs() { # ts_glyphs PDF FIRST LAST
	mutool draw -q -F txt -o - "$1" "$2-$3" 2>/dev/null | grep .
}

# The title of tests/para/edges.xml is one word longer than an A6 line: it is broken
# between letters, with no hyphen (a hyphen would read as part of the word).
for lang in en de; do
	run tsedge$lang pdf --lang "$lang" --paper a6 --qr --allow-missing -o "$ts/edges-$lang.pdf" \
		tests/para/edges.xml
	ts_glyphs "$ts/edges-$lang.pdf" 1 1 | head -2 >"$ts/title-$lang.txt"
	case $lang in
	en) title=Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungsanstalt ;;
	de) title=Rechtsschutzversicherungsgesellschaftenvertreterversammlung ;;
	esac
	check "$label: the $lang title, longer than a line, breaks with no hyphen" \
		sh -c "test \"\$(tr -d '\\n' <'$ts/title-$lang.txt')\" = $title &&
		       ! grep -Eq '$hyphen_end' '$ts/title-$lang.txt'"
done

# The URL under the QR code is broken between characters, with no hyphen, and stays on the
# page: all of it can be read back.
# (the caption: the lines between the last paragraph's and the footer's)
ts_glyphs "$ts/edges-en.pdf" 2 2 | sed -n '/now\.$/,/^info@/p' | sed '1d;$d' >"$ts/caption.txt"
check "$label: the URL under the QR code has no hyphen where it breaks" \
	sh -c "test -s '$ts/caption.txt' && ! grep -Eq '$hyphen_end' '$ts/caption.txt'"
check "$label: … and reads back whole, within the page" \
	sh -c "tr -d '\\n' <'$ts/caption.txt' |
	       grep -q 'https://example.org/a/very/long/path/that/does/not/break/anywhere/at/all/because/it/is/one/word'"

# Titles, subtitles and headings of the sample in German on A6: no line of them ends in a
# hyphen, while the running text still is hyphenated.
run tsde pdf --lang de --paper a6 --pages 4 -o "$ts/de.pdf" xml/appeal-free-them.xml
ts_glyphs "$ts/de.pdf" 1 N >"$ts/de.txt"
check "$label: the German A6 leaflet's title, subtitle and headings are not hyphenated" \
	sh -c "! grep -Eq '^(Lasst|Weltweite|Namen|Unsere|Fordert)[^.]*$hyphen_end' '$ts/de.txt' &&
	       ! grep -Eq '^(Solidarität|politischen)[^.]*$hyphen_end' '$ts/de.txt'"
check "$label: … while its running text is (lines ending in a hyphenation point)" \
	sh -c "test \$(grep -Ec '$hyphen_end' '$ts/de.txt') -ge 5"

# Without --bleed the title band stays inside the sheet's edges, where an office printer
# reaches (a white rim half a margin wide); with it, it runs to the edge and past (press.sh).
run tsband pdf -o "$ts/band.pdf" xml/appeal-free-them.xml
ts_pixel() { # ts_pixel PDF X Y: the grey value (0-255) at point (X, Y) of page 1, 72 dpi
	pdftoppm -r 72 -gray -f 1 -l 1 -x "$2" -y "$3" -W 1 -H 1 "$1" "$ts/px" 2>/dev/null
	tail -c 1 "$ts/px-1.pgm" | od -An -tu1 | tr -d ' '
}
check "$label: without --bleed the title band leaves the sheet's edge white" \
	sh -c "test $(ts_pixel "$ts/band.pdf" 4 4) -ge 250 && test $(ts_pixel "$ts/band.pdf" 590 4) -ge 250"
check "$label: … and is there within it" test "$(ts_pixel "$ts/band.pdf" 100 30)" -lt 250

# Print-ready colour: text, rules and tints are DeviceGray (one ink: black), not RGB greys,
# which a print shop separates into four inks; the links' blue stays a colour.
qpdf --qdf --object-streams=disable "$ts/band.pdf" "$ts/band-qdf.pdf" 2>/dev/null
python3 - "$ts/band-qdf.pdf" >"$ts/colours.txt" <<'PY'
import re, sys
data = open(sys.argv[1], "rb").read().decode("latin-1")
for nums, op in re.findall(r"((?:-?[0-9.]+\s+){1,3})(rg|RG|g|G)\b", data):
    n = nums.split()
    if op in ("g", "G") and len(n) >= 1:
        print("grey", n[-1])
    elif len(n) == 3:
        print("rgb-grey" if n[0] == n[1] == n[2] else "rgb", " ".join(n))
PY
check "$label: text is set in one ink, DeviceGray black (0 g)" grep -q '^grey 0$' "$ts/colours.txt"
check "$label: … and no grey is left as RGB (the links' blue may be)" \
	sh -c "grep -q '^rgb ' '$ts/colours.txt' && ! grep -q '^rgb-grey' '$ts/colours.txt'"

# Headlines are balanced: the subtitle that took two lines on A6 ("… Iran's political" /
# "prisoners") takes two of similar length, no word alone.
run tsbal pdf --lang en --paper a6 --pages 9 -o "$ts/balance.pdf" xml/appeal-free-them.xml
pdftotext "$ts/balance.pdf" - 2>/dev/null | sed -n '2,3p' >"$ts/subtitle.txt"
check "$label: a subtitle of two lines is balanced: no word alone, lengths within 1.5x" \
	awk '{ n[NR] = length($0); w[NR] = NF }
	     END { exit !(NR == 2 && w[1] > 1 && w[2] > 1 && n[1] <= 1.5 * n[2] && n[2] <= 1.5 * n[1]) }' \
	"$ts/subtitle.txt"

# A headline is balanced at the narrowest width that keeps its lines, but never so narrow
# that a word is broken between its letters (`Sonderberichterstatteri` / `n`): every line
# of every title, subtitle, heading and subject begins and ends with a whole word.  (A
# word wider than its column even at the body size, as a 30-letter German compound in a
# demand three columns across, is still broken between letters.)
for doc in xml/*.xml; do
	"$bin" dump --layout=parallel --paper a4 "$doc" >"$ts/heads.trace" 2>/dev/null
	"$bin" dump --no-hyphens "$doc" >"$ts/heads.dump" 2>/dev/null
	check "$label: $(basename "$doc"): no headline line broken inside a word" \
		python3 - "$ts/heads.trace" "$ts/heads.dump" <<'PY'
import re, sys
trace, dump = (open(f).read() for f in sys.argv[1:])
clean = lambda s: re.sub(r'⟨[^⟩]*⟩', ' ', s).replace('‧', '').replace('⍽', ' ').replace('˽', ' ')
words = set(re.findall(r'\w+', clean(dump)))
bad = []
for line in trace.splitlines():
    m = re.match(r'\s+\S+\s+\S+\s+(title|subtitle|heading|subject)\s.*?g\d+\s+(.*)$', line)
    if not m:
        continue
    tokens = re.findall(r'\w+', clean(m.group(2)))
    if tokens and (tokens[0] not in words or tokens[-1] not in words):
        bad.append(m.group(2))
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
done
