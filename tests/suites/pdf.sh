# PDF leaflets (sourced by tests/run: $bin, $label, $tmp, ok, not_ok, check, run).
# Real readers check them: poppler's pdfinfo, pdffonts, pdftotext.
export SOURCE_DATE_EPOCH=1686000000
pdfdir=$tmp/pdf
rm -rf "$pdfdir" && mkdir -p "$pdfdir"

# pdf_ok NAME PDF PAGES_MIN PAGES_MAX SIZE: page count and size, fonts only from fonts/.
pdf_ok() {
	local name=$1 pdf=$2 min=$3 max=$4 size=$5 pages
	pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
	check "$label: $name has $min–$max pages (it has ${pages:-none})" \
		test "${pages:-0}" -ge "$min" -a "${pages:-0}" -le "$max"
	check "$label: $name pages are $size" sh -c "pdfinfo '$pdf' | grep -q '^Page size: *$size'"
	check "$label: $name embeds every font, all from fonts/" sh -c "
		pdffonts '$pdf' | tail -n +3 > '$pdfdir/fonts.txt' && test -s '$pdfdir/fonts.txt' &&
		! awk '\$(NF-4) != \"yes\"' '$pdfdir/fonts.txt' | grep -q . &&
		! grep -v -E '^[A-Z]{6}\+(Roboto|Vazirmatn)-' '$pdfdir/fonts.txt' | grep -q ."
}

if [ "$label" = release ]; then
	for doc in xml/*.xml; do
		name=$(basename "$doc" .xml)
		size="595.28 x 841.89" # A4, unless the document's <print> asks for US letter
		grep -q '<print [^>]*paper="letter"' "$doc" && size="612 x 792"
		grep -q '<print [^>]*paper="a5"' "$doc" && size="419.53 x 595.28"
		for layout in parallel stacked; do
			out=$pdfdir/$name.$layout.pdf
			psize=$size
			run pdf pdf --layout "$layout" --pages 8 -o "$out" "$doc"
			if [ "$layout" = parallel ] && [ "$size" = "419.53 x 595.28" ] &&
				grep -q '\[layout-columns\]' "$tmp/pdf.err"; then
				# Four languages side by side on A5 leave columns too narrow to read:
				# refused, with what to do instead; the leaflet is checked across.
				check "$label: pdf --layout parallel $doc on A5 is refused: columns too narrow" \
					sh -c "test \"\$(cat '$tmp/pdf.rc')\" = 1 && test ! -e '$out' &&
					       grep -q 'too narrow to read; use --layout stacked, --orientation landscape' '$tmp/pdf.err'"
				run pdf pdf --layout "$layout" --orientation landscape --pages 8 -o "$out" "$doc"
				psize="595.28 x 419.53"
			fi
			check "$label: pdf --layout $layout $doc exits 0 silently" \
				test "$(cat "$tmp/pdf.rc")" = 0 -a ! -s "$tmp/pdf.err"
			pdf_ok "$name ($layout)" "$out" 1 8 "$psize"
			rm -f "$pdfdir/text.txt"
			pdftotext "$out" "$pdfdir/text.txt" 2>/dev/null
			# (single words: in narrow columns two words may stand on two lines)
			check "$label: $name ($layout) has English text" grep -q -E 'prisoners|Rapporteur' "$pdfdir/text.txt"
			check "$label: $name ($layout) has German text" grep -q -E 'Gefangene' "$pdfdir/text.txt"
			check "$label: $name ($layout) has Farsi text" grep -q 'زندانیان' "$pdfdir/text.txt"
		done
	done
	# The ICU dates, in the Persian calendar with Persian digits, and the German range.
	text=$pdfdir/appeal-free-them.parallel.pdf
	# (without the direction marks: poppler wraps right-to-left pieces in embeddings, and a
	# number or comma in Farsi copies out with a right-to-left mark, see para.c)
	pdftotext "$text" - | LC_ALL=C sed 's/\xe2\x80[\x8e\x8f\xaa-\xae]//g' >"$pdfdir/appeal.txt"
	check "$label: the Farsi date range is in the PDF" grep -q 'خرداد تا' "$pdfdir/appeal.txt"
	check "$label: … with Persian digits (۲۷ … ۱۴۰۲)" sh -c "grep -q '۲۷' '$pdfdir/appeal.txt' && grep -q '۱۴۰۲' '$pdfdir/appeal.txt'"
	check "$label: the German range 17.–22. Juni 2023 is in the PDF" grep -q '17\.–22\. Juni 2023' "$pdfdir/appeal.txt"
	check "$label: links of <a> and the contact are annotations" sh -c "
		pdfinfo -url '$text' > '$pdfdir/urls.txt' &&
		grep -q 'https://example.org/free-them-all/events' '$pdfdir/urls.txt' &&
		grep -q 'mailto:isc@example.org' '$pdfdir/urls.txt'"
	check "$label: metadata: title, author from the issuer, language, creator" sh -c "
		pdfinfo '$text' > '$pdfdir/info.txt' &&
		grep -q '^Title: *Free Them All!' '$pdfdir/info.txt' &&
		grep -q '^Author: *International Solidarity Committee' '$pdfdir/info.txt' &&
		grep -q '^Creator: *broadside ' '$pdfdir/info.txt' &&
		grep -q '^CreationDate: .*2023' '$pdfdir/info.txt' &&
		qpdf --show-object=trailer '$text' >/dev/null &&
		qpdf --qdf --object-streams=disable '$text' - | grep -a -q '/Lang (en)'"
	check "$label: headings are bookmarks" sh -c "qpdf --qdf --object-streams=disable '$text' - | grep -a -q '/Outlines'"

	# Single-language leaflets: a Farsi one is mirrored and reads right to left.
	run single pdf --layout single -o "$pdfdir" xml/appeal-free-them.xml
	for l in en fa de; do
		pdf_ok "the $l leaflet" "$pdfdir/free-them-all-2023.$l.pdf" 1 4 "595.28 x 841.89"
	done
	check "$label: the Farsi leaflet says it reads right to left, in Farsi" sh -c "
		qpdf --qdf --object-streams=disable '$pdfdir/free-them-all-2023.fa.pdf' - > '$pdfdir/fa.qdf' &&
		grep -a -q '/Direction /R2L' '$pdfdir/fa.qdf' && grep -a -q '/Lang (fa)' '$pdfdir/fa.qdf'"
	check "$label: the Farsi leaflet numbers its pages in Persian digits" sh -c "
		pdftotext '$pdfdir/free-them-all-2023.fa.pdf' - | LC_ALL=C sed 's/\xe2\x80[\x8e\x8f\xaa-\xae]//g' |
		grep -q '۱ */ *۲\|۲ */ *۱'"
	run a5 pdf --paper a5 --orientation landscape --pages 12 -o "$pdfdir/a5.pdf" xml/appeal-free-them.xml
	pdf_ok "an A5 landscape leaflet" "$pdfdir/a5.pdf" 2 12 "595.28 x 419.53"

	# Copy and paste, per language and reader: tests/suites/copypaste.sh.

	# Same input and SOURCE_DATE_EPOCH: the same bytes, whatever locale, zone or folder.
	mkdir -p "$pdfdir/elsewhere"
	cp xml/appeal-free-them.xml "$pdfdir/elsewhere/"
	abs=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
	LC_ALL=C TZ=UTC "$bin" pdf -o "$pdfdir/r1.pdf" xml/appeal-free-them.xml 2>/dev/null
	(cd "$pdfdir/elsewhere" && LC_ALL=de_DE.UTF-8 TZ=Asia/Tehran "$abs" pdf -o r2.pdf appeal-free-them.xml 2>/dev/null)
	check "$label: two renders are byte-identical (locale, time zone, folder changed)" \
		cmp "$pdfdir/r1.pdf" "$pdfdir/elsewhere/r2.pdf"
fi

# Refusals write nothing (both builds: the sanitizer run covers the error paths).
run glyph pdf -o "$pdfdir/glyph.pdf" tests/pdf/missing-glyph.xml
check "$label: a character no font has is refused, naming unit, language and code point" \
	sh -c "test \"\$(cat '$tmp/glyph.rc')\" = 1 &&
	grep -q 'unit \"greeting\" (en): no font in fonts/ has U+4EBA .*\[missing-glyph\]' '$tmp/glyph.err'"
check "$label: … and nothing is written" test ! -e "$pdfdir/glyph.pdf"
run missing pdf -o "$pdfdir/missing.pdf" tests/warn/01-missing-translation.xml
check "$label: a missing translation is refused and named" \
	sh -c "test \"\$(cat '$tmp/missing.rc')\" = 1 && grep -q 'has no de translation.*--allow-missing' '$tmp/missing.err' && test ! -e '$pdfdir/missing.pdf'"
run allowed pdf --allow-missing -o "$pdfdir/allowed.pdf" tests/warn/01-missing-translation.xml
check "$label: --allow-missing renders it, the cell marked" \
	sh -c "test \"\$(cat '$tmp/allowed.rc')\" = 0 && pdftotext '$pdfdir/allowed.pdf' - | grep -q 'de: missing'"
run links pdf -o "$pdfdir/links.pdf" tests/pdf/parens-in-links.xml
check "$label: URLs with ( ) \\ and quotes survive, percent-encoded" sh -c "
	pdfinfo -url '$pdfdir/links.pdf' | grep -q -F \"https://example.org/wiki/Evin_%28prison%29?q=%22x%22&y='z'%5Cw\" &&
	pdfinfo -url '$pdfdir/links.pdf' | grep -q -F 'https://example.org/a_%28b%29'"
run badlayout pdf --layout diagonal xml/appeal-free-them.xml
check "$label: an unknown --layout is a usage error (2)" test "$(cat "$tmp/badlayout.rc")" = 2
run badpaper pdf --paper b5 xml/appeal-free-them.xml
check "$label: an unknown --paper is a usage error (2)" test "$(cat "$tmp/badpaper.rc")" = 2
run nine pdf -o "$pdfdir/nine.pdf" tests/pdf/nine-languages.xml
check "$label: nine languages side by side are refused [layout-columns] (never a language silently left out), nothing written" \
	sh -c "test \"\$(cat '$tmp/nine.rc')\" = 1 && grep -q 'at most 8 side by side.*\[layout-columns\]' '$tmp/nine.err' && test ! -e '$pdfdir/nine.pdf'"
run ninest pdf --layout stacked -o "$pdfdir/nine-stacked.pdf" tests/pdf/nine-languages.xml
check "$label: … and stacked, every one of the nine is printed" \
	sh -c "test \"\$(cat '$tmp/ninest.rc')\" = 0 && test \$(pdftotext '$pdfdir/nine-stacked.pdf' - | grep -oE 'Text [a-z]{2}' | sort -u | wc -l) = 9"
unset SOURCE_DATE_EPOCH
