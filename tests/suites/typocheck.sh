# The typographic checker (tests/tools/typocheck.py) over the finished leaflets (sourced by
# tests/run: $bin, $label, $tmp, ok, not_ok, check, run).
# (1) Crafted fixtures in tests/typocheck/: each NAME breaks exactly the rule NAME, good
#     breaks none; so every rule is shown to fail.
# (2) release only: every sample in every layout (parallel, stacked, single per language)
#     on A4 and A5, one ok/not ok per PDF with the violations.
typocheck=tests/tools/typocheck.py
echo "# typocheck: fixtures"
for fixture in tests/typocheck/*.bbox.html; do
	name=$(basename "$fixture" .bbox.html)
	rule=${name%%.*} # good.columns: good, in columns
	"$typocheck" "$fixture" >"$tmp/typo.out" 2>&1
	rc=$?
	found=$(sed -n 's/^[^:]*: page [0-9]*: \([a-z-]*\): .*/\1/p' "$tmp/typo.out" | sort -u | tr '\n' ' ')
	if [ "$rule" = good ]; then
		check "$label: typocheck passes the good fixture $name" test "$rc" = 0 -a ! -s "$tmp/typo.out"
	elif [ "$rc" = 1 ] && [ "$found" = "$rule " ]; then
		ok "$label: typocheck fails the fixture $name with exactly $rule"
	else
		not_ok "$label: typocheck on the fixture $name exits $rc, rules: ${found:-none}"
		sed 's/^/#   /' "$tmp/typo.out" | head -10
	fi
done
"$typocheck" --min-size 7.5 tests/typocheck/size.bbox.html >"$tmp/typo.out" 2>&1
check "$label: typocheck --min-size 7.5 lets the 8 pt body pass" test $? = 0
"$typocheck" --frob tests/typocheck/good.bbox.html >/dev/null 2>&1
check "$label: typocheck: an unknown option is a usage error (2)" test $? = 2

if [ "$label" = release ]; then
	echo "# typocheck: every sample in every layout, A4 and A5"
	typodir=$tmp/typocheck
	rm -rf "$typodir" && mkdir -p "$typodir"
	export SOURCE_DATE_EPOCH=1686000000
	for doc in xml/*.xml; do
		name=$(basename "$doc" .xml)
		langs=$(sed -n 's/.*<[a-z]* [^>]*langs="\([^"]*\)".*/\1/p' "$doc" | head -1)
		for paper in a4 a5; do
			for variant in parallel stacked $langs; do
				case $variant in
				parallel | stacked) args="--layout $variant" ;;
				*) args="--layout single --lang $variant" ;;
				esac
				pdf=$typodir/$name.$variant.$paper.pdf
				run typo pdf $args --paper "$paper" -o "$pdf" "$doc"
				note=""
				if [ "$(cat "$tmp/typo.rc")" = 1 ] && grep -q '\[layout-columns\]' "$tmp/typo.err"; then
					# Three columns on A5 are refused as too narrow to read: the
					# refusal is right, and the leaflet is checked across the sheet.
					ok "$label: typocheck $name $variant $paper: refused, columns too narrow [layout-columns]"
					run typo pdf $args --paper "$paper" --orientation landscape -o "$pdf" "$doc"
					note=" (landscape)"
				fi
				if [ "$(cat "$tmp/typo.rc")" != 0 ]; then
					not_ok "$label: typocheck $name $variant $paper: pdf exits $(cat "$tmp/typo.rc")"
					sed 's/^/#   /' "$tmp/typo.err" | head -5
					continue
				fi
				"$typocheck" --figures "$pdf" >"$tmp/typo.out" 2>&1
				if [ $? = 0 ]; then
					ok "$label: typocheck $name $variant $paper$note"
				else
					not_ok "$label: typocheck $name $variant $paper$note"
				fi
				sed "s|^$typodir/|#   |" "$tmp/typo.out"
			done
		done
	done
fi
