# Print production (sourced by tests/run): fit to N pages, bleed and crop marks, n-up
# imposition, QR codes — read back with poppler, qpdf and zbar.
export SOURCE_DATE_EPOCH=1686000000
press=$tmp/press
rm -rf "$press" && mkdir -p "$press"
pages_of() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ {print $2}'; }

if [ "$label" = release ]; then
	doc=tests/pdf/three-pages.xml
	run full pdf --paper a6 -o "$press/full.pdf" "$doc"
	check "$label: the test appeal needs 3 A6 pages at full size" test "$(pages_of "$press/full.pdf")" = 3
	run fit2 pdf --paper a6 --pages 2 -o "$press/fit2.pdf" "$doc"
	check "$label: --pages 2 fits it onto 2 pages" test "$(pages_of "$press/fit2.pdf")" = 2
	check "$label: … and reports the size it chose" \
		grep -q -E '^.*fit2.pdf: 2 pages, body [0-9.]+ pt$' "$tmp/fit2.out"
	size=$(sed -n 's/.*body \([0-9.]*\) pt/\1/p' "$tmp/fit2.out")
	check "$label: … shrinking the type, but not below 8.5 pt (${size:-?} pt)" \
		awk -v s="${size:-0}" 'BEGIN { exit !(s >= 8.5 && s < 10) }'
	check "$label: … and every word is still there" sh -c "
		pdftotext '$press/fit2.pdf' - | tr -d '\\n\\302\\255-' | grep -q 'thankyouforeverythingyouwilldo' ||
		pdftotext '$press/fit2.pdf' - | tr '\\n' ' ' | grep -q 'thank you for everything you will do'"
	run fit1 pdf --paper a6 --pages 1 -o "$press/fit1.pdf" "$doc"
	check "$label: --pages 1 fails cleanly, saying how many pages it needs at the minimum" \
		sh -c "test \"\$(cat '$tmp/fit1.rc')\" = 1 && test ! -e '$press/fit1.pdf' &&
		grep -q 'does not fit on 1 page: at the smallest body size, 8.5 pt, it needs 2 .*give --pages 2.*\[fit\]' '$tmp/fit1.err'"
	run fitmin pdf --paper a6 --pages 1 --min-size 4 -o "$press/fitmin.pdf" "$doc"
	check "$label: --min-size lowers that floor" test "$(pages_of "$press/fitmin.pdf")" = 1

	# Bleed and crop marks: the boxes a print house reads.
	run bleed pdf --bleed 3mm --marks -o "$press/bleed.pdf" xml/appeal-free-them.xml
	pdfinfo -box -f 1 -l 2 "$press/bleed.pdf" > "$press/boxes.txt"
	check "$label: --bleed 3mm --marks: TrimBox is the A4 page inside the marks" sh -c "
		grep -q -E 'Page +1 TrimBox: +28\.50 +28\.50 +623\.78 +870\.39' '$press/boxes.txt' &&
		grep -q -E 'Page +2 TrimBox: +28\.50 +28\.50 +623\.78 +870\.39' '$press/boxes.txt'"
	check "$label: … BleedBox is 3 mm (8.50 pt) outside it on every side" \
		grep -q -E 'Page +1 BleedBox: +20\.00 +20\.00 +632\.29 +878\.90' "$press/boxes.txt"
	check "$label: … MediaBox leaves room for the marks" \
		grep -q -E 'Page +1 MediaBox: +0\.00 +0\.00 +652\.29 +898\.90' "$press/boxes.txt"
	# The title band touches the top edge: its ink must reach into the bleed, while the
	# corner beyond the bleed (where the marks are not) stays white.
	pdftoppm -r 72 -gray -f 1 -l 1 -x 312 -y 21 -W 1 -H 1 "$press/bleed.pdf" "$press/px" 2>/dev/null
	check "$label: … the title band runs into the bleed" \
		sh -c "test \"\$(tail -c 1 '$press/px-1.pgm' | od -An -tu1 | tr -d ' ')\" -lt 250"
	pdftoppm -r 72 -gray -f 1 -l 1 -x 312 -y 10 -W 1 -H 1 "$press/bleed.pdf" "$press/py" 2>/dev/null
	check "$label: … and stops at its edge" \
		sh -c "test \"\$(tail -c 1 '$press/py-1.pgm' | od -An -tu1 | tr -d ' ')\" -ge 250"
	run nobleed pdf -o "$press/plain.pdf" xml/appeal-free-them.xml
	check "$label: without --bleed, TrimBox is the page and there is no BleedBox" sh -c "
		pdfinfo -box -f 1 -l 1 '$press/plain.pdf' | grep -q -E 'TrimBox: +0\.00 +0\.00 +595\.28 +841\.89' &&
		! qpdf --qdf --object-streams=disable '$press/plain.pdf' - | grep -a -q '/BleedBox'"

	# Imposition: A5 2-up on A4, A6 4-up on A4, copies of one page (the German leaflet:
	# three languages side by side are refused on A5 as too narrow).
	run nup2 pdf --paper a5 --lang de --pages 4 --nup 2 -o "$press/nup2.pdf" xml/appeal-free-them.xml
	leaflet_pages=$(sed -n 's/.*: \([0-9]*\) pages\{0,1\}, body.*/\1/p' "$tmp/nup2.out")
	check "$label: --nup 2: A5 pages on landscape A4 sheets" \
		sh -c "pdfinfo '$press/nup2.pdf' | grep -q '^Page size: *841.89 x 595.28'"
	check "$label: … two leaflet pages a sheet (${leaflet_pages:-?} pages → $(pages_of "$press/nup2.pdf") sheets)" \
		test "$(pages_of "$press/nup2.pdf")" = "$(( (${leaflet_pages:-0} + 1) / 2 ))"
	check "$label: … text still text, fonts embedded" sh -c "
		pdftotext '$press/nup2.pdf' - | grep -q 'Lasst sie alle frei!' &&
		pdffonts '$press/nup2.pdf' | tail -n +3 | awk '{print \$(NF-4)}' | grep -qvx no"
	run nup4 pdf --paper a6 --lang de --pages 9 --nup 4 -o "$press/nup4.pdf" xml/appeal-free-them.xml
	n4=$(sed -n 's/.*: \([0-9]*\) pages\{0,1\}, body.*/\1/p' "$tmp/nup4.out")
	check "$label: --nup 4: A6 pages on portrait A4, four a sheet" sh -c "
		pdfinfo '$press/nup4.pdf' | grep -q '^Page size: *595.28 x 841.89' &&
		test \"$(pages_of "$press/nup4.pdf")\" = \"$(( (${n4:-0} + 3) / 4 ))\""
	run dup pdf --paper a5 --lang de --pages 4 --nup 2 --duplicate -o "$press/dup.pdf" xml/appeal-free-them.xml
	check "$label: --duplicate: one sheet per leaflet page, each with two copies" sh -c "
		test \"$(pages_of "$press/dup.pdf")\" = \"${leaflet_pages:-x}\" &&
		test \"\$(pdftotext -f 1 -l 1 '$press/dup.pdf' - | grep -c 'Lasst sie alle frei!')\" = 2"
	run nupbleed pdf --nup 2 --bleed 3mm xml/appeal-free-them.xml
	check "$label: --nup with --bleed is a usage error (2)" test "$(cat "$tmp/nupbleed.rc")" = 2

	# QR code: it decodes back to the contact URL from a printed-size rendering.
	run qr pdf --paper a6 --lang en --pages 9 --qr -o "$press/qr.pdf" xml/appeal-free-them.xml
	last=$(pages_of "$press/qr.pdf")
	pdftoppm -png -r 150 -f "${last:-1}" -l "${last:-1}" -singlefile "$press/qr.pdf" "$press/qr" 2>/dev/null
	check "$label: --qr: the code decodes to the contact URL (zbarimg)" \
		sh -c "zbarimg -q --raw '$press/qr.png' 2>/dev/null | grep -qx 'https://example.org/free-them-all'"
	check "$label: … drawn as vectors (no image in the PDF)" sh -c "! pdfimages -list '$press/qr.pdf' | tail -n +3 | grep -q ."
	check "$label: … with the URL in small text beneath" \
		sh -c "pdftotext -f ${last:-1} -l ${last:-1} '$press/qr.pdf' - | grep -q 'https://example.org/free-them-all'"
fi
run qrnourl pdf --qr -o "$press/noqr.pdf" tests/pdf/missing-glyph.xml
check "$label: a QR code without a contact URL is an error" \
	sh -c "test \"\$(cat '$tmp/qrnourl.rc')\" = 1 && grep -q '\[qr-url\]' '$tmp/qrnourl.err' && test ! -e '$press/noqr.pdf'"
unset SOURCE_DATE_EPOCH
