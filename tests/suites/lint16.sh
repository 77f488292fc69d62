# tests/suites/lint16.sh — issue 16, lint split into an engine and a rule table: rule
# names on the command line are still checked against the table, and lint --fix checks
# the fixed bytes before it replaces the file.  The fix that makes a valid document
# invalid: Persian digits take two bytes where Latin ones take one, so fixing the digits
# of a document just under the 8 MiB limit (SOURCE_MAX_BYTES) makes one over it, which
# no command would read back.  lint --fix must then write nothing and say why; with
# room to spare, the same fixes are written.
#
# Sourced by tests/run once per build with $bin, $label, $tmp and the helpers ok, not_ok,
# check, run and golden.

# A valid document of exactly SIZE bytes whose Farsi text has 40 Latin digits (+40 bytes
# when fixed), padded by a comment after the root element.
lint16_document() { # lint16_document PATH SIZE
	local body
	body='<?xml version="1.0" encoding="UTF-8"?>
<appeal id="a" xml:lang="en" langs="en fa">
<head><title id="title"><t xml:lang="en">Free them</t><t xml:lang="fa">آزادشان کنید</t></title></head>
<body><p id="p"><t xml:lang="en">Since 1234567890 1234567890 1234567890 1234567890.</t><t xml:lang="fa">از 1234567890 1234567890 1234567890 1234567890.</t></p></body>
</appeal>
<!-- '
	local pad=$(($2 - $(printf '%s' "$body" | wc -c) - 5))
	{ printf '%s' "$body"; head -c "$pad" /dev/zero | tr '\0' x; printf ' -->\n'; } >"$1"
}

lint16_main() {
	local d=$tmp/lint16 max=$((8 * 1024 * 1024))
	rc_of() { cat "$tmp/$1.rc"; }
	echo "# lint16: the rule table on the command line; lint --fix checks before it writes"
	mkdir -p "$d"
	run l16enable lint --enable no-such-rule tests/lint/draft15.xml
	check "$label: --enable with an unknown rule is a usage error (exit 2), as before the table" \
		sh -c "test $(rc_of l16enable) = 2 && grep -q 'no such rule.*no-such-rule' '$tmp/l16enable.err' &&
		       ! test -s '$tmp/l16enable.out'"
	run l16known lint --strict --enable fa-tatweel --enable de-dash tests/lint/draft15.xml
	check "$label: --enable accepts the table's names" sh -c "test $(rc_of l16known) = 0"

	lint16_document "$d/full.xml" $((max - 20))
	cp "$d/full.xml" "$d/full.orig"
	run l16full validate "$d/full.xml"
	check "$label: the document 20 bytes under the size limit is valid" \
		sh -c "test $(rc_of l16full) = 0 && test \$(wc -c <'$d/full.xml') = $((max - 20))"
	run l16fix lint --fix "$d/full.xml"
	check "$label: lint --fix whose fixes would pass the size limit writes nothing and says so" \
		sh -c "test $(rc_of l16fix) = 1 && cmp -s '$d/full.xml' '$d/full.orig' &&
		       grep -q 'error: the changes would make the document invalid, so nothing was written' '$tmp/l16fix.err' &&
		       grep -q 'error: (after the changes) the file is larger than 8 MiB.*\[file-size\]' '$tmp/l16fix.err' &&
		       ! grep -q 'fixed:' '$tmp/l16fix.out'"
	check "$label: and still reports the findings it could not fix" \
		grep -q 'warning: Latin digits 1234567890: .*\[fa-digits\]' "$tmp/l16fix.err"

	lint16_document "$d/room.xml" $((max - 100))
	run l16room lint --fix "$d/room.xml"
	check "$label: with room to spare the same fixes are written" \
		sh -c "test $(rc_of l16room) = 0 && test \$(wc -c <'$d/room.xml') = $((max - 60)) &&
		       test \$(grep -c 'fixed: .*\[fa-digits\]' '$tmp/l16room.out') = 40"
	rm -rf "$d"
}

lint16_main
unset -f lint16_main lint16_document
