# tests/suites/fuzz16.sh — every fuzz corpus replayed (issue 16, item 6): each libFuzzer
# target of tests/fuzz (fuzz_NAME.c) is also built without libFuzzer, with replay.c's
# main(), as BUILD/fuzz/replay_NAME (make unit-tests), and fed every file of its corpus
# tests/fuzz/corpus/NAME.  In the sanitize build that is every seed under ASan+UBSan
# with leaks failing.  A check fails on a crash or a broken invariant (abort), a sanitizer
# report, a hang (timeout), or fewer inputs fed than the corpus holds.  `make fuzz` runs
# the same targets under libFuzzer, from these corpora.
#
# Sourced by tests/run once per build with $bin, $label, $tmp and the helpers ok, not_ok,
# check, run and golden.

fuzz16_replay() { # fuzz16_replay REPLAY CORPUS: ok when every input went through cleanly
	local replay=$1 corpus=$2 n out=$tmp/fuzz16.out err=$tmp/fuzz16.err
	n=$(find "$corpus" -maxdepth 1 -type f ! -name '.*' | wc -l)
	BROADSIDE_FONTS_DIR=${BROADSIDE_FONTS_DIR:-$PWD/fonts} timeout 300 "$replay" "$corpus" \
		>"$out" 2>"$err"
	local rc=$?
	if [ $rc != 0 ] || grep -Eq 'Sanitizer|runtime error:|^SUMMARY:' "$err" ||
		! grep -qx "replayed $n inputs" "$out"; then
		echo "$replay $corpus: exit $rc, $(cat "$out")"
		grep -v '^replay: ' "$err" | head -30
		echo "last input: $(grep '^replay: ' "$err" | tail -1 | cut -c9-)"
		return 1
	fi
}

fuzz16_suite() {
	local dir target corpus name
	dir=$(dirname "$bin")
	for target in tests/fuzz/fuzz_*.c; do
		name=$(basename "$target" .c)
		name=${name#fuzz_}
		corpus=tests/fuzz/corpus/$name
		if [ ! -d "$corpus" ] || [ -z "$(ls -A "$corpus")" ]; then
			not_ok "$label: fuzz target $name has a seed corpus ($corpus)"
			continue
		fi
		if [ ! -x "$dir/fuzz/replay_$name" ]; then
			not_ok "$label: $dir/fuzz/replay_$name is built (make build=$label unit-tests)"
			continue
		fi
		check "$label: fuzz target $name replays its corpus $corpus ($(ls "$corpus" | wc -l) inputs)" \
			fuzz16_replay "$dir/fuzz/replay_$name" "$corpus"
	done
	# And no corpus without its target.
	for corpus in tests/fuzz/corpus/*/; do
		name=$(basename "$corpus")
		check "$label: corpus $name belongs to a fuzz target (tests/fuzz/fuzz_$name.c)" \
			test -f "tests/fuzz/fuzz_$name.c"
	done
}

fuzz16_suite
