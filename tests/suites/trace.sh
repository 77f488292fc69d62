# shellcheck shell=bash
# The layout trace (`broadside dump --layout`, issue 12): golden traces of every sample in
# every layout (parallel, stacked, single in each of its languages) on A4, and parallel on
# A5, in tests/layout/ID.KIND[-LANG].PAPER.trace; and what a trace must be.
# Sourced by tests/run with $bin, $label, $tmp and the helpers.
#
# The layout changes the traces on purpose; regenerate them all, then read the diff:
#   SUITE=trace tests/run --update build/release && git diff --stat tests/layout

tr=$tmp/trace
mkdir -p "$tr"

# trace_ok FILE: the trace is what dump_layout writes: its header says N pages; every
# line is a header line, a page's heading, one thing on the page (a text line with all
# its figures, a fill, a rule, the QR code), the page's fill, or the summary; and every
# page, in order, ends with its fill before the next begins.
trace_ok() {
	awk '
	function fail(why) { print FILENAME ":" FNR ": " why ": " $0; bad = 1; exit 1 }
	FNR == 1 { if (!match($0, /: [0-9]+ pages?, body [0-9]+\.[0-9][0-9] pt$/)) fail("header")
		   split(substr($0, RSTART + 2), h, " "); pages = h[1]; next }
	FNR == 2 { if ($0 !~ /^text area [0-9.]+ to [0-9.]+ pt$/) fail("text area"); next }
	FNR == 3 { if ($0 !~ /^columns: /) fail("legend"); next }
	/^$/ { next }
	/^page [0-9]+$/ { if (open) fail("page " open " has no fill"); open = $2
			  if ($2 != seen + 1) fail("page out of order"); seen = $2; next }
	/^page [0-9]+ fill [0-9]+\.[0-9]%$/ { if ($2 != open) fail("fill of another page")
					      open = 0; fills++; next }
	/^ +-?[0-9]+\.[0-9] +-?[0-9]+\.[0-9]  [a-z]+ +[0-9]+\.[0-9][0-9] +[0-9]+\.[0-9]\/ *[0-9]+\.[0-9]  [0-9]+\.[0-9][0-9] (hy|--) g[0-9]+ +/ {
		if (!open) fail("a line outside a page"); lines++; next }
	/^ +-?[0-9]+\.[0-9] +-?[0-9]+\.[0-9]  (fill [0-9.]+ x [0-9.]+|rule to [0-9.]+ [0-9.]+), gray [0-9.]+$/ {
		if (!open) fail("a fill outside a page"); next }
	/^ +-?[0-9]+\.[0-9] +-?[0-9]+\.[0-9]  qr [0-9.]+ pt: [^ ]+$/ { if (!open) fail("qr outside a page"); next }
	/^summary$/ { if (open) fail("page " open " has no fill"); summary = 1; next }
	summary && /^  (widest gap ratio|most hyphenated lines in a row|smallest body size|smallest size|last page fill) / { next }
	{ fail("not a trace line") }
	END { if (bad) exit 1
	      if (fills != pages || seen != pages) { print FILENAME ": " pages " pages, " fills " fills"; exit 1 }
	      if (!summary || lines == 0) { print FILENAME ": no summary or no lines"; exit 1 } }
	' "$1"
}

# trace_golden NAME ARGS...: dump --layout ARGS equals tests/layout/NAME.trace, and is a
# trace.  When the document does not fit its <print pages> at the minimum size, on the
# pages it says it needs (--pages N; the trace's header says so).
trace_golden() {
	local name=$1; shift
	local expected=tests/layout/$name.trace
	run "trace-$name" dump "$@"
	local needs
	needs=$(sed -n 's/.*does not fit on .*, it needs \([0-9]*\) .*\[fit\]$/\1/p' "$tmp/trace-$name.err")
	[ -n "$needs" ] && run "trace-$name" dump --pages "$needs" "$@"
	if [ "$update" = 1 ]; then mkdir -p tests/layout; cp "$tmp/trace-$name.out" "$expected"; fi
	check "$label: dump $* exits 0, silently" \
		sh -c "test \"\$(cat '$tmp/trace-$name.rc')\" = 0 && test ! -s '$tmp/trace-$name.err'"
	check "$label: … and is a trace: every page ends with its fill" trace_ok "$tmp/trace-$name.out"
	check "$label: … and equals $expected" diff -u "$expected" "$tmp/trace-$name.out"
}

for doc in xml/*.xml; do
	id=$(basename "${doc%.xml}")
	if [ "$label" != release ]; then
		# Under the sanitizers (slow): one trace, for leaks and errors.
		trace_golden "$id.parallel.a4" --layout=parallel --paper a4 "$doc"
		break
	fi
	langs=$("$bin" dump "$doc" | sed -n '1s/.*langs //p' | sed 's/ ([a-z]*)//g')
	trace_golden "$id.parallel.a4" --layout=parallel --paper a4 "$doc"
	if [ "$(echo $langs | wc -w)" -gt 2 ]; then
		# three columns and more side by side on A5 are refused as too narrow: across
		trace_golden "$id.parallel.a5-landscape" --layout=parallel --paper a5 \
			--orientation landscape "$doc"
	else
		trace_golden "$id.parallel.a5" --layout=parallel --paper a5 "$doc"
	fi
	trace_golden "$id.stacked.a4" --layout=stacked --paper a4 "$doc"
	trace_golden "$id.stacked.a5" --layout=stacked --paper a5 "$doc"
	for lang in $langs; do
		trace_golden "$id.single-$lang.a4" --layout --lang "$lang" --paper a4 "$doc"
	done
done

# The trace is the PDF's layout: the same pages and body size as `broadside pdf` reports,
# and its lines are the PDF's lines (pdftotext reads thin and no-break spaces as spaces).
run trpdf pdf --lang en --paper a5 --pages 3 -o "$tr/a5.pdf" xml/appeal-free-them.xml
run trdump dump --layout --lang en --paper a5 --pages 3 xml/appeal-free-them.xml
check "$label: the trace has the pages and the body size pdf reports" \
	sh -c "pdf=\$(sed -n 's/.*: \([0-9]* pages\?, body [0-9.]* pt\)$/\1/p' '$tmp/trpdf.out') &&
	       test -n \"\$pdf\" && head -1 '$tmp/trdump.out' | grep -qF \": \$pdf\""
check "$label: … and as many pages as the PDF has" \
	sh -c "test \"\$(pdfinfo '$tr/a5.pdf' | sed -n 's/^Pages: *//p')\" = \
	       \"\$(grep -c '^page [0-9]*\$' '$tmp/trdump.out')\""
pdftotext "$tr/a5.pdf" "$tr/a5.txt" 2>/dev/null
# (nor a line that goes on with a word hyphenated on the line before: that word copies out
# whole from the line before, and nothing of it from this one)
awk '$3 == "body" && $7 == "--" && prev != "hy" && last !~ /[-\/]$/ {
	for (i = 9; i <= NF; i++) printf "%s%s", $i, (i < NF ? " " : "\n") }
     $3 == "body" { prev = $7; last = $NF }' \
	"$tmp/trdump.out" | sed "s/‧//g; s/$(printf '\302\240')/ /g; s/$(printf '\342\200\211')/ /g;
				s/$(printf '\342\200\257')/ /g; s/⍽/ /g; s/˽/ /g" | grep -v '⟨' | head -12 >"$tr/body-lines.txt"
check "$label: … the body lines it shows (the first dozen neither hyphenated nor going on with a word from the line before, without an isolate) are lines of the PDF" \
	sh -c "test \$(wc -l <'$tr/body-lines.txt') = 12 && ! grep -vxFf '$tr/a5.txt' '$tr/body-lines.txt'"

run trbad dump --layout tests/bad/21-duplicate-id.xml
check "$label: dump --layout refuses a bad document: exit 1, FILE:LINE:COL diagnostics" \
	sh -c "test \"\$(cat '$tmp/trbad.rc')\" = 1 &&
	       grep -Eq '^tests/bad/21-duplicate-id.xml:[0-9]+:[0-9]+: error: .*\\[id-unique\\]\$' '$tmp/trbad.err'"
check "$label: … and prints nothing on stdout" test ! -s "$tmp/trbad.out"
run trmissing dump --layout --min-size 30 --pages 1 xml/appeal-free-them.xml
check "$label: a document that cannot fit the pages at the minimum size is refused (1), nothing printed" \
	sh -c "test \"\$(cat '$tmp/trmissing.rc')\" = 1 && test -s '$tmp/trmissing.err' && test ! -s '$tmp/trmissing.out'"

run trhelp help dump
check "$label: help dump lists --layout[=KIND] and the layout options" \
	sh -c "grep -q '^  --layout\\[=KIND\\] ' '$tmp/trhelp.out' && grep -q '^  --pages N ' '$tmp/trhelp.out' &&
	       ! grep -q -e '--nup' -e '--output' '$tmp/trhelp.out'"
run trusage dump --paper a5 xml/appeal-free-them.xml
check "$label: a layout option without --layout is a usage error (2)" \
	test "$(cat "$tmp/trusage.rc")" = 2
run trkind dump --layout=diagonal xml/appeal-free-them.xml
check "$label: an unknown layout kind is a usage error (2)" \
	sh -c "test \"\$(cat '$tmp/trkind.rc')\" = 2 && grep -q 'parallel, stacked or single' '$tmp/trkind.err'"
run trfile dump --layout xml/appeal-free-them.xml xml/letter-to-rapporteur.xml
check "$label: dump --layout takes one FILE (2)" test "$(cat "$tmp/trfile.rc")" = 2
