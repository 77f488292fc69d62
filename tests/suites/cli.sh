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
( cd "$cli" && timeout 20 "$OLDPWD/$bin" validate -x.xml ) >"$tmp/cli_ndd.out" 2>"$tmp/cli_ndd.err"
echo $? >"$tmp/cli_ndd.rc"
check "$label: … without --, -x.xml is an unknown option (2)" test "$(cat "$tmp/cli_ndd.rc")" = 2
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
run cli_paper pdf --paper A7 "$appeal"
check "$label: --paper A7 is refused in the one wording (2)" \
	sh -c "test \"\$(cat '$tmp/cli_paper.rc')\" = 2 &&
	       grep -qx \"broadside: pdf: option '--paper' is a3, a4, a5, a6, letter, legal or tabloid, not 'a7'\" '$tmp/cli_paper.err'"

echo "# command line: one wording for unknown options and missing values"
for cmd in confirm dump fill help html index lint pdf "po export" "po import" status validate; do
	help=${cmd%% *}
	# shellcheck disable=SC2086 # "po export" is two words
	run cli_unk $cmd --strictt "$appeal"
	check "$label: $cmd --strictt: unknown option, one wording, exit 2" \
		sh -c "test \"\$(cat '$tmp/cli_unk.rc')\" = 2 &&
		       head -1 '$tmp/cli_unk.err' | grep -q \"^broadside: $cmd: unknown option '--strictt'\" &&
		       sed -n 2p '$tmp/cli_unk.err' | grep -qx \"Try 'broadside help $help'.\" &&
		       test \$(wc -l < '$tmp/cli_unk.err') = 2"
	# shellcheck disable=SC2086
	run cli_hlp $cmd --hlep
	check "$label: $cmd --hlep: did you mean '--help'?" \
		grep -qx "broadside: $cmd: unknown option '--hlep'; did you mean '--help'?" "$tmp/cli_hlp.err"
done
run cli_langg pdf --langg fa "$appeal"
check "$label: pdf --langg: did you mean '--lang'?" \
	grep -qx "broadside: pdf: unknown option '--langg'; did you mean '--lang'?" "$tmp/cli_langg.err"
run cli_strct validate --sritct "$appeal"
check "$label: validate --sritct (two letters swapped, one more): did you mean '--strict'?" \
	grep -qx "broadside: validate: unknown option '--sritct'; did you mean '--strict'?" "$tmp/cli_strct.err"
run cli_far validate --frobnicate "$appeal"
check "$label: … and no suggestion for a name far from every option" \
	grep -qx "broadside: validate: unknown option '--frobnicate'" "$tmp/cli_far.err"
run cli_short pdf -x "$appeal"
check "$label: an unknown short option, the same wording" \
	grep -qx "broadside: pdf: unknown option '-x'" "$tmp/cli_short.err"
run cli_miss pdf "$appeal" --lang
check "$label: a missing value: option '--lang' needs a value (LANG), exit 2" \
	sh -c "test \"\$(cat '$tmp/cli_miss.rc')\" = 2 &&
	       grep -qx \"broadside: pdf: option '--lang' needs a value (LANG)\" '$tmp/cli_miss.err'"
run cli_miss2 po export "$appeal" -o
check "$label: … named as typed: option '-o' needs a value" \
	grep -qx "broadside: po export: option '-o' needs a value (FILE.po)" "$tmp/cli_miss2.err"
run cli_noval validate --strict=yes "$appeal"
check "$label: a value for a flag: option '--strict' takes no value" \
	grep -qx "broadside: validate: option '--strict' takes no value" "$tmp/cli_noval.err"
run cli_cmd valdate "$appeal"
check "$label: an unknown command: did you mean 'validate'?" \
	sh -c "test \"\$(cat '$tmp/cli_cmd.rc')\" = 2 &&
	       grep -qx \"broadside: unknown command 'valdate'; did you mean 'validate'?\" '$tmp/cli_cmd.err'"

echo "# command line: help CMD is CMD --help, made from the option table"
for cmd in confirm dump fill help html index lint pdf po status validate; do
	run cli_h1 help "$cmd"
	run cli_h2 "$cmd" --help
	check "$label: help $cmd equals $cmd --help" \
		sh -c "test \"\$(cat '$tmp/cli_h1.rc')\" = 0 && test -s '$tmp/cli_h1.out' &&
		       cmp -s '$tmp/cli_h1.out' '$tmp/cli_h2.out'"
	# Every option the help lists is one the parser takes (not an unknown option).
	bad=
	for opt in $(grep -oE '^  (-[a-zA-Z], )?--[a-z-]+' "$tmp/cli_h1.out" | grep -oE -- '--[a-z-]+'); do
		accepted=no
		for sub in "$cmd" "$cmd export" "$cmd import"; do
			[ "$cmd" = po ] || [ "$sub" = "$cmd" ] || continue
			[ "$cmd" != po ] || [ "$sub" != po ] || continue
			# shellcheck disable=SC2086
			# (--help last: the options before it are read, then the run ends there)
			timeout 20 "$bin" $sub "$opt" x --help >/dev/null 2>"$tmp/cli_opt.err" </dev/null
			grep -q "unknown option" "$tmp/cli_opt.err" || accepted=yes
		done
		[ $accepted = yes ] || bad="$bad $opt"
	done
	check "$label: every option help $cmd lists is accepted by $cmd (refused:${bad:- none})" test -z "$bad"
	check "$label: help $cmd lists --help" grep -q -- '--help' "$tmp/cli_h1.out"
done
# Every option of the README's tables is still taken.
for opt in --strict --json; do
	run cli_readme validate "$opt" "$appeal"
	check "$label: validate $opt still works" sh -c "! grep -q 'unknown option' '$tmp/cli_readme.err'"
done
run cli_pdfh pdf --help
check "$label: pdf --help lists --no-qr and the paper sizes" \
	sh -c "grep -q -- '--no-qr' '$tmp/cli_pdfh.out' && grep -q -- '--paper a3|a4|a5|a6|letter|legal|tabloid' '$tmp/cli_pdfh.out'"

unset -f rc_of
unset cli appeal warn help bad accepted opt sub cmd
