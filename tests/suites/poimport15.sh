# tests/suites/poimport15.sh — po import that merges (issue 15, item 2): entries whose
# source changed go in as drafts with their old source in a <note> (--strict refuses the
# file), a locale variant (fr_FR) is taken for the document's fr, a PO file from msginit
# without broadside's header is taken by its msgctxt, and Last-Translator is kept in the
# translator attribute of <t>.
#
# Sourced by tests/run once per build with $bin, $label, $tmp and the helpers ok, not_ok,
# check, run and golden.  The document is written here; every file lives in $tmp.

poimport15_suite() {
	local d=$tmp/poimport15 po_bin
	rm -rf "$d" && mkdir -p "$d"
	po_bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")

	# pi ARGS...: broadside in $d; output in $d/pi.{out,err,rc}
	pi() {
		(cd "$d" && SOURCE_DATE_EPOCH=1686528000 timeout 20 "$po_bin" "$@" >pi.out 2>pi.err)
		echo $? >"$d/pi.rc"
	}
	pi_rc() { test "$(cat "$d/pi.rc")" = "$1"; }
	valid() { (cd "$d" && timeout 20 "$po_bin" validate "$1" >/dev/null 2>&1); }

	cat >"$d/doc.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<appeal id="pi15" xml:lang="en" langs="en de fr">
  <head>
    <title id="title">
      <t xml:lang="en">Free them all</t>
      <t xml:lang="de">Lasst sie alle frei</t>
    </title>
  </head>
  <body>
    <p id="why">
      <t xml:lang="en">They are in prison for their words.</t>
      <t xml:lang="de">Sie sind für ihre Worte im Gefängnis.</t>
    </p>
    <p id="ask">
      <t xml:lang="en">Write to the embassy.</t>
    </p>
  </body>
</appeal>
EOF
	pi po export doc.xml --lang fr -o fr.po
	if ! pi_rc 0; then
		not_ok "$label: po export --lang fr of the test document"
		return
	fi
	# Every entry translated, by a named translator.
	sed -e 's/^"Last-Translator: \\n"$/"Last-Translator: Jeanne Dupont <jeanne@example.org>\\n"/' \
		"$d/fr.po" | awk '
		/^msgctxt "title"/ { c = "Libérez-les tous" }
		/^msgctxt "why"/ { c = "Ils sont en prison pour leurs mots." }
		/^msgctxt "ask"/ { c = "Écrivez à l’ambassade." }
		/^msgstr ""$/ && c != "" { print "msgstr \"" c "\""; c = ""; next }
		{ print }' >"$d/done.po"
	check "$label: the translated PO file passes msgfmt --check" \
		msgfmt --check -o /dev/null "$d/done.po"

	# Two sources change after the export.
	sed -e 's/Free them all</Free them all now</' -e 's/for their words\./for what they wrote./' \
		"$d/doc.xml" >"$d/changed.xml"
	cp "$d/changed.xml" "$d/strict.xml"
	pi po import strict.xml done.po --strict
	check "$label: --strict refuses the file when two sources changed, at each msgid" \
		sh -c "test \"\$(cat '$d/pi.rc')\" = 1 &&
			test \"\$(grep -c 'error: the msgid is not the source of unit .*\[po-source-changed\]' '$d/pi.err')\" = 2"
	check "$label: --strict leaves the document untouched" cmp "$d/strict.xml" "$d/changed.xml"

	pi po import changed.xml done.po
	check "$label: two changed sources: the file is imported (exit 0)" pi_rc 0
	check "$label: two changed sources are two warnings at their msgid" \
		sh -c "test \"\$(grep -c '^done.po:[0-9]*:1: warning: the source of unit \"\(title\|why\)\" changed.*\[po-source-changed\]\$' '$d/pi.err')\" = 2"
	check "$label: the changed entries go in as drafts, without src-hash" \
		sh -c "test \"\$(grep -c '<t xml:lang=\"fr\" state=\"initial\" translator=\"[^\"]*\">' '$d/changed.xml')\" = 2"
	check "$label: each draft's unit notes its old source" \
		sh -c "grep -qx '      <note>A draft from po import, translated from an earlier source: Free them all</note>' '$d/changed.xml' &&
			grep -qx '      <note>A draft from po import, translated from an earlier source: They are in prison for their words.</note>' '$d/changed.xml'"
	check "$label: the entry whose source still matches is imported and confirmed" \
		grep -q '<t xml:lang="fr" state="translated" src-hash="sha256:[0-9a-f]*" translator="[^"]*">Écrivez à l’ambassade.</t>' "$d/changed.xml"
	check "$label: Last-Translator is kept in the translator attribute of each new <t>" \
		sh -c "test \"\$(grep -c 'translator=\"Jeanne Dupont &lt;jeanne@example.org>\"' '$d/changed.xml')\" = 3"
	check "$label: the merged document is valid" valid changed.xml
	cp "$d/changed.xml" "$d/again.xml"
	pi po import again.xml done.po
	check "$label: importing the same file again changes nothing, byte for byte" \
		sh -c "test \"\$(cat '$d/pi.rc')\" = 0 && cmp -s '$d/again.xml' '$d/changed.xml'"

	# Poedit's "French (France)": Language: fr_FR (and fr-FR) for the document's fr.
	local tag
	for tag in fr_FR fr-FR; do
		sed 's/^"Language: fr\\n"$/"Language: '"$tag"'\\n"/' "$d/done.po" >"$d/$tag.po"
		cp "$d/doc.xml" "$d/$tag.xml"
		pi po import "$tag.xml" "$tag.po"
		check "$label: Language: $tag is imported as fr, with a warning at the Language line" \
			sh -c "test \"\$(cat '$d/pi.rc')\" = 0 &&
				grep -q '^$tag.po:[0-9]*:12: warning: the header says Language: $tag; imported as fr.*\[po-language\]\$' '$d/pi.err' &&
				test \"\$(grep -c '<t xml:lang=\"fr\" state=\"translated\"' '$d/$tag.xml')\" = 3"
		check "$label: the document with the $tag file imported is valid" valid "$tag.xml"
	done
	sed 's/^"Language: fr\\n"$/"Language: de_AT\\n"/' "$d/done.po" >"$d/de_AT.po"
	cp "$d/doc.xml" "$d/de_AT.xml"
	pi po import de_AT.xml de_AT.po
	check "$label: a de_AT file is not taken for fr (its recorded language is fr)" \
		sh -c "test \"\$(cat '$d/pi.rc')\" = 1 && cmp -s '$d/doc.xml' '$d/de_AT.xml'"

	# A template of the document's entries, then msginit, as Weblate or a translator does.
	cat >"$d/doc.pot" <<'EOF'
# SOME DESCRIPTIVE TITLE.
#, fuzzy
msgid ""
msgstr ""
"Project-Id-Version: pi15\n"
"POT-Creation-Date: 2023-06-12 00:00+0000\n"
"PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\n"
"Last-Translator: FULL NAME <EMAIL@ADDRESS>\n"
"Language-Team: LANGUAGE <LL@li.org>\n"
"Language: \n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Content-Transfer-Encoding: 8bit\n"

msgctxt "title"
msgid "Free them all"
msgstr ""

msgctxt "ask"
msgid "Write to the embassy."
msgstr ""
EOF
	(cd "$d" && msginit --no-translator -l fr_FR.UTF-8 -i doc.pot -o mi.po >/dev/null 2>&1)
	awk '/^msgctxt "title"/ { c = "Libérez-les tous" }
		/^msgctxt "ask"/ { c = "Écrivez à l’ambassade." }
		/^msgstr ""$/ && c != "" { print "msgstr \"" c "\""; c = ""; next }
		{ print }' "$d/mi.po" >"$d/mi-done.po"
	check "$label: msginit's file has no broadside header" \
		sh -c "! grep -q X-Broadside '$d/mi-done.po' && grep -q '^\"Language: fr' '$d/mi-done.po'"
	cp "$d/doc.xml" "$d/mi.xml"
	pi po import mi.xml mi-done.po
	check "$label: a PO file from msginit is imported by its msgctxt, with a warning" \
		sh -c "test \"\$(cat '$d/pi.rc')\" = 0 &&
			grep -q '^mi-done.po:[0-9]*:[0-9]*: warning: the header names no broadside document.*\[po-document\]\$' '$d/pi.err' &&
			test \"\$(grep -c '<t xml:lang=\"fr\" state=\"translated\" src-hash=\"sha256:[0-9a-f]*\">' '$d/mi.xml')\" = 2"
	check "$label: msginit's placeholder translator is not written" \
		sh -c "! grep -q 'translator=' '$d/mi.xml'"
	check "$label: the document with msginit's file imported is valid" valid mi.xml
	sed 's/^msgctxt "ask"$/msgctxt "nope"/' "$d/mi-done.po" >"$d/mi-bad.po"
	cp "$d/doc.xml" "$d/mi-bad.xml"
	pi po import mi-bad.xml mi-bad.po
	check "$label: a header-less file whose msgctxt is no unit id is refused, nothing written" \
		sh -c "test \"\$(cat '$d/pi.rc')\" = 1 && grep -q 'there is no unit \"nope\".*\[po-context\]' '$d/pi.err' &&
			cmp -s '$d/doc.xml' '$d/mi-bad.xml'"
}

poimport15_suite
