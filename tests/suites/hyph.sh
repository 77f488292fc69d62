# Hyphenation from the built-in tables (sourced by tests/run): pinned, nothing loaded at
# run time.  The points themselves are compared with libhyphen's in tests/unit/test_hyphenate.c.
hy=$tmp/hyph
rm -rf "$hy" && mkdir -p "$hy"

check "$label: every vendored dictionary has its licence beside it" sh -c '
	for dic in hyphen/hyph_*.dic; do test -s "${dic%.dic}.copyright" || { echo "$dic"; exit 1; }; done'
check "$label: broadside is not linked with libhyphen (the tables are built in)" \
	sh -c "! ldd '$bin' | grep -q libhyphen"

# The dump of the trilingual sample hyphenates German and English, reading no dictionary:
# the same points with the system's dictionaries hidden or replaced.
# (LeakSanitizer cannot run under ptrace: leaks are checked by the run without strace.)
ASAN_OPTIONS=${ASAN_OPTIONS:-}:detect_leaks=0 strace -f -qq -e trace=open,openat \
	-o "$hy/strace.log" "$bin" dump xml/appeal-free-them.xml >"$hy/dump.out" 2>/dev/null
check "$label: dump opens no hyphenation dictionary" sh -c "! grep -E 'hyph|\\.dic\"' '$hy/strace.log'"
check "$label: … and still hyphenates (soft hyphens in German and English)" sh -c "
	grep -q 'Mas‧sen‧ver‧haf‧tun‧gen' '$hy/dump.out' && grep -q 'sol‧i‧dar‧ity' '$hy/dump.out'"
BROADSIDE_HYPHEN_DIR=$hy timeout 20 "$bin" dump xml/appeal-free-them.xml >"$hy/dump2.out" 2>&1
hy_rc=$?
check "$label: … whatever \$BROADSIDE_HYPHEN_DIR says (the golden dump, exit 0)" sh -c "
	test $hy_rc = 0 && cmp '$hy/dump.out' '$hy/dump2.out' && cmp tests/golden/appeal-free-them.dump '$hy/dump2.out'"

# Loading libhyphen's German dictionary took about 2 s in every process (15 s under ASan);
# the built-in table takes nothing.  A generous bound, release build only.
if [ "$label" = release ]; then
	start=$(date +%s%N)
	timeout 20 "$bin" dump xml/appeal-free-them.xml >/dev/null 2>&1
	ms=$(( ($(date +%s%N) - start) / 1000000 ))
	check "$label: dump of the trilingual sample takes under 1 s (${ms} ms)" test "$ms" -lt 1000
fi
