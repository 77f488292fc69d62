# Tagged PDF (issue 13): the structure tree a screen reader reads, checked with poppler
# (pdfinfo, pdfinfo -struct-text) and with qpdf through tests/tools/pdfstruct, which also
# checks the tree against the pages' marked content (sourced by tests/run: $bin, $label,
# $tmp, ok, not_ok, check, run).
pdfstruct=tests/tools/pdfstruct
tagdir=$tmp/tagged
rm -rf "$tagdir" && mkdir -p "$tagdir"
export SOURCE_DATE_EPOCH=1686000000

# tagged_ok NAME PDF: poppler says it is tagged, and the tree passes pdfstruct --check.
tagged_ok() {
	check "$label: tagged: $1: pdfinfo says Tagged: yes" \
		sh -c "pdfinfo '$2' | grep -q '^Tagged: *yes'"
	"$pdfstruct" --check "$2" >"$2.struct" 2>&1
	check "$label: tagged: $1: the tree holds every marked content, each element has its language, figures their text, links their element" \
		test $? = 0
	grep 'breach' "$2.struct" | head -5 | sed 's/^/#   /'
}

# The parallel letter from Farsi: one section per language, the source's first.
"$bin" pdf -o "$tagdir/letter.pdf" xml/letter-to-commissioner.xml >/dev/null 2>&1
tagged_ok "the parallel letter" "$tagdir/letter.pdf"
check "$label: tagged: the letter's Document and catalog are in Farsi, its source language" \
	sh -c "grep -q '^Lang fa, Marked True, DisplayDocTitle True' '$tagdir/letter.pdf.struct' &&
	grep -q '^Document lang=fa' '$tagdir/letter.pdf.struct'"
check "$label: tagged: the letter has a section in each of fa, en, de, in that order" \
	test "$(sed -n 's/^  Sect lang=\([a-z]*\).*/\1/p' "$tagdir/letter.pdf.struct" | tr '\n' ' ')" = "fa en de "
check "$label: tagged: the Farsi column's paragraphs carry /Lang (fa)" \
	sh -c "test \$(sed -n '/^  Sect lang=fa/,/^  Sect/p' '$tagdir/letter.pdf.struct' | grep -c '^    P lang=fa') -gt 5"
pdfinfo -struct-text "$tagdir/letter.pdf" >"$tagdir/letter.tree" 2>&1
check "$label: tagged: pdfinfo -struct-text shows the subject in each language as a heading" \
	sh -c "grep -A1 '^    H2' '$tagdir/letter.tree' | grep -q 'Offener Brief an die' &&
	grep -A1 '^    H2' '$tagdir/letter.tree' | grep -q 'Open letter to the' &&
	grep -A1 '^    H2' '$tagdir/letter.tree' | grep -q 'نامه‌ی سرگشاده'"
check "$label: tagged: … and the demands as a list (L, LI)" \
	sh -c "grep -q '^    L (block)' '$tagdir/letter.tree' && grep -q '^      LI (block)' '$tagdir/letter.tree'"

# The appeal: a title, headings, lists, quotes, links, a QR code, pages numbered.
"$bin" pdf -o "$tagdir/appeal.pdf" xml/appeal-free-them.xml >/dev/null 2>&1
tagged_ok "the parallel appeal" "$tagdir/appeal.pdf"
pdfinfo -struct-text "$tagdir/appeal.pdf" >"$tagdir/appeal.tree" 2>&1
for role in H1 H2 P L LI BlockQuote Link Figure; do
	check "$label: tagged: the appeal's tree has $role elements" \
		grep -q "^ *$role\( (\|:\|$\)" "$tagdir/appeal.tree"
done
check "$label: tagged: the title is the H1 in English and in Farsi" \
	sh -c "grep -A1 '^    H1' '$tagdir/appeal.tree' | grep -q 'Free Them All!' &&
	test \$(grep -c '^    H1' '$tagdir/appeal.tree') = 3"
check "$label: tagged: the QR code is a figure that says where it leads" \
	grep -q 'Figure lang=en .* alt="QR code: https://example.org/free-them-all" bbox=\[' "$tagdir/appeal.pdf.struct"
check "$label: tagged: a paragraph continued on the next page is one element" \
	grep -q '^    P lang=.* mc=2 ' "$tagdir/appeal.pdf.struct"
check "$label: tagged: the links are inside their paragraphs" \
	grep -q '^      Link lang=en mc=1 obj=1' "$tagdir/appeal.pdf.struct"
pdftotext -f 1 -l 1 "$tagdir/appeal.pdf" - | LC_ALL=C sed 's/\xe2\x80[\x8e\x8f\xaa-\xae]//g' >"$tagdir/page1.txt"
check "$label: tagged: page numbers, footers and language labels are artifacts: on the page, not in the tree" \
	sh -c "grep -q '^1 */ *4' '$tagdir/page1.txt' && ! grep -q '\"1 */ *4' '$tagdir/appeal.tree' &&
	grep -q 'artifacts: [1-9]' '$tagdir/appeal.pdf.struct'"

# An imposed sheet is for the print shop: untagged, and whole.
"$bin" pdf --layout single --lang de --paper a5 --nup 2 -o "$tagdir/nup.pdf" xml/appeal-free-them.xml >/dev/null 2>&1
check "$label: tagged: an imposed sheet is written whole (qpdf --check), untagged" \
	sh -c "qpdf --check '$tagdir/nup.pdf' >/dev/null 2>&1 && pdfinfo '$tagdir/nup.pdf' | grep -q '^Tagged: *no'"

if [ "$label" = release ]; then
	# Every sample in every layout.
	for doc in xml/*.xml; do
		name=$(basename "$doc" .xml)
		langs=$(sed -n 's/.*<[a-z]* [^>]*langs="\([^"]*\)".*/\1/p' "$doc" | head -1)
		for variant in parallel stacked $langs; do
			case $variant in
			parallel | stacked) args="--layout $variant" ;;
			*) args="--layout single --lang $variant" ;;
			esac
			pdf=$tagdir/$name.$variant.pdf
			# shellcheck disable=SC2086
			"$bin" pdf $args -o "$pdf" "$doc" >"$tagdir/err" 2>&1 || continue # refused: too narrow
			tagged_ok "$name $variant" "$pdf"
			if [ "${variant#parallel}" != "$variant" ] || [ "$variant" = stacked ]; then
				check "$label: tagged: $name $variant has a section for each of its languages" \
					test "$(grep -c '^  Sect lang=' "$pdf.struct")" = "$(echo $langs | wc -w)"
			fi
		done
	done
fi
