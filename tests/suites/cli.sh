# The command line (sourced by tests/run: $bin, $label, $tmp, ok, not_ok, check, run):
# options anywhere among the FILEs, "--", "-", --no-qr, case-insensitive values, one
# wording for usage errors, and help made from the same table as the parser.
cli=$tmp/cli
rm -rf "$cli" && mkdir -p "$cli"
export SOURCE_DATE_EPOCH=1686000000
appeal=xml/appeal-free-them.xml

# rc_of NAME: the exit status of the last `run NAME …`.
rc_of() { cat "$tmp/$1.rc"; }

echo "# command line: options after the FILEs"
# (Rendering is slow under the sanitizers: the PDFs are checked in the release build.)
if [ "$label" = release ]; then
	run cli_after pdf "$appeal" -o "$cli/after.pdf" --lang fa
	check "$label: pdf FILE -o OUT --lang fa exits 0 and writes OUT" \
		sh -c "test \"\$(cat '$tmp/cli_after.rc')\" = 0 && test -s '$cli/after.pdf'"
	check "$label: … a leaflet in Farsi only (Farsi text, no English)" \
		sh -c "pdftotext '$cli/after.pdf' - | grep -q 'زندانیان' &&
		       ! pdftotext '$cli/after.pdf' - | grep -q 'political prisoners'"
fi

# A document with a warning (a missing translation): --strict after the FILE counts.
warn=tests/warn/01-missing-translation.xml
run cli_strict validate "$warn" --strict
check "$label: validate FILE --strict exits 1 on a warning (not 3)" test "$(rc_of cli_strict)" = 1
run cli_strict2 validate --strict "$warn"
check "$label: … the same as validate --strict FILE" test "$(rc_of cli_strict2)" = 1
run cli_json lint "$warn" --json
check "$label: lint FILE --json prints JSON" sh -c "jq -e 'length >= 1' '$tmp/cli_json.out' >/dev/null"

echo "# command line: -- and -"
cp "$appeal" "$cli/-x.xml"
( cd "$cli" && timeout 20 "$OLDPWD/$bin" validate -- -x.xml ) >"$tmp/cli_dd.out" 2>"$tmp/cli_dd.err"
echo $? >"$tmp/cli_dd.rc"
check "$label: validate -- -x.xml validates a file named -x.xml" \
	sh -c "test \"\$(cat '$tmp/cli_dd.rc')\" = 0 && test ! -s '$tmp/cli_dd.err'"
timeout 20 "$bin" validate --strict - <"$warn" >"$tmp/cli_stdin.out" 2>"$tmp/cli_stdin.err"
echo $? >"$tmp/cli_stdin.rc"
check "$label: validate - reads the document from standard input" \
	sh -c "test \"\$(cat '$tmp/cli_stdin.rc')\" = 1 && grep -q '^-:[0-9]*:[0-9]*: error: .*\\[translation-missing\\]' '$tmp/cli_stdin.err'"
timeout 20 "$bin" validate - <"$appeal" >/dev/null 2>"$tmp/cli_stdin2.err"
check "$label: … a valid one from standard input exits 0" test $? = 0
if [ "$label" = release ]; then
	timeout 20 "$bin" dump - <"$appeal" >"$tmp/cli_stdin3.out" 2>/dev/null
	check "$label: dump - prints the document from standard input" \
		cmp -s "$tmp/cli_stdin3.out" tests/golden/appeal-free-them.dump
fi

# The commands that rewrite their FILE refuse "-" (and write no file named "-").
for cmd in "confirm --lang de" "fill --from xml" "lint --fix" "po import"; do
	# shellcheck disable=SC2086
	( cd "$cli" && timeout 20 "$OLDPWD/$bin" $cmd - x.po ) <"$appeal" >/dev/null 2>"$tmp/cli_rw.err"
	echo $? >"$tmp/cli_rw.rc"
	check "$label: $cmd - is a usage error: standard input cannot be rewritten" \
		sh -c "test \"\$(cat '$tmp/cli_rw.rc')\" = 2 && test ! -e '$cli/-' &&
		       grep -q \"^broadside: ${cmd%% -*}: cannot rewrite '-' (standard input) in place\" '$tmp/cli_rw.err'"
done

echo "# command line: -o - keeps - as the output's name"
# Writing "-" to stdout is the writers' (another change); the parser must hand "-" on as
# -o's value, not take it as a FILE: so "-o - FILE" has one FILE, and no file named "-".
( cd "$cli" && timeout 20 "$OLDPWD/$bin" po export "$OLDPWD/$appeal" --lang de -o - ) \
	>"$tmp/cli_pox.out" 2>"$tmp/cli_pox.err"
echo $? >"$tmp/cli_pox.rc"
check "$label: po export -o - is not a usage error" test "$(cat "$tmp/cli_pox.rc")" != 2
check "$label: po export -o - writes the PO file to stdout" \
	sh -c "test \"\$(cat '$tmp/cli_pox.rc')\" = 0 && grep -q '^msgctxt ' '$tmp/cli_pox.out'"
# The count line names a file written; stdout is not one (as without -o).
check "$label: po export -o - says no count line about a file named -" \
	sh -c "! grep -q '^-: ' '$tmp/cli_pox.err' && ! grep -q 'translated' '$tmp/cli_pox.err'"
( cd "$cli" && timeout 20 "$OLDPWD/$bin" xliff export "$OLDPWD/$appeal" -o - --lang de ) \
	>"$tmp/cli_xlx.out" 2>"$tmp/cli_xlx.err"
check "$label: xliff export -o - writes XLIFF to stdout, and no count line about -" \
	sh -c "grep -q '<xliff ' '$tmp/cli_xlx.out' && ! grep -q 'units:' '$tmp/cli_xlx.err'"

echo "# command line: enumerated values in any case, --no-qr"
if [ "$label" = release ]; then
	run cli_a5 pdf --paper A5 --orientation LANDSCAPE --layout Parallel --pages 9 \
		-o "$cli/a5.pdf" "$appeal"
	check "$label: --paper A5 --orientation LANDSCAPE --layout Parallel are accepted" \
		test "$(rc_of cli_a5)" = 0
	check "$label: … and give A5 landscape pages" \
		sh -c "pdfinfo '$cli/a5.pdf' | grep -q '^Page size: *595.28 x 419.53'"
	# The appeal's <print qr="yes"> draws a QR code on its last page; --no-qr leaves it out.
	last_page_png() { # last_page_png PDF: PDF.png, its last page at 150 dpi
		local pages
		pages=$(pdfinfo "$1" | awk '/^Pages:/ {print $2}')
		rm -f "$1.png"
		pdftoppm -png -r 150 -f "$pages" -l "$pages" -singlefile "$1" "$1" 2>/dev/null && test -s "$1.png"
	}
	qr_decodes() { # qr_decodes PDF: its last page has a QR code of the contact URL
		last_page_png "$1" && zbarimg -q --raw "$1.png" 2>/dev/null | grep -qx 'https://example.org/free-them-all'
	}
	run cli_qr pdf -o "$cli/qr.pdf" "$appeal"
	check "$label: <print qr=\"yes\"> draws the QR code" qr_decodes "$cli/qr.pdf"
	run cli_noqr pdf "$appeal" --no-qr -o "$cli/noqr.pdf"
	# (its last page rendered, and no code on it)
	if [ "$(rc_of cli_noqr)" = 0 ] && last_page_png "$cli/noqr.pdf" &&
		! zbarimg -q --raw "$cli/noqr.pdf.png" 2>/dev/null | grep -q .; then
		ok "$label: pdf FILE --no-qr leaves the QR code out"
	else
		not_ok "$label: pdf FILE --no-qr leaves the QR code out (exit $(rc_of cli_noqr))"
	fi
	run cli_noqr2 pdf "$appeal" --no-qr --qr -o "$cli/noqr2.pdf"
	check "$label: --no-qr --qr: the later wins" qr_decodes "$cli/noqr2.pdf"
	unset -f qr_decodes last_page_png
fi

# One wording for unknown options and missing values, "did you mean", and the help made
# from the option table (help CMD is CMD --help; every option it lists is taken): the
# in-process cases of tests/cases (tests/runtest.c), run by tests/run.

echo "# command line: the README's options"
# Every option of the README's tables is still taken.
for opt in --strict --json; do
	run cli_readme validate "$opt" "$appeal"
	check "$label: validate $opt still works" sh -c "! grep -q 'unknown option' '$tmp/cli_readme.err'"
done

unset -f rc_of
unset cli appeal warn cmd
