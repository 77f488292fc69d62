# tests/suites/tmlint15.sh — issue 15, items 5 and 6: the translation memory searches
# folders recursively and offers fuzzy matches; lint can be told "this one is fine"
# (<!-- broadside: allow RULE -->, --disable, --enable) and fixes doubled spaces and a
# ZWNJ next to a space.  tests/lint/draft15.xml is also checked by tests/run's lint golden
# loop (its .err, .fix.out and .fixed.xml).
#
# Sourced by tests/run once per build with $bin, $label, $tmp and the helpers ok, not_ok,
# check, run and golden.

tmlint15_lint() {
	local draft=tests/lint/draft15.xml d=$tmp/tmlint15
	rc_of() { cat "$tmp/$1.rc"; }
	echo "# tmlint15: lint allow comments, --disable/--enable, new safe fixes"
	run tl15lint lint "$draft"
	# The planted mistakes, at columns counted by hand: line 7 "Free  them" (the second
	# space is column 29), line 9 three spaces (column 34), line 21 "می رویم", line 26
	# "کتاب ‌ خوب" (the ZWNJ at column 29), line 27 "z.B." (column 32).
	check "$label: lint finds each planted mistake at its line and column" \
		sh -c "grep -q '^$draft:7:29: warning: 2 spaces in a row: type one \[space-doubled\]\$' '$tmp/tl15lint.err' &&
		       grep -q '^$draft:9:34: warning: 3 spaces in a row: type one \[space-doubled\]\$' '$tmp/tl15lint.err' &&
		       grep -q '^$draft:21:29: .*\[fa-zwnj-missing\]\$' '$tmp/tl15lint.err' &&
		       grep -q '^$draft:26:29: .*\[fa-zwnj-misplaced\]\$' '$tmp/tl15lint.err' &&
		       grep -q '^$draft:27:32: .*\[de-abbreviation\]\$' '$tmp/tl15lint.err' &&
		       test \$(wc -l <'$tmp/tl15lint.err') = 5"
	check "$label: <!-- broadside: allow fa-zwnj-missing --> before a unit silences it there (line 16)" \
		sh -c "! grep -q '\.xml:16:' '$tmp/tl15lint.err'"
	check "$label: an allow comment before a <t> silences two rules there (line 33)" \
		sh -c "! grep -q '\.xml:33:' '$tmp/tl15lint.err'"
	check "$label: an allow comment inside a <t> silences the rule there (line 38)" \
		sh -c "! grep -q '\.xml:38:' '$tmp/tl15lint.err'"
	# Without the comments every one of those findings is back: the comments did it.
	mkdir -p "$d" && sed 's/broadside: allow/not broadside/' "$draft" >"$d/noallow.xml"
	run tl15noallow lint "$d/noallow.xml"
	check "$label: without the allow comments, lines 16, 33 and 38 are reported" \
		sh -c "grep -q '\.xml:16:[0-9]*: .*\[fa-zwnj-missing\]' '$tmp/tl15noallow.err' &&
		       grep -q '\.xml:33:[0-9]*: .*\[de-quotes\]' '$tmp/tl15noallow.err' &&
		       grep -q '\.xml:33:[0-9]*: .*\[de-abbreviation\]' '$tmp/tl15noallow.err' &&
		       grep -q '\.xml:38:[0-9]*: .*\[space-doubled\]' '$tmp/tl15noallow.err'"
	run tl15dis lint --strict --disable space-doubled --disable fa-zwnj-missing "$draft"
	check "$label: --disable leaves those rules out and only those" \
		sh -c "test $(rc_of tl15dis) = 1 && ! grep -q -e space-doubled -e fa-zwnj-missing '$tmp/tl15dis.err' &&
		       grep -q fa-zwnj-misplaced '$tmp/tl15dis.err' && grep -q de-abbreviation '$tmp/tl15dis.err'"
	run tl15en lint --strict --enable fa-zwnj-missing "$draft"
	check "$label: --enable checks only the rules given" \
		sh -c "test $(rc_of tl15en) = 1 && test \$(wc -l <'$tmp/tl15en.err') = 1 &&
		       grep -q '^$draft:21:29: error: .*\[fa-zwnj-missing\]\$' '$tmp/tl15en.err'"
	run tl15en2 lint --strict --enable de-quotes "$draft"
	check "$label: lint --strict passes when the only enabled rule is allowed where it fires" \
		sh -c "test $(rc_of tl15en2) = 0 && ! test -s '$tmp/tl15en2.err'"
	run tl15bad lint --disable no-such-rule "$draft"
	check "$label: --disable with an unknown rule is a usage error (exit 2)" \
		sh -c "test $(rc_of tl15bad) = 2 && grep -q 'no such rule.*no-such-rule' '$tmp/tl15bad.err'"
	# --fix: doubled spaces become one, a ZWNJ by a space goes; nothing else changes.
	cp "$draft" "$d/fix.xml"
	run tl15fix lint --fix "$d/fix.xml"
	check "$label: lint --fix removes the doubled spaces and the ZWNJ by a space, byte for byte" \
		sh -c "grep -q '<t xml:lang=\"en\">Free them all</t>' '$d/fix.xml' &&
		       grep -q '<t xml:lang=\"de\">Lasst sie alle frei!</t>' '$d/fix.xml' &&
		       ! grep -q \$(printf '\342\200\214') '$d/fix.xml' &&
		       test \$(( \$(wc -c <'$draft') - \$(wc -c <'$d/fix.xml') )) = 7 &&
		       test \$(diff '$draft' '$d/fix.xml' | grep -c '^>') = 3"
	check "$label: lint --fix leaves an allowed doubled space alone (line 38)" \
		grep -q 'allow space-doubled -->Kommt  alle</t>' "$d/fix.xml"
	sed 's/broadside: allow/not broadside/' "$draft" >"$d/fix2.xml"
	run tl15fix2 lint --fix --disable fa-zwnj-misplaced "$d/fix2.xml"
	check "$label: lint --fix --disable RULE makes none of that rule's fixes" \
		sh -c "grep -q \$(printf '\342\200\214') '$d/fix2.xml' && ! grep -q 'Kommt  alle' '$d/fix2.xml'"
	unset -f rc_of
}

tmlint15_tm() {
	local d=$tmp/tmlint15tm
	rm -rf "$d" && mkdir -p "$d/mem/a/b" && cp tests/po/memory/earlier-appeal.xml "$d/mem/a/b/" &&
		cp tests/po/memory/not-valid.xml "$d/mem/" && cp tests/tm15/fuzzy.xml "$d/t.xml"
	echo "# tmlint15: fill --from a nested folder, fuzzy matches"
	(cd "$d" && timeout 20 "$abs_bin15" fill t.xml --from mem >fill.out 2>fill.err)
	echo $? >"$d/fill.rc"
	check "$label: fill --from DIR finds documents in subfolders (and still skips a refused one)" \
		sh -c "test \$(cat '$d/fill.rc') = 0 &&
		       grep -qx 't.xml: filled 5 translations from 1 document; 5 still missing' '$d/fill.out' &&
		       grep -q 'mem/not-valid.xml: warning: .*\[tm-skipped\]' '$d/fill.err'"
	check "$label: fill offers a fuzzy match (4 of 5 words: 80%) as a draft, with its score" \
		grep -qx 't.xml:5:5: filled: de "title" from mem/a/b/earlier-appeal.xml:5 (unit "title", final), as a draft, a fuzzy match (80% of the words)' "$d/fill.out"
	check "$label: fuzzy: markup outside the words (a date) is no word: 6 of 7 words, 85%" \
		grep -q '^t.xml:13:5: filled: fa "where" .*a fuzzy match (85% of the words)$' "$d/fill.out"
	check "$label: fuzzy: an exact match is reported without a score" \
		grep -qx 't.xml:19:5: filled: fa "exact" from mem/a/b/earlier-appeal.xml:19 (unit "candles", translated), as a draft' "$d/fill.out"
	check "$label: fuzzy: under 75% (4 of 7 words) nothing is offered" \
		sh -c "! grep -q '\"far\"' '$d/fill.out'"
	check "$label: fuzzy: another date is never offered, however close the words" \
		sh -c "! grep -q '\"other-date\"' '$d/fill.out'"
	check "$label: a fuzzy draft is state=\"initial\" and followed by a note with its score" \
		sh -c "grep -A1 -F '<t xml:lang=\"de\" state=\"initial\">Freiheit für alle politischen Gefangenen!</t>' '$d/t.xml' |
		       grep -qx '      <note>broadside fill: the de draft is a fuzzy match, 80% of the words the same, from mem/a/b/earlier-appeal.xml (unit \"title\"): check it against this unit.s source</note>'"
	check "$label: an exact draft gets no note" \
		sh -c "grep -A1 -F 'شمع بیاورید.</t>' '$d/t.xml' | grep -q '</p>'"
	check "$label: fill with fuzzy drafts changes only the new lines (9 added, none changed)" \
		sh -c "test \$(diff tests/tm15/fuzzy.xml '$d/t.xml' | grep -c '^>') = 9 &&
		       test \$(diff tests/tm15/fuzzy.xml '$d/t.xml' | grep -c '^<') = 0"
	check "$label: the document with fuzzy drafts validates" "$bin" validate "$d/t.xml"
}

tmlint15_lint
abs_bin15=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
tmlint15_tm
unset -f tmlint15_lint tmlint15_tm
unset abs_bin15
