# Bounded time and memory (issue 10, finding 4), sourced by tests/run ($bin, $label, $tmp,
# ok, not_ok, check, run).  The documents are made here by tests/bounds/gen.py; the big
# ones, and every timing, run in the release build only.
gen=tests/bounds/gen.py
bdir=$tmp/bounds
rm -rf "$bdir" && mkdir -p "$bdir"

# Milliseconds of CPU (user and system) that CMD takes, its output to $bdir/last.out, .err
# and .rc.  CPU time, not the clock: the machine may be busy with other work.
millis() {
	local TIMEFORMAT='%3U %3S' times
	times=$({ time timeout 120 "$@" >"$bdir/last.out" 2>"$bdir/last.err"; } 2>&1)
	echo $? >"$bdir/last.rc"
	echo "$times" | awk '{printf "%d\n", ($1 + $2) * 1000}'
}

# bounded NAME KIND N WANT_RC [RULE]: validates gen.py KIND N; checks the status, that
# at most 25 lines are printed, the rule if given, and (release) under 2 s.
bounded() {
	local name=$1 kind=$2 n=$3 want=$4 rule=${5:-} ms
	python3 "$gen" "$kind" "$n" >"$bdir/$name.xml"
	ms=$(millis "$bin" validate "$bdir/$name.xml")
	check "$label: $name validates with status $want (it was $(cat "$bdir/last.rc"))" \
		test "$(cat "$bdir/last.rc")" = "$want"
	check "$label: $name prints a bounded number of diagnostics ($(wc -l <"$bdir/last.err"))" \
		test "$(wc -l <"$bdir/last.err")" -le 25
	[ -z "$rule" ] || check "$label: $name is reported under [$rule]" \
		grep -q "\\[$rule\\]\$" "$bdir/last.err"
	[ "$label" = release ] && check "$label: $name validates in under 2 s (${ms} ms)" \
		test "$ms" -lt 2000
	cp "$bdir/last.err" "$bdir/$name.err"
}

bounded langs5000 langs 5000 1 lang-duplicate
check "$label: a language listed 5,000 times is reported once, with the count" \
	sh -c "test \"\$(grep -c 'lang-duplicate' '$bdir/langs5000.err')\" = 1 &&
	       grep -q '\"de\" is listed 5000 times in langs' '$bdir/langs5000.err'"
check "$label: ... and its missing translations once per unit, not once per listing" \
	test "$(grep -c 'translation-missing' "$bdir/langs5000.err")" = 2

if [ "$label" = release ]; then
	bounded units100000 units 100000 0
	check "$label: 100,000 units validate silently" test ! -s "$bdir/units100000.err"
	bounded br100000 br 100000 1 limit
	check "$label: 100,000 <br/> in one <t> are refused naming the limit" \
		grep -q 'more than 1000 inline elements' "$bdir/br100000.err"
	bounded notes100000 notes 100000 1 limit
	bounded foreign50000 foreign 50000 1 limit
	bounded em50000 em 50000 1 limit
	bounded texts20000 texts 20000 1 limit
	bounded elements300000 brs 3000 1 limit
	python3 - "$bdir/attrs.xml" <<'PY'
import sys
attrs = " ".join('a%d="x"' % i for i in range(100000))
open(sys.argv[1], "w").write('<?xml version="1.0"?><appeal id="b" xml:lang="en" langs="en">'
    '<head><title id="t"><t xml:lang="en" ' + attrs + '>x</t></title></head><body/></appeal>')
PY
	ms=$(millis "$bin" validate "$bdir/attrs.xml")
	check "$label: 100,000 attributes on one element are refused before parsing (${ms} ms)" \
		sh -c "grep -q 'more than 64 attributes.*\\[limit\\]' '$bdir/last.err' && test $ms -lt 2000"

	# A rule's diagnostics stop at 100, then one line with the count, in JSON too.
	python3 "$gen" units 3000 | sed 's|">Paragraph|"><a href="ftp://x">Paragraph</a>|' \
		>"$bdir/links.xml"
	run blinks validate "$bdir/links.xml"
	check "$label: 3,000 bad links give 100 diagnostics and a count" \
		sh -c "test \"\$(grep -c '\\[link-scheme\\]' '$tmp/blinks.err')\" = 101 &&
		       grep -q ': error: … and 2900 more \\[link-scheme\\]\$' '$tmp/blinks.err'"
	run blinksj validate --json "$bdir/links.xml"
	check "$label: --json carries the same cap and count" \
		jq -e '[.[] | select(.rule == "link-scheme")] | length == 101 and
		       (map(select(.more)) | .[0].more == 2900 and .[0].line == 0)' "$tmp/blinksj.out"

	# Rendering is linear in the text: ten times the text, about ten times the time (a
	# quadratic step made it a hundred).  The start-up time of an empty render is taken
	# off both.
	python3 "$gen" words 1 >"$bdir/w1.xml"
	base=$(millis "$bin" pdf -o "$bdir/w1.pdf" "$bdir/w1.xml")
	linear() { # linear NAME KIND N: renders N and 10 N, and compares the times
		local name=$1 kind=$2 n=$3 t1 t10
		python3 "$gen" "$kind" "$n" >"$bdir/${name}1.xml"
		python3 "$gen" "$kind" $((10 * n)) >"$bdir/${name}10.xml"
		t1=$(millis "$bin" pdf -o "$bdir/${name}1.pdf" "$bdir/${name}1.xml")
		t10=$(millis "$bin" pdf -o "$bdir/${name}10.pdf" "$bdir/${name}10.xml")
		check "$label: pdf of $kind $((10 * n)) exits 0 silently" \
			test "$(cat "$bdir/last.rc")" = 0 -a ! -s "$bdir/last.err"
		local d1=$((t1 - base)) d10=$((t10 - base))
		[ $d1 -ge 20 ] || d1=20
		check "$label: $kind: 10x the text renders in $d10 ms vs $d1 ms (under 25x)" \
			test $d10 -lt $((25 * d1))
	}
	linear words words 5000
	check "$label: the 50,000-word paragraph is all there" \
		sh -c "pdftotext '$bdir/words10.pdf' - | grep -c journalist | awk '{exit !(\$1 > 1000)}'"
	linear longword longword 10000
	check "$label: the 100 KB word is broken across lines and pages, all of it" \
		sh -c "pdftotext '$bdir/longword10.pdf' - | tr -d '\\n\\f' | grep -o abcdefghij | wc -l |
		       awk '{exit !(\$1 >= 9900)}'"
fi
