# tests/suites/readme15.sh — the README's "For translators" walk-through, run command for
# command (issue 15, item 7) by tests/tools/readme-walk on a copy of xml/: every command
# exits as the README says and prints the lines the README shows.  The steps a person does
# between commands (translating in Poedit, in a CAT tool) are the tool's, named in the
# README by <!-- readme-walk: STEP --> comments.
#
# Sourced by tests/run once per build with $bin, $label, $tmp and the helpers ok, not_ok.
if [ "$label" = release ]; then
	echo "# the README's walk-through for translators"
	SOURCE_DATE_EPOCH=1700000000 tests/tools/readme-walk "$bin" README.md "For translators" \
		>"$tmp/readme15.out" 2>&1
	walk_rc=$?
	while IFS= read -r line; do
		case $line in
		"ok - "*) ok "$label: README ${line#ok - }" ;;
		"not ok - "*) not_ok "$label: README ${line#not ok - }" ;;
		*) echo "$line" ;;
		esac
	done <"$tmp/readme15.out"
	# A crash of the tool itself (a traceback, no "not ok") must fail too.
	if [ $walk_rc != 0 ] && ! grep -q '^not ok' "$tmp/readme15.out"; then
		not_ok "$label: README walk-through: tests/tools/readme-walk exited $walk_rc"
	fi
	unset walk_rc line
fi
