# shellcheck shell=bash
# URLs and e-mail addresses in running text (issue 16): one rule (uri_token_address) says
# what an address is, layout breaks one only after a slash, with the sentence's brackets
# and punctuation kept on its lines, resolve never hyphenates it, and the words around it,
# slash compounds too, are hyphenated.  tests/url16/sentence-urls.xml on A6, one language.
# Sourced by tests/run with $bin, $label, $tmp and the helpers.

uu=$tmp/url16
mkdir -p "$uu"
uu_doc=tests/url16/sentence-urls.xml
uu_hyphen=$'(-|\u2010|\u00ad)$'
# The glyphs of PDF line by line, as drawn (MuPDF does not read /ActualText).
uu_glyphs() { # uu_glyphs PDF
	mutool draw -q -F txt -o - "$1" 1-N 2>/dev/null | grep .
}
# The lines of FILE from the one holding FIRST to the one holding LAST: every one but the
# last must end in a slash, and together they must hold WHOLE.
uu_broken_after_slashes() { # uu_broken_after_slashes FILE FIRST LAST WHOLE
	sed -n "\\|$2|,\\|$3|p" "$1" >"$uu/piece.txt"
	tr -d '\n' <"$uu/piece.txt" | grep -qF "$4" &&
		! sed '$d' "$uu/piece.txt" | grep -qv '/$'
}

for lang in en de; do
	run uu$lang pdf --lang "$lang" --paper a6 -o "$uu/$lang.pdf" "$uu_doc"
	uu_glyphs "$uu/$lang.pdf" >"$uu/$lang.txt"
	check "$label: url16: the $lang leaflet is written" test "$(cat "$tmp/uu$lang.rc")" = 0
	check "$label: url16: in $lang no line ends in \"(\" or starts with sentence punctuation" \
		sh -c "test -s '$uu/$lang.txt' && ! grep -Eq '\\(\$|^[.,;:)]' '$uu/$lang.txt'"
done

check "$label: url16: the long URL at a sentence end breaks only after a slash, its full stop kept" \
	uu_broken_after_slashes "$uu/en.txt" 'https://' 'everywhere\.' \
	'https://example.org/free-them-all/human-rights-defenders-and-their-families-everywhere.'
check "$label: url16: … in German too" \
	uu_broken_after_slashes "$uu/de.txt" 'https://' 'verteidiger\.' \
	'https://example.org/free-them-all/menschenrechtsverteidigerinnen-und-verteidiger.'
check "$label: url16: … and poppler reads it back whole" \
	sh -c "pdftotext '$uu/en.pdf' - | tr -d '\\n' |
	       grep -qF 'https://example.org/free-them-all/human-rights-defenders-and-their-families-everywhere.'"
# A domain without a slash, in brackets: not broken at its hyphens ("(www.human-rights-"),
# brackets and comma on its line.
check "$label: url16: a www. address in brackets stays whole, with its brackets and comma" \
	grep -qF '(www.human-rights-defenders-everywhere.example.org),' "$uu/en.txt"
check "$label: url16: an e-mail address with hyphens stays whole" \
	grep -qF 'solidarity-with-the-families@example.org,' "$uu/en.txt"

# Resolve: no hyphenation point in an address; the long German words around it, and the
# words of a slash compound, have theirs; "3.5" or "z.B." are no addresses there either.
run uudump dump "$uu_doc"
check "$label: url16: no address is hyphenated (dump)" \
	sh -c "grep -qF 'https://example.org/free-them-all/menschenrechtsverteidigerinnen-und-verteidiger.' '$tmp/uudump.out' &&
	       grep -qF '(www.menschenrechte-ueberall.example.org),' '$tmp/uudump.out' &&
	       grep -qF 'solidaritaet-mit-den-familien@example.org,' '$tmp/uudump.out'"
check "$label: url16: … while the long German word next to them is" \
	grep -qF 'Men‧schen‧rechts‧ver‧tei‧di‧ge‧rin‧nen‧ver‧samm‧lung' "$tmp/uudump.out"
check "$label: url16: … and so are both words of a slash compound, never next to the slash" \
	grep -qF 'Men‧schen‧rechts‧ver‧tei‧di‧ge‧rin‧nen/Men‧schen‧rechts‧ver‧tei‧di‧ger.' "$tmp/uudump.out"
check "$label: url16: the German leaflet has lines ending in a hyphenation point" \
	sh -c "test \$(grep -Ec '$uu_hyphen' '$uu/de.txt') -ge 1"

# Lint leaves the addresses to no language's rules: no de-dash for their hyphens.
run uulint lint --strict "$uu_doc"
check "$label: url16: lint --strict finds nothing in the addresses" \
	sh -c "test \$(cat '$tmp/uulint.rc') = 0 && ! test -s '$tmp/uulint.err'"

# Machine text is not hyphenated either, though it is no address: a hashtag, and markup
# typed as text (tests/html/script-in-text.xml).
check "$label: url16: a hashtag is not hyphenated" \
	grep -qF '#Menschenrechtsverteidigerinnen.' "$tmp/uudump.out"
run uucode dump tests/html/script-in-text.xml
check "$label: url16: nor is markup typed as text" \
	sh -c "grep -qF '<b onmouseover=\"alert(3)\">' '$tmp/uucode.out' &&
	       grep -qF '</blockquote><script>alert(7)</script>' '$tmp/uucode.out' &&
	       grep -qF 'Be‧fore' '$tmp/uucode.out'"
