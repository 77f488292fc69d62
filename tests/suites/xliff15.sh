# tests/suites/xliff15.sh — `xliff export` and `xliff import` (issue 15, item 4): XLIFF 2.1
# files valid against the OASIS core schema (tests/xliff), a byte-identical round trip on
# every sample and language, states, notes, inline codes, stale and changed sources, and
# files that are refused.
#
# Sourced by tests/run once per build with $bin, $label, $tmp and the helpers ok, not_ok,
# check, run and golden.  The samples are never written to (every write is on a copy).

xliff15_suite() {
	local d=$tmp/xliff15 xsd=tests/xliff/xliff_core_2.0.xsd
	rm -rf "$d" && mkdir -p "$d"
	if ! "$bin" help xliff >/dev/null 2>&1; then
		not_ok "$label: xliff is in the command table (src/cli.c)"
		return
	fi
	rc_of() { cat "$tmp/$1.rc"; }
	schema_ok() { xmllint --noout --nonet --schema "$xsd" "$1"; }

	run x15help xliff --help
	check "$label: xliff --help lists export, import and the table's options" \
		sh -c "grep -q 'xliff export FILE --lang LANG' '$tmp/x15help.out' &&
		       grep -q -- '--strict' '$tmp/x15help.out' && grep -q -- '--dry-run' '$tmp/x15help.out'"
	run x15usage xliff export xml/appeal-free-them.xml
	check "$label: xliff export without --lang is a usage error (2)" test "$(rc_of x15usage)" = 2

	# Every sample, every translation language: valid XLIFF, and an unchanged import
	# leaves the document's bytes as they were.
	local f copy lang langs
	for f in xml/*.xml; do
		copy=$d/$(basename "$f")
		cp "$f" "$copy"
		langs=$(sed -n 's/.*langs="\([^"]*\)".*/\1/p' "$f" | head -1)
		for lang in $langs; do
			run x15e xliff export "$copy" --lang "$lang" -o "$d/rt.xlf"
			[ "$(rc_of x15e)" = 0 ] || continue # the source language
			check "$label: xliff export $f --lang $lang is valid XLIFF 2 (core XSD)" \
				schema_ok "$d/rt.xlf"
			run x15i xliff import "$copy" "$d/rt.xlf"
			check "$label: xliff import of the unchanged export ($f, $lang): exit 0, same bytes" \
				sh -c "test \"\$(cat '$tmp/x15i.rc')\" = 0 && cmp '$f' '$copy'"
		done
	done
	run x15src xliff export xml/appeal-free-them.xml --lang en
	check "$label: xliff export --lang of the source language is refused (1)" \
		test "$(rc_of x15src)" = 1

	# What the export says, worked out from the sample with grep.
	local doc=$d/appeal.xml xlf=$d/de.xlf
	cp xml/appeal-free-them.xml "$doc"
	run x15de xliff export "$doc" --lang de -o "$xlf"
	local n_units
	n_units=$(grep -c '<t xml:lang="en"' xml/appeal-free-them.xml)
	check "$label: one <unit> per unit with an id ($n_units), one <file>, XLIFF 2.1" \
		sh -c "test \"\$(grep -c '<unit ' '$xlf')\" = $n_units &&
		       test \"\$(grep -c '<file ' '$xlf')\" = 1 &&
		       grep -q 'version=\"2.1\" srcLang=\"en\" trgLang=\"de\"' '$xlf'"
	check "$label: state mapped: the title final, the subtitle reviewed, the draft initial" \
		sh -c "grep -A5 '<unit id=\"title\"' '$xlf' | grep -q '<segment state=\"final\"' &&
		       grep -A3 '<unit id=\"subtitle\"' '$xlf' | grep -q '<segment state=\"reviewed\"' &&
		       test \"\$(grep -c 'state=\"initial\"' '$xlf')\" = \"\$(grep -c 'xml:lang=\"de\" state=\"initial\"' xml/appeal-free-them.xml)\""
	check "$label: inline codes: strong as <pc subType=xlf:b>, the link as type=link, the date range as <ph disp>" \
		sh -c "grep -q '<pc id=\"1\" type=\"fmt\" subType=\"xlf:b\" bs:el=\"strong\">Macht mit</pc>' '$xlf' &&
		       grep -q '<pc id=\"2\" type=\"link\" bs:el=\"a\" bs:href=\"https://example.org/free-them-all/events\">Karte der Aktionen</pc>' '$xlf' &&
		       grep -q '<ph id=\"date1\" type=\"other\" bs:el=\"date\" disp=\"2023-06-17 – 2023-06-22\"/>' '$xlf'"
	check "$label: unit notes and the document's notes are <note>s" \
		sh -c "grep -q '<note>The date range is written by the renderer; do not type the dates.</note>' '$xlf' &&
		       grep -q '<note category=\"document\">For translators: the title' '$xlf'"
	check "$label: every unit carries its source's src-hash (the title's)" \
		grep -q '<unit id="title" name="title" bs:src-hash="sha256:1150f54cc90ede7b">' "$xlf"

	# A changed target, a state changed in the CAT tool.
	sed -e 's|<target>Lasst sie alle frei!</target>|<target>Freiheit für alle!</target>|' \
	    -e '/<unit id="subtitle"/,/<\/unit>/s/state="reviewed"/state="final"/' "$xlf" >"$d/edit.xlf"
	run x15edit xliff import "$doc" "$d/edit.xlf"
	check "$label: xliff import writes a changed target, confirmed, in its state" \
		grep -q '<t xml:lang="de" state="final" src-hash="sha256:1150f54cc90ede7b">Freiheit für alle!</t>' "$doc"
	check "$label: xliff import writes a state changed in the file (reviewed → final)" \
		grep -q '<t xml:lang="de" state="final" src-hash="sha256:6cd7b996bba630c5">Weltweite Aktionstage' "$doc"
	check "$label: xliff import changed those two lines and nothing else" \
		test "$(diff xml/appeal-free-them.xml "$doc" | grep -c '^>')" = 2
	check "$label: xliff import reports 1 changed, 1 state changed" \
		grep -q ': 0 new, 1 changed, 1 state changed, 0 drafts of a changed source' "$tmp/x15edit.out"
	run x15val validate "$doc"
	check "$label: the imported document is valid" test "$(rc_of x15val)" = 0

	# A new translation: a unit without its <t xml:lang="de">.
	cp xml/appeal-free-them.xml "$doc"
	sed -i '/<t xml:lang="de" src-hash="sha256:dad114b6ed7342ba">Berlin<\/t>/d' "$doc"
	run x15new xliff export "$doc" --lang de -o "$d/new.xlf"
	check "$label: a unit without translation has a segment with no <target>" \
		sh -c "grep -A4 '<unit id=\"issued-in\"' '$d/new.xlf' | grep -q '</source>' &&
		       ! grep -A4 '<unit id=\"issued-in\"' '$d/new.xlf' | grep -q '<target>'"
	sed -i '/<unit id="issued-in"/,/<\/unit>/{s|state="initial"|state="translated"|;s|<source>Berlin</source>|&<target>Berlin (Hauptstadt)</target>|}' "$d/new.xlf"
	run x15newi xliff import "$doc" "$d/new.xlf"
	check "$label: xliff import adds the new <t>, translated and confirmed" \
		grep -q '<t xml:lang="de" state="translated" src-hash="sha256:dad114b6ed7342ba">Berlin (Hauptstadt)</t>' "$doc"

	# A stale translation goes out as initial + subState, and comes back unchanged.
	cp xml/appeal-free-them.xml "$doc"
	sed -i 's|<t xml:lang="en">Global days of action</t>|<t xml:lang="en">Global days of protest</t>|' "$doc"
	cp "$doc" "$d/stale-before.xml"
	run x15st xliff export "$doc" --lang de -o "$d/stale.xlf"
	check "$label: a stale translation is state=initial subState=broadside:stale, with a note" \
		sh -c "grep -A6 '<unit id=\"h-days\"' '$d/stale.xlf' | grep -q 'state=\"initial\" subState=\"broadside:stale\"' &&
		       grep -A6 '<unit id=\"h-days\"' '$d/stale.xlf' | grep -q 'category=\"broadside:stale\"'"
	check "$label: the export with a stale unit is valid XLIFF 2" schema_ok "$d/stale.xlf"
	run x15sti xliff import "$doc" "$d/stale.xlf"
	check "$label: importing it unchanged leaves the stale document's bytes as they were" \
		cmp "$doc" "$d/stale-before.xml"
	sed '/<unit id="h-days"/,/<\/unit>/{s/state="initial" subState="broadside:stale"/state="translated"/;s|<target>Weltweite Aktionstage</target>|<target>Weltweite Protesttage</target>|}' \
		"$d/stale.xlf" >"$d/stale2.xlf"
	local new_hash
	new_hash=$(sed -n 's/.*<unit id="h-days" name="h" bs:src-hash="\([^"]*\)".*/\1/p' "$d/stale.xlf")
	run x15sti2 xliff import "$doc" "$d/stale2.xlf"
	check "$label: an updated stale translation is confirmed against the new source" \
		grep -q "<t xml:lang=\"de\" src-hash=\"$new_hash\">Weltweite Protesttage</t>" "$doc"

	# The source changed after the export: caught on import.
	cp xml/appeal-free-them.xml "$doc"
	run x15sc xliff export "$doc" --lang de -o "$d/sc.xlf"
	sed -i 's|<t xml:lang="en">Global days of action</t>|<t xml:lang="en">Global days of protest</t>|' "$doc"
	sed -i 's|<target>Weltweite Aktionstage</target>|<target>Weltweite Protesttage</target>|' "$d/sc.xlf"
	cp "$doc" "$d/sc-before.xml"
	run x15scs xliff import --strict "$doc" "$d/sc.xlf"
	check "$label: --strict refuses a unit whose source changed since the export (1, nothing written)" \
		sh -c "test \"\$(cat '$tmp/x15scs.rc')\" = 1 && grep -q '\[xliff-source-changed\]' '$tmp/x15scs.err' &&
		       cmp '$doc' '$d/sc-before.xml'"
	run x15scd xliff import "$doc" "$d/sc.xlf"
	check "$label: without --strict it is kept as a draft, not confirmed, and reported" \
		sh -c "grep -q '<t xml:lang=\"de\" src-hash=\"sha256:da0c552052ac300d\" state=\"initial\">Weltweite Protesttage</t>' '$doc' &&
		       grep -q 'h-days\" its source changed since the export: a draft' '$tmp/x15scd.out'"

	# Refused: a link left out, another language, another document.
	cp xml/appeal-free-them.xml "$doc"
	sed 's|<pc id="2" type="link" bs:el="a" bs:href="https://example.org/free-them-all/events">Karte der Aktionen</pc>|Karte der Aktionen|' \
		"$xlf" >"$d/nolink.xlf"
	run x15nl xliff import "$doc" "$d/nolink.xlf"
	local line
	line=$(grep -n '<unit id="call"' "$d/nolink.xlf" | cut -d: -f1)
	check "$label: a target without the source's link is refused at its <target> [xliff-inline]" \
		sh -c "test \"\$(cat '$tmp/x15nl.rc')\" = 1 &&
		       grep -q '^$d/nolink.xlf:$((line + 6)):5: error: the target of unit \"call\": .*\[xliff-inline\]' '$tmp/x15nl.err' &&
		       cmp '$doc' xml/appeal-free-them.xml"
	run x15lang xliff import --lang fa "$doc" "$xlf"
	check "$label: a de file imported with --lang fa is refused [xliff-language]" \
		sh -c "test \"\$(cat '$tmp/x15lang.rc')\" = 1 && grep -q '\[xliff-language\]' '$tmp/x15lang.err'"
	run x15doc xliff import xml/flyer-frankfurt.xml "$xlf"
	check "$label: a file for another document is refused [xliff-document]" \
		sh -c "test \"\$(cat '$tmp/x15doc.rc')\" = 1 && grep -q '\[xliff-document\]' '$tmp/x15doc.err'"

	# Another XML writer (Python's ElementTree: ns0: prefixes, its own quoting) gives
	# back a file that imports as the same document.
	if python3 -c 'import xml.etree.ElementTree' 2>/dev/null; then
		python3 -c 'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1]).write(sys.argv[2], encoding="UTF-8", xml_declaration=True)' \
			"$xlf" "$d/etree.xlf"
		run x15et xliff import "$doc" "$d/etree.xlf"
		check "$label: the file rewritten by ElementTree imports unchanged: same bytes" \
			sh -c "grep -q '<ns0:xliff' '$d/etree.xlf' && test \"\$(cat '$tmp/x15et.rc')\" = 0 &&
			       cmp '$doc' xml/appeal-free-them.xml"
	fi
}

xliff15_suite
unset -f xliff15_suite
