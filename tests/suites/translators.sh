# tests/suites/translators.sh — the translators' workflow (issue #6): status, confirm and
# stale translations, PO files checked with GNU gettext's own tools (msgfmt, msgmerge,
# msgattrib, msgcat), and the translation memory (fill).
#
# Sourced by tests/run once per build with $bin, $label, $tmp and the helpers ok, not_ok,
# check, run and golden.  Expected numbers are worked out from the XML with grep, apart
# from broadside; the samples are never written to (every write happens on a copy).

translators_suite() {
	local tr=$tmp/translators po_bin
	rm -rf "$tr" && mkdir -p "$tr"
	po_bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
	# Reproducible PO headers (POT-Creation-Date, PO-Revision-Date).
	local epoch=1686528000

	if ! "$bin" help po >/dev/null 2>&1; then
		not_ok "$label: status, confirm, po and fill are in the command table (src/cli.c)"
		return
	fi

	# bs ARGS...: broadside in $tr, where the copies are; output in $tr/bs.{out,err,rc}
	bs() {
		(cd "$tr" && SOURCE_DATE_EPOCH=$epoch timeout 20 "$po_bin" "$@" >bs.out 2>bs.err)
		echo $? >"$tr/bs.rc"
	}
	rc_is() { test "$(cat "$tr/bs.rc")" = "$1"; }
	# po_set IN OUT CTXT TEXT: the entry of unit CTXT gets msgstr TEXT, and is no longer fuzzy
	po_set() {
		awk -v ctxt="msgctxt \"$3\"" -v msgstr="msgstr \"$4\"" '
			BEGIN { RS = ""; ORS = "\n\n" }
			{
				n = split($0, lines, "\n"); mine = 0
				for (i = 1; i <= n; i++) if (lines[i] == ctxt) mine = 1
				if (!mine) { print; next }
				out = ""; skip = 0
				for (i = 1; i <= n; i++) {
					l = lines[i]
					if (l == "#, fuzzy") continue
					if (l ~ /^msgstr /) { out = out msgstr "\n"; skip = 1; continue }
					if (skip && l ~ /^"/) continue
					skip = 0; out = out l "\n"
				}
				printf "%s\n", out
			}' "$1" >"$2"
	}

	echo "# translators: po export and import of every sample, checked with gettext"
	local doc lang src units drafts want plural
	for doc in xml/*.xml; do
		src=$(sed -n 's/.*<\(appeal\|letter\) [^>]*xml:lang="\([^"]*\)".*/\2/p' "$doc" | head -1)
		for lang in $(sed -n 's/.*langs="\([^"]*\)".*/\1/p' "$doc" | head -1); do
			[ "$lang" = "$src" ] && continue
			local name; name=$(basename "$doc" .xml)-$lang
			cp "$doc" "$tr/$name.xml"
			bs po export "$name.xml" --lang "$lang" -o "$name.po"
			check "$label: po export $doc --lang $lang" rc_is 0
			# One entry per unit (a unit has exactly one source <t>); its drafts fuzzy.
			units=$(grep -c "<t xml:lang=\"$src\"" "$doc")
			drafts=$(grep -c "<t xml:lang=\"$lang\" state=\"initial\"" "$doc")
			want="$((units - drafts)) translated messages"
			[ "$drafts" = 0 ] || want="$want, $drafts fuzzy translation"
			[ "$drafts" -gt 1 ] && want="${want}s"
			check "$label: msgfmt --check passes on $name.po, silently but for: $want." \
				sh -c "msgfmt --check --statistics -o /dev/null '$tr/$name.po' >'$tr/msgfmt.out' 2>&1 &&
				       test \"\$(cat '$tr/msgfmt.out')\" = '$want.'"
			check "$label: $name.po is written as gettext writes PO files (msgcat changes nothing)" \
				sh -c "msgcat '$tr/$name.po' | cmp - '$tr/$name.po'"
			plural='nplurals=2; plural=(n != 1);'
			[ "$lang" = fa ] && plural='nplurals=2; plural=(n > 1);'
			[ "$lang" = ar ] && plural='nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);'
			# (read unwrapped: Arabic's formula is longer than a line)
			check "$label: $name.po is for $lang, with its plural forms" \
				sh -c 'msgcat --no-wrap "$3" >"$3.nowrap" && grep -qxF "\"Language: $1\\n\"" "$3.nowrap" &&
					grep -qxF "\"Plural-Forms: $2\\n\"" "$3.nowrap"' \
				- "$lang" "$plural" "$tr/$name.po"
			bs po import "$name.xml" "$name.po"
			check "$label: po import of the unchanged $name.po: exit 0, nothing changed" \
				sh -c "test \"\$(cat '$tr/bs.rc')\" = 0 && grep -q ': 0 new, 0 changed, 0 confirmed, $units unchanged' '$tr/bs.out'"
			check "$label: export then import leaves $doc byte-identical ($lang)" \
				cmp "$doc" "$tr/$name.xml"
			# Re-wrapped by gettext (other line breaks in every long string): the same.
			msgcat --width=40 "$tr/$name.po" -o "$tr/$name-w40.po"
			bs po import "$name.xml" "$name-w40.po"
			check "$label: a PO file re-wrapped by msgcat --width=40 imports as no change ($lang)" \
				sh -c "test \"\$(cat '$tr/bs.rc')\" = 0 && cmp '$doc' '$tr/$name.xml'"
		done
	done

	echo "# translators: confirm, and a stale translation after the source changes"
	# The appeal as it would be if nobody had confirmed it yet: the reference below.
	local orig=$tr/appeal-orig.xml
	sed -E 's/ src-hash="sha256:[0-9a-f]{16}"//' xml/appeal-free-them.xml >"$orig"
	local a=$tr/appeal.xml
	cp "$orig" "$a"
	bs confirm appeal.xml --lang fa --lang de
	check "$label: confirm --lang fa --lang de exits 0" rc_is 0
	check "$label: confirm writes one src-hash per fa and de <t>, nothing else" \
		sh -c "test \$(grep -Ec '<t xml:lang=\"(fa|de)\"[^>]* src-hash=\"sha256:[0-9a-f]{16}\"' '$a') = \
			\$(grep -Ec '<t xml:lang=\"(fa|de)\"' '$orig') &&
		       sed -E 's/ src-hash=\"sha256:[0-9a-f]{16}\"//' '$a' | cmp - '$orig'"
	check "$label: confirm says what it did" \
		grep -qx 'appeal.xml: confirmed 31 fa translations (0 already confirmed, 0 missing)' "$tr/bs.out"
	cp "$a" "$tr/confirmed.xml"
	bs confirm appeal.xml --lang de
	check "$label: confirming again changes nothing" \
		sh -c "cmp '$a' '$tr/confirmed.xml' && grep -q 'confirmed 0 de translations (31 already' '$tr/bs.out'"
	bs validate --strict appeal.xml
	check "$label: a confirmed document validates with --strict, silently" \
		sh -c "test \"\$(cat '$tr/bs.rc')\" = 0 && test ! -s '$tr/bs.err'"
	bs po export appeal.xml --lang de -o old-de.po
	bs po export appeal.xml --lang fa -o old-fa.po

	# One English sentence of "why" is edited.
	sed -i 's/Their only crime is that they would not stay silent\./Their only crime: they would not keep silent./' "$a"
	check "$label: (the test edits exactly one line)" \
		test "$(diff "$tr/confirmed.xml" "$a" | grep -c '^>')" = 1
	bs status appeal.xml
	check "$label: status names exactly \"why\" stale, in fa and in de" \
		sh -c "test \"\$(grep 'stale (' '$tr/bs.out')\" = \"\$(printf '  fa  stale (1): why\n  de  stale (1): why')\""
	bs status --json appeal.xml
	check "$label: status --json: stale_units is [\"why\"] in fa and de, [] in en" \
		jq -e '.[0].languages | map({(.lang): .stale_units}) | add == {"en": [], "fa": ["why"], "de": ["why"]}' "$tr/bs.out"
	bs validate appeal.xml
	check "$label: validate warns [translation-stale] for why in fa and de, and exits 0" \
		sh -c "test \"\$(cat '$tr/bs.rc')\" = 0 &&
		       test \"\$(grep -c 'warning: the \(fa\|de\) translation of unit \"why\" is stale.*\[translation-stale\]\$' '$tr/bs.err')\" = 2 &&
		       test \"\$(wc -l <'$tr/bs.err')\" = 2"
	bs validate --strict appeal.xml
	check "$label: validate --strict refuses the stale translations (1)" rc_is 1
	bs lint appeal.xml
	check "$label: lint names the stale translations too" \
		test "$(grep -c 'unit "why" is stale' "$tr/bs.err")" = 2
	bs po export appeal.xml --lang de -o new-de.po
	check "$label: in the new de export, exactly why and the draft are fuzzy" \
		sh -c "test \"\$(msgattrib --only-fuzzy '$tr/new-de.po' | grep '^msgctxt' | tr '\n' ' ')\" = 'msgctxt \"why\" msgctxt \"letter-from-evin\" '"
	check "$label: msgfmt counts it: 29 translated, 2 fuzzy" \
		sh -c "msgfmt --check --statistics -o /dev/null '$tr/new-de.po' 2>&1 | grep -qx '29 translated messages, 2 fuzzy translations.'"
	bs po export appeal.xml --lang fa --previous confirmed.xml -o new-fa.po
	check "$label: with --previous, the stale entry has the old source as #| msgid" \
		sh -c "msgattrib --only-fuzzy --no-wrap '$tr/new-fa.po' | grep -q '^#| msgid \".*Their only crime is that they would not stay silent\\.\"\$'"

	echo "# translators: msgmerge an old translation into a new export"
	msgmerge --quiet --previous "$tr/old-de.po" "$tr/new-de.po" -o "$tr/merged-de.po"
	check "$label: msgmerge marks the changed unit fuzzy, with its previous msgid" \
		sh -c "msgattrib --only-fuzzy --no-wrap '$tr/merged-de.po' >'$tr/fuzzy.po' &&
		       grep -q '^msgctxt \"why\"\$' '$tr/fuzzy.po' && grep -q '^#| msgid \".*stay silent\\.\"' '$tr/fuzzy.po'"
	cp "$a" "$tr/edited.xml"
	bs po import appeal.xml merged-de.po
	check "$label: the merged file imports as no change: why stays stale" \
		sh -c "test \"\$(cat '$tr/bs.rc')\" = 0 && cmp '$tr/edited.xml' '$a'"
	# The translator updates the translation and clears the fuzzy flag.
	po_set "$tr/merged-de.po" "$tr/updated-de.po" why \
		"Auf den Aufstand (<1>زن، زندگی، آزادی</1>) antwortete das Regime mit Kugeln. Ihr Verbrechen: Sie schwiegen nicht."
	bs po import appeal.xml updated-de.po
	check "$label: the updated translation imports: one line changed, state translated, confirmed" \
		sh -c "test \"\$(cat '$tr/bs.rc')\" = 0 && test \"\$(diff '$tr/edited.xml' '$a' | grep -c '^>')\" = 1 &&
		       grep -Eq '<t xml:lang=\"de\" state=\"translated\" src-hash=\"sha256:[0-9a-f]{16}\">Auf den Aufstand \(<foreign xml:lang=\"fa\">زن، زندگی، آزادی</foreign>\) antwortete das Regime mit Kugeln\. Ihr Verbrechen: Sie schwiegen nicht\.</t>\$' '$a'"
	bs status --json appeal.xml
	check "$label: after the import, why is stale in fa only" \
		jq -e '.[0].languages | map({(.lang): .stale_units}) | add == {"en": [], "fa": ["why"], "de": []}' "$tr/bs.out"

	echo "# translators: PO files edited with msgattrib and sed"
	local de=$tr/edit-de.xml
	cp "$orig" "$de"
	bs po export edit-de.xml --lang de -o edit-de.po
	msgattrib --clear-fuzzy "$tr/edit-de.po" -o "$tr/approved.po"
	bs po import edit-de.xml approved.po
	check "$label: msgattrib --clear-fuzzy approves the draft: its one line becomes translated and confirmed" \
		sh -c "test \"\$(cat '$tr/bs.rc')\" = 0 &&
		       grep -Eq '<t xml:lang=\"de\" state=\"translated\" src-hash=\"sha256:[0-9a-f]{16}\">Am <date when=\"2023-06-10\"/>' '$de' &&
		       sed -E 's/<t xml:lang=\"de\" state=\"translated\" src-hash=\"sha256:[0-9a-f]{16}\">Am <date/<t xml:lang=\"de\" state=\"initial\">Am <date/' '$de' |
		       cmp - '$orig'"
	cp "$orig" "$de"
	msgattrib --set-fuzzy "$tr/edit-de.po" -o "$tr/all-fuzzy.po"
	bs po import edit-de.xml all-fuzzy.po
	check "$label: msgattrib --set-fuzzy on every entry changes nothing (fuzzy never downgrades)" \
		cmp "$orig" "$de"
	sed 's/^msgstr "Lasst sie alle frei!"$/msgstr "Lasst alle frei!"/' "$tr/edit-de.po" >"$tr/sed.po"
	bs po import edit-de.xml sed.po
	check "$label: a msgstr changed with sed: exactly its <t> changes" \
		sh -c "diff '$orig' '$de' | grep -c '^[<>]' | grep -qx 2 &&
		       grep -Eq '^      <t xml:lang=\"de\" state=\"translated\" src-hash=\"sha256:[0-9a-f]{16}\">Lasst alle frei!</t>\$' '$de'"
	cp "$orig" "$de"
	sed 's/^msgctxt "title"$/#, fuzzy\nmsgctxt "title"/' "$tr/sed.po" >"$tr/sed-fuzzy.po"
	bs po import edit-de.xml sed-fuzzy.po
	check "$label: a changed fuzzy entry is imported as a draft (state=\"initial\", no src-hash)" \
		grep -q '^      <t xml:lang="de" state="initial">Lasst alle frei!</t>$' "$de"
	# A missing translation: exported empty, filled in, imported as a new line.
	grep -v '<t xml:lang="de" state="final">Lasst sie alle frei!</t>' "$orig" >"$de"
	bs po export edit-de.xml --lang de -o missing.po
	check "$label: a missing translation is an empty entry (msgfmt: 1 untranslated)" \
		sh -c "msgfmt --statistics -o /dev/null '$tr/missing.po' 2>&1 | grep -q '1 untranslated message'"
	po_set "$tr/missing.po" "$tr/filled.po" title "Lasst sie alle frei!"
	bs po import edit-de.xml filled.po
	check "$label: the new translation is a new <t> line after the last one, indented like it" \
		sh -c "test \"\$(cat '$tr/bs.rc')\" = 0 &&
		       sed -E 's|<t xml:lang=\"de\" state=\"translated\" src-hash=\"sha256:[0-9a-f]{16}\">Lasst sie alle frei!</t>|<t xml:lang=\"de\" state=\"final\">Lasst sie alle frei!</t>|' '$de' |
		       cmp - '$orig'"
	check "$label: ... and the document still validates" "$bin" validate --strict "$de"

	echo "# translators: tampered PO files are refused, at their line"
	cp "$orig" "$de"
	local line
	sed 's|<1>Macht mit</1>|<1>Macht mit</2>|' "$tr/edit-de.po" >"$tr/broken-tag.po"
	line=$(grep -n '<1>Macht mit</2>' "$tr/broken-tag.po" | cut -d: -f1)
	bs po import edit-de.xml broken-tag.po
	check "$label: a broken tag is refused at its line and column (1), the document untouched" \
		sh -c "test \"\$(cat '$tr/bs.rc')\" = 1 && cmp '$orig' '$de' &&
		       grep -Eqx 'broken-tag.po:$line:[0-9]+: error: the msgstr: </2> does not end <1>, which is still open \[po-tags\]' '$tr/bs.err' &&
		       test ! -s '$tr/bs.out'"
	check "$label: ... and leaves no temporary file" \
		test "$(find "$tr" -name 'edit-de.xml.*' | wc -l)" = 0
	sed 's|<date1/>, stehen wir|stehen wir|' "$tr/edit-de.po" >"$tr/no-date.po"
	bs po import edit-de.xml no-date.po
	check "$label: a dropped date is refused" \
		sh -c "test \"\$(cat '$tr/bs.rc')\" = 1 && grep -q '<date1/> (2023-06-17 to 2023-06-22) is missing; every date of the source must be kept \[po-tags\]' '$tr/bs.err'"
	sed 's/^msgctxt "call"$/msgctxt "cal"/' "$tr/edit-de.po" >"$tr/context.po"
	line=$(grep -n '^msgctxt "cal"$' "$tr/context.po" | cut -d: -f1)
	bs po import edit-de.xml context.po
	check "$label: a wrong context is refused at its line" \
		sh -c "test \"\$(cat '$tr/bs.rc')\" = 1 && grep -qx 'context.po:$line:1: error: there is no unit \"cal\" in \"free-them-all-2023\" (edit-de.xml) \[po-context\]' '$tr/bs.err'"
	sed 's/^"Language: de\\n"$/"Language: fr\\n"/' "$tr/edit-de.po" >"$tr/french.po"
	line=$(grep -n '^"Language: fr' "$tr/french.po" | cut -d: -f1)
	bs po import edit-de.xml french.po
	check "$label: a PO file in another language is refused at its Language line" \
		sh -c "test \"\$(cat '$tr/bs.rc')\" = 1 && grep -q '^french.po:$line:12: error: this file is in fr, which is not one of the languages of \"free-them-all-2023\" (edit-de.xml) \[po-language\]\$' '$tr/bs.err'"
	bs po import edit-de.xml edit-de.po --lang fa
	check "$label: po import --lang fa refuses a de file" \
		sh -c "test \"\$(cat '$tr/bs.rc')\" = 1 && grep -q 'this file is in de, not fa (--lang) \[po-language\]' '$tr/bs.err'"
	bs po import edit-de.xml letter-to-rapporteur-de.po
	check "$label: the letter's PO file is refused for the appeal" \
		sh -c "test \"\$(cat '$tr/bs.rc')\" = 1 && grep -q 'this file is for the document \"letter-to-rapporteur-2023\", not \"free-them-all-2023\" (edit-de.xml) \[po-document\]' '$tr/bs.err'"
	bs po import appeal.xml old-de.po --strict
	check "$label: a PO file exported before the source changed is refused with --strict" \
		sh -c "test \"\$(cat '$tr/bs.rc')\" = 1 && grep -q 'the msgid is not the source of unit \"why\" as it is now.*msgmerge \[po-source-changed\]' '$tr/bs.err'"
	bs po import edit-de.xml edit-de.xml
	check "$label: a file that is not PO is refused as such" \
		sh -c "test \"\$(cat '$tr/bs.rc')\" = 1 && grep -q '^edit-de.xml:1:1: error: not PO syntax.*\[po-syntax\]\$' '$tr/bs.err'"
	check "$label: after all the refusals the document is untouched" cmp "$orig" "$de"
	bs po import edit-de.xml no-such.po
	check "$label: a missing PO file exits 3" rc_is 3
	bs po export edit-de.xml --lang en
	check "$label: exporting the source language is refused (1)" rc_is 1
	bs po export edit-de.xml
	check "$label: po export without --lang is a usage error (2)" rc_is 2
	bs po export edit-de.xml --lang de -o ./edit-de.xml
	check "$label: po export -o onto the document itself is a usage error (2), nothing written" \
		sh -c "test \"\$(cat '$tr/bs.rc')\" = 2 && cmp '$orig' '$de'"
	bs po frobnicate
	check "$label: an unknown po subcommand is a usage error (2)" rc_is 2

	echo "# translators: status for a print run"
	mkdir -p "$tr/samples" && cp xml/*.xml "$tr/samples/"
	bs status samples/appeal-free-them.xml samples/letter-to-rapporteur.xml
	check "$label: status of the samples exits 0" rc_is 0
	# The table's lines (header and one per language) line up, Farsi title or not.
	check "$label: every table has its columns aligned" \
		sh -c "awk '/^  language/ { w = length(\$0); n = 4 } n && n-- { if (length(\$0) != w) exit 1 }' '$tr/bs.out'"
	check "$label: the Farsi title is printed on a line of its own" \
		grep -qx '  title: نامه به گزارشگر ویژه‌ی سازمان ملل متحد درباره‌ی وضعیت حقوق بشر در ایران' "$tr/bs.out"
	check "$label: status counts de of the appeal: 31 units, 1 draft, 96% complete" \
		grep -Eq '^  de  German +31 +1 +27 +2 +1 +0 +0 +96%$' "$tr/bs.out"
	bs status --json samples/appeal-free-them.xml samples/letter-to-rapporteur.xml
	check "$label: status --json has both documents and their languages" \
		jq -e 'length == 2 and .[1].source == "fa" and (.[1].languages | map(.lang)) == ["fa", "en", "de"]
		       and (.[0].languages[2] | .complete == 96 and .initial == 1 and .draft_units == ["letter-from-evin"])' "$tr/bs.out"
	local below
	below=$(($(grep -c '<t xml:lang="fa"' xml/appeal-free-them.xml) - $(grep -Ec '<t xml:lang="fa" state="(reviewed|final)"' xml/appeal-free-them.xml)))
	bs status --require fa=reviewed samples/appeal-free-them.xml
	check "$label: --require fa=reviewed fails (1) with one error per unit below it ($below)" \
		sh -c "test \"\$(cat '$tr/bs.rc')\" = 1 && test \"\$(grep -c 'is only translated in fa (--require fa=reviewed) \[status-require\]\$' '$tr/bs.err')\" = $below"
	bs status --require fa=translated --require de=initial samples/appeal-free-them.xml
	check "$label: --require fa=translated --require de=initial passes (0)" rc_is 0
	bs status --require de=translated appeal.xml
	check "$label: --require names a draft and the stale unit" \
		sh -c "test \"\$(cat '$tr/bs.rc')\" = 1 && grep -q 'unit \"letter-from-evin\" is only initial in de' '$tr/bs.err' && ! grep -q '\"why\"' '$tr/bs.err'"
	bs status --require fa=translated appeal.xml
	check "$label: --require fails on a stale unit" \
		sh -c "test \"\$(cat '$tr/bs.rc')\" = 1 && grep -q 'unit \"why\" is stale in fa' '$tr/bs.err'"
	bs status --min 100 samples/appeal-free-them.xml
	check "$label: --min 100 fails on the appeal (de has a draft)" \
		sh -c "test \"\$(cat '$tr/bs.rc')\" = 1 && grep -q 'de is 96% complete (--min 100).*\[status-min\]' '$tr/bs.err'"
	bs status --min 90 samples/appeal-free-them.xml
	check "$label: --min 90 passes" rc_is 0
	bs status --min 120 samples/appeal-free-them.xml
	check "$label: --min 120 is a usage error (2)" rc_is 2
	bs status --require fa=done samples/appeal-free-them.xml
	check "$label: --require with an unknown state is a usage error (2)" rc_is 2

	echo "# translators: translation memory (fill, po export --from)"
	rm -rf "$tr/fill" && mkdir "$tr/fill" && cp -r tests/po/memory tests/po/target.xml "$tr/fill/"
	(cd "$tr/fill" && timeout 20 "$po_bin" fill target.xml --from memory >fill.out 2>fill.err)
	if [ "$update" = 1 ]; then
		cp "$tr/fill/target.xml" tests/po/target.filled.xml
		cp "$tr/fill/fill.out" tests/po/target.fill.out
	fi
	check "$label: fill reports what it filled, and from where" diff -u tests/po/target.fill.out "$tr/fill/fill.out"
	check "$label: fill writes exactly the expected drafts" cmp tests/po/target.filled.xml "$tr/fill/target.xml"
	check "$label: fill skips a refused document of the memory with a warning" \
		grep -qx "memory/not-valid.xml: warning: left out of the translation memory: it does not validate (run 'broadside validate memory/not-valid.xml') \[tm-skipped\]" "$tr/fill/fill.err"
	check "$label: the filled document validates" "$bin" validate "$tr/fill/target.xml"
	(cd "$tr/fill" && timeout 20 "$po_bin" fill target.xml --from memory --from target.xml >fill2.out 2>/dev/null)
	check "$label: a second fill finds nothing more, and never uses the file itself" \
		sh -c "grep -qx 'target.xml: filled 0 translations from 2 documents; 6 still missing' '$tr/fill/fill2.out' &&
		       cmp tests/po/target.filled.xml '$tr/fill/target.xml'"
	cp tests/po/target.xml "$tr/fill/dry.xml"
	(cd "$tr/fill" && timeout 20 "$po_bin" fill dry.xml --from memory --lang de --dry-run >dry.out 2>/dev/null)
	check "$label: fill --dry-run --lang de says what it would do and writes nothing" \
		sh -c "cmp tests/po/target.xml '$tr/fill/dry.xml' && grep -q 'would fill 4 translations' '$tr/fill/dry.out' && ! grep -q ' fa \"' '$tr/fill/dry.out'"
	(cd "$tr/fill" && SOURCE_DATE_EPOCH=$epoch timeout 20 "$po_bin" po export dry.xml --lang de --from memory -o dry-de.po 2>/dev/null)
	check "$label: po export --from puts the proposals in as fuzzy entries (msgfmt: 4 fuzzy, 3 untranslated)" \
		sh -c "msgfmt --check --statistics -o /dev/null '$tr/fill/dry-de.po' 2>&1 | grep -qx '0 translated messages, 4 fuzzy translations, 3 untranslated messages.' &&
		       test \$(grep -c '^#. proposal: from memory/' '$tr/fill/dry-de.po') = 4"
	check "$label: po export --from writes nothing into the document" cmp tests/po/target.xml "$tr/fill/dry.xml"
	(cd "$tr/fill" && timeout 20 "$po_bin" po import dry.xml dry-de.po >/dev/null 2>&1)
	check "$label: importing those proposals writes them as drafts, like fill" \
		sh -c "test \$(grep -c '<t xml:lang=\"de\" state=\"initial\">' '$tr/fill/dry.xml') = 4 && $bin validate '$tr/fill/dry.xml'"
	bs fill appeal.xml
	check "$label: fill without --from is a usage error (2)" rc_is 2

	if [ "$label" = release ]; then
		echo "# translators: po import opens the document, the PO file and its own temporary file"
		# (and its folder, ".": for an unnamed temporary file, and to fsync it)
		cp xml/appeal-free-them.xml "$de"
		(cd "$tr" && strace -f -qq -e trace=open,openat,socket,connect -o strace.log \
			"$po_bin" po import edit-de.xml sed.po >/dev/null 2>&1)
		check "$label: po import opens no other file and no socket" \
			sh -c "! grep -Eq '^[0-9]+ +(socket|connect)\(' '$tr/strace.log' &&
			       test -z \"\$(grep -Eo 'open(at)?\([^\"]*\"[^\"]*\"' '$tr/strace.log' | sed 's/.*\"\(.*\)\"/\1/' |
			       grep -Ev '^(/etc/ld\.so\.cache|/lib/|/usr/lib/|/lib64/|/proc/self/|/sys/|/proc/filesystems\$)' |
			       grep -Ev '^(edit-de\.xml|sed\.po|edit-de\.xml\.[A-Za-z0-9]{6}|\.)\$')\""
	fi

	echo "# translators: the command line"
	run tr_help --help
	check "$label: --help lists confirm, fill, po and status" \
		sh -c "grep -q '^  confirm ' '$tmp/tr_help.out' && grep -q '^  fill ' '$tmp/tr_help.out' &&
		       grep -q '^  po ' '$tmp/tr_help.out' && grep -q '^  status ' '$tmp/tr_help.out'"
	run tr_helppo help po
	check "$label: help po explains the tags and the round trip" \
		sh -c "grep -q '<date1/>' '$tmp/tr_helppo.out' && grep -q 'msgmerge' '$tmp/tr_helppo.out'"
	bs confirm appeal.xml
	check "$label: confirm without --lang is a usage error (2)" rc_is 2
	bs confirm appeal.xml --lang en
	check "$label: confirm --lang of the source language is refused (1)" rc_is 1
	bs confirm appeal.xml --lang de --unit nope
	check "$label: confirm --unit of no unit is refused (1), nothing written" \
		sh -c "test \"\$(cat '$tr/bs.rc')\" = 1 && grep -q -- '--unit nope: there is no unit with this id \[confirm-unit\]' '$tr/bs.err'"
	unset -f bs rc_is po_set
}

translators_suite
unset -f translators_suite

# A file that cannot be read prints no JSON object: the array stays valid JSON.
run stjson status --json tests/no-such-file.xml xml/appeal-free-them.xml
check "$label: status --json stays valid JSON when a file cannot be read" \
	sh -c "test \"\$(cat '$tmp/stjson.rc')\" = 3 && jq -e 'length == 1' '$tmp/stjson.out' >/dev/null"

# An option of the other subcommand is named as it was typed.
run poimportopt po import xml/appeal-free-them.xml tests/no-such.po -o x
check "$label: po import -o is refused, naming -o" \
	sh -c "test \"\$(cat '$tmp/poimportopt.rc')\" = 2 && grep -qx \"broadside: po import: unknown option '-o'\" '$tmp/poimportopt.err'"
