# tests/suites/misc16.sh — issue 16: lint's de-quotes takes German's quotation marks from
# the language facts (lang.h) instead of a table of its own.  „…“ for German in Germany
# and Austria, «…» where the tag names Switzerland or Liechtenstein (lang.c overrides
# ICU 72 there), in a <t> and in a <foreign> run inside other German text; the findings
# say what to type and lint --fix types it.
#
# Sourced by tests/run once per build with $bin, $label, $tmp and the helpers ok, not_ok,
# check, run and golden.

misc16_main() {
	local d=$tmp/misc16
	echo "# misc16: German quotation marks from the language facts"
	mkdir -p "$d"
	cat >"$d/q.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<appeal id="q" xml:lang="en" langs="en de-AT de-CH de-LI">
<head><title id="title"><t xml:lang="en">Free them</t><t xml:lang="de-AT">Lasst sie frei</t><t xml:lang="de-CH">Lasst sie frei</t><t xml:lang="de-LI">Lasst sie frei</t></title></head>
<body><p id="p"><t xml:lang="en">Say "no"</t><t xml:lang="de-AT">Sagt "Nein" und <foreign xml:lang="de-CH">"Nein"</foreign></t><t xml:lang="de-CH">Sagt "Nein"</t><t xml:lang="de-LI">Sagt "Nein"</t></p></body>
</appeal>
EOF
	cat >"$d/q.want" <<'EOF'
q.xml:4:71: warning: straight quotation mark " opening a quotation: type „ (U+201E) [de-quotes]
q.xml:4:76: warning: straight quotation mark " closing a quotation: type “ (U+201C) [de-quotes]
q.xml:4:108: warning: straight quotation mark " opening a quotation: type « (U+00AB) [de-quotes]
q.xml:4:113: warning: straight quotation mark " closing a quotation: type » (U+00BB) [de-quotes]
q.xml:4:153: warning: straight quotation mark " opening a quotation: type « (U+00AB) [de-quotes]
q.xml:4:158: warning: straight quotation mark " closing a quotation: type » (U+00BB) [de-quotes]
q.xml:4:188: warning: straight quotation mark " opening a quotation: type « (U+00AB) [de-quotes]
q.xml:4:193: warning: straight quotation mark " closing a quotation: type » (U+00BB) [de-quotes]
EOF
	run m16lint lint "$d/q.xml"
	sed "s|^$d/||" "$tmp/m16lint.err" >"$d/lint.err"
	check "$label: de-quotes in de-AT asks for „…“, in de-CH and de-LI (and a de-CH run) for «…»" \
		sh -c "test \$(cat '$tmp/m16lint.rc') = 0 && diff -u '$d/q.want' '$d/lint.err' &&
		       ! test -s '$tmp/m16lint.out'"
	run m16fix lint --fix "$d/q.xml"
	check "$label: lint --fix types „Nein“ in de-AT and «Nein» in de-CH and de-LI" \
		sh -c "test \$(cat '$tmp/m16fix.rc') = 0 &&
		       test \$(grep -c 'fixed: .*\[de-quotes\]' '$tmp/m16fix.out') = 8 &&
		       grep -q '<t xml:lang=\"de-AT\">Sagt „Nein“ und <foreign xml:lang=\"de-CH\">«Nein»</foreign></t>' '$d/q.xml' &&
		       grep -q '<t xml:lang=\"de-CH\">Sagt «Nein»</t><t xml:lang=\"de-LI\">Sagt «Nein»</t>' '$d/q.xml' &&
		       ! grep -q '\"Nein' '$d/q.xml'"
	run m16again lint --strict "$d/q.xml"
	check "$label: the fixed document has nothing left for de-quotes" \
		sh -c "test \$(cat '$tmp/m16again.rc') = 0 && ! grep -q 'de-quotes' '$tmp/m16again.err'"
	rm -rf "$d"
}

misc16_main
