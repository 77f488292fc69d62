# tests/suites/inputs.sh — inputs that are what they claim (issue 10: findings 5, 6, 8, 9,
# 10 and the contact e-mails of 1): bidi controls anywhere, empty translations, relabelled
# and odd PO files, attributes without limit, a NUL tail, ids and file names that cannot
# break things, and what validate accepts every backend renders.
#
# Sourced by tests/run once per build with $bin, $label, $tmp and the helpers ok, not_ok,
# check, run and golden.  The refused documents themselves are golden files in tests/bad
# (70–79) and tests/warn (10); this file checks what goes beyond one validate run.

inputs_suite() {
	local d=$tmp/inputs abs
	rm -rf "$d" && mkdir -p "$d"
	abs=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
	# in_d NAME ARGS...: broadside in $d; output in $d/NAME.{out,err,rc}
	in_d() {
		local name=$1; shift
		(cd "$d" && timeout 20 "$abs" "$@" >"$name.out" 2>"$name.err")
		echo $? >"$d/$name.rc"
	}
	rc_of() { cat "$d/$1.rc"; }
	# said_why NAME: a non-zero exit always comes with a message on stderr
	said_why() { test "$(rc_of "$1")" = 0 || test -s "$d/$1.err"; }

	# ---- bidi controls anywhere -----------------------------------------------------
	local f
	for f in 70-bidi-in-comment 71-bidi-after-cdata 72-bidi-in-pi 73-bidi-in-attribute \
		74-bidi-in-prolog-comment; do
		check "$label: tests/bad/$f.xml is refused for its bidi control" \
			grep -q '\[bidi-control\]$' "tests/bad/$f.xml" "tests/bad/$f.err"
	done
	# The same characters in a CDATA section as a reference are only text.
	sed 's|<t xml:lang="en">Join|<t xml:lang="en"><![CDATA[<?&#x202E;]]>Join|' \
		tests/warn/01-missing-translation.xml >"$d/cdata-text.xml"
	in_d cdata validate cdata-text.xml
	check "$label: a CDATA section holding the text &#x202E; is no bidi control" \
		sh -c "test $(rc_of cdata) = 0 && ! grep -q bidi-control '$d/cdata.err'"

	# ---- empty translations ---------------------------------------------------------
	local empty=tests/warn/10-empty-translation.xml
	cp "$empty" "$d/empty.xml"
	in_d estatus status --require de=translated --min 100 empty.xml
	check "$label: status --require de=translated --min 100 refuses an empty <t> (1)" \
		test "$(rc_of estatus)" = 1
	check "$label: ... naming both empty units and the percentage" \
		sh -c "grep -q 'unit \"title\" has no de translation' '$d/estatus.err' &&
		       grep -q 'unit \"press\" has no de translation' '$d/estatus.err' &&
		       grep -q 'de is 33% complete' '$d/estatus.err'"
	in_d estatus2 status empty.xml
	check "$label: status counts an empty <t> as missing" \
		grep -Eq '^  de +German +3 +0 +1 +0 +0 +2 ' "$d/estatus2.out"
	# Rendering is slow under the sanitizers (fonts): once, in the release build.
	if [ "$label" = release ]; then
		in_d epdf pdf -o empty.pdf empty.xml
		check "$label: pdf refuses an empty translation, as a missing one (1)" \
			sh -c "test $(rc_of epdf) = 1 && grep -q 'unit \"title\" has no de translation.*--allow-missing' '$d/epdf.err' && test ! -e '$d/empty.pdf'"
		in_d ehtml html -o ehtml empty.xml
		check "$label: html refuses an empty translation, as a missing one (1)" \
			sh -c "test $(rc_of ehtml) = 1 && grep -q 'translation-missing' '$d/ehtml.err'"
		in_d ehtml2 html --allow-missing -o ehtml2 empty.xml
		check "$label: html --allow-missing shows the empty <t> as missing" \
			grep -q 'state="missing"\|class="[^"]*missing' "$d"/ehtml2/*.html
	fi

	# A white-space-only msgstr is no translation: the unit stays as it was.
	cp tests/warn/01-missing-translation.xml "$d/ws.xml"
	in_d wsexp po export --lang de -o ws.po ws.xml
	awk '/^msgctxt "press"$/ { p = 1 } p && /^msgstr / { print "msgstr \"   \\t \""; p = 0; next } { print }' \
		"$d/ws.po" >"$d/ws2.po"
	in_d wsimp po import ws.xml ws2.po
	check "$label: po import of a white-space-only msgstr imports nothing (0)" \
		sh -c "test $(rc_of wsimp) = 0 && cmp -s tests/warn/01-missing-translation.xml '$d/ws.xml' &&
		       cat '$d/wsimp.out' '$d/wsimp.err' | grep -q '0 new, 0 changed'"

	# ---- a PO file relabelled for another language ----------------------------------
	cp xml/appeal-free-them.xml "$d/a.xml"
	in_d dexp po export --lang de -o de.po a.xml
	sed 's/^"Language: de\\n"$/"Language: fa\\n"/' "$d/de.po" >"$d/relabelled.po"
	check "$label: (test set-up) the relabelled PO says Language: fa" \
		grep -q '^"Language: fa' "$d/relabelled.po"
	in_d relab po import a.xml relabelled.po
	check "$label: a German PO relabelled Language: fa is refused (1), at its place" \
		sh -c "test $(rc_of relab) = 1 && grep -Eq '^relabelled.po:[0-9]+:[0-9]+: error: .*exported as a translation into de.*\\[po-language\\]$' '$d/relab.err' &&
		       cmp -s xml/appeal-free-them.xml '$d/a.xml'"
	sed '/^"X-Broadside-Language:/d' "$d/relabelled.po" >"$d/relabelled-old.po"
	in_d relab2 po import a.xml relabelled-old.po
	check "$label: ... also without X-Broadside-Language (the first comment line says de)" \
		sh -c "test $(rc_of relab2) = 1 && grep -q '\\[po-language\\]' '$d/relab2.err'"
	in_d relab3 po import --lang fa a.xml de.po
	check "$label: a de PO imported with --lang fa is refused (1)" \
		sh -c "test $(rc_of relab3) = 1 && grep -q '\\[po-language\\]' '$d/relab3.err'"

	# ---- odd UTF-8 in a msgstr ------------------------------------------------------
	local bytes kind
	for kind in overlong surrogate beyond; do
		case $kind in
		overlong) bytes='\300\257' ;;
		surrogate) bytes='\355\240\200' ;;
		beyond) bytes='\364\220\200\200' ;;
		esac
		# raw bytes in the file, and the same bytes as PO escapes
		awk -v s="$(printf "$bytes")" '/^msgctxt "title"$/ { p = 1 } p && /^msgstr / { print "msgstr \"Frei" s "\""; p = 0; next } { print }' \
			"$d/de.po" >"$d/odd-raw.po"
		S=$bytes awk '/^msgctxt "title"$/ { p = 1 } p && /^msgstr / { print "msgstr \"Frei" ENVIRON["S"] "\""; p = 0; next } { print }' \
			"$d/de.po" >"$d/odd-esc.po"
		check "$label: (test set-up) odd-esc.po holds the $kind bytes as escapes" \
			grep -qF "Frei$bytes\"" "$d/odd-esc.po"
		check "$label: (test set-up) odd-raw.po holds the $kind bytes" \
			sh -c "LC_ALL=C grep -q \"Frei$(printf "$bytes")\" '$d/odd-raw.po'"
		in_d oddraw po import a.xml odd-raw.po
		check "$label: a msgstr with $kind UTF-8 is refused (1) with a message at its place" \
			sh -c "test $(rc_of oddraw) = 1 && grep -Eq '^odd-raw.po:[0-9]+:[0-9]+: error: not UTF-8' '$d/oddraw.err'"
		in_d oddesc po import a.xml odd-esc.po
		check "$label: a msgstr whose escapes make $kind UTF-8 is refused (1) with a message" \
			sh -c "test $(rc_of oddesc) = 1 && grep -Eq '^odd-esc.po:[0-9]+:[0-9]+: error: .*not UTF-8 once its escapes' '$d/oddesc.err'"
	done
	check "$label: the document is untouched by the refused imports" cmp -s xml/appeal-free-them.xml "$d/a.xml"

	# ---- no fixed limit on attributes -----------------------------------------------
	local ns="" i
	for i in $(seq 1 20); do ns="$ns xmlns:n$i=\"urn:x:$i\""; done
	sed "s|<t xml:lang=\"de\">Freiheit|<t$ns xml:lang=\"de\">Freiheit|" \
		tests/warn/01-missing-translation.xml >"$d/attrs.xml"
	check "$label: (test set-up) a <t> with 20 namespace declarations" \
		test "$(grep -o 'xmlns:n[0-9]*=' "$d/attrs.xml" | wc -l)" = 20
	cp "$d/attrs.xml" "$d/attrs-c.xml"
	in_d conf confirm --lang de attrs-c.xml
	check "$label: confirm of a <t> with 20 attributes works (0)" \
		sh -c "test $(rc_of conf) = 0 && grep -q 'xmlns:n20=\"urn:x:20\" xml:lang=\"de\" src-hash=' '$d/attrs-c.xml'"
	cp "$d/attrs.xml" "$d/attrs-p.xml"
	in_d aexp po export --lang de -o attrs.po attrs-p.xml
	awk '/^msgctxt "title"$/ { p = 1 } p && /^msgstr / { print "msgstr \"Freiheit jetzt!\""; p = 0; next } { print }' \
		"$d/attrs.po" >"$d/attrs2.po"
	in_d aimp po import attrs-p.xml attrs2.po
	check "$label: po import into a <t> with 20 attributes works (0)" \
		sh -c "test $(rc_of aimp) = 0 && grep -q 'xmlns:n20=\"urn:x:20\" xml:lang=\"de\"[^>]*>Freiheit jetzt!</t>' '$d/attrs-p.xml'"
	for f in conf aimp oddraw oddesc relab estatus; do
		check "$label: exit $(rc_of $f) of the '$f' run came with a message" said_why $f
	done

	# ---- a NUL byte and garbage after the document ----------------------------------
	{ cat xml/appeal-free-them.xml; printf '\0garbage <p/>'; } >"$d/nul.xml"
	cp "$d/nul.xml" "$d/nul-orig.xml"
	in_d nulfix lint --fix nul.xml
	check "$label: lint --fix refuses a document with a NUL tail (1) and keeps it as it was" \
		sh -c "test $(rc_of nulfix) = 1 && grep -q 'NUL byte.*\\[xml-syntax\\]' '$d/nulfix.err' && cmp -s '$d/nul.xml' '$d/nul-orig.xml'"

	# ---- file names with control characters -----------------------------------------
	local nl=$'evil\nx.xml:1:1: error: forged [x]\n.xml'
	cp tests/bad/21-duplicate-id.xml "$d/$nl"
	in_d nlv validate "$nl"
	check "$label: a file name with a newline is printed escaped: one diagnostic, one line" \
		sh -c "test $(rc_of nlv) = 1 && test \$(wc -l <'$d/nlv.err') = 1 && ! grep -q '^x.xml:1:1' '$d/nlv.err' &&
		       grep -q '^evil\\\\nx.xml:1:1: error: forged \\[x\\]\\\\n.xml:17:12: error: ' '$d/nlv.err'"
	in_d nlj validate --json "$nl"
	check "$label: ... and as the same escaped name in --json" \
		jq -e '.[0].file == "evil\\nx.xml:1:1: error: forged [x]\\n.xml"' "$d/nlj.out"
	cp xml/appeal-free-them.xml "$d/$nl"
	in_d nlpo po export --lang de -o nl.po "$nl"
	check "$label: a PO export of such a file has no raw newline in its comments" \
		sh -c "test $(rc_of nlpo) = 0 && ! grep -q '^x.xml:1:1' '$d/nl.po' && ! grep -q '^\\.xml' '$d/nl.po' &&
		       grep -q '^#: evil\\\\nx.xml:1:1: error: forged \\[x\\]\\\\n.xml:[0-9]*$' '$d/nl.po'"
	if command -v msgfmt >/dev/null; then
		check "$label: ... and msgfmt still reads it" msgfmt --check-format -o /dev/null "$d/nl.po"
	fi

	# ---- what validate accepts, every backend renders -------------------------------
	in_d qrpdf pdf -o qr.pdf "$PWD/tests/bad/79-qr-without-url.xml"
	check "$label: pdf of qr=yes without a url is refused too (1)" \
		sh -c "test $(rc_of qrpdf) = 1 && grep -q '\\[qr-url\\]' '$d/qrpdf.err'"
	awk '/<from id="sender">/ { print "    <issuer id=\"issuer\">"; print "      <t xml:lang=\"fa\">کمیته</t>";
		print "      <t xml:lang=\"en\">IssuerMarker</t>"; print "      <t xml:lang=\"de\">HerausgeberMarke</t>";
		print "    </issuer>" } { print }' xml/letter-to-rapporteur.xml >"$d/letter.xml"
	in_d lval validate letter.xml
	check "$label: (test set-up) a letter with an issuer validates" test "$(rc_of lval)" = 0
	if [ "$label" = release ]; then
		in_d lhtml html --no-hyphens -o lhtml letter.xml
		check "$label: a letter's issuer is on its HTML pages" \
			sh -c "test $(rc_of lhtml) = 0 && grep -q 'id=\"issuer\"' '$d/lhtml/letter-to-rapporteur-2023.html' &&
			       grep -q 'HerausgeberMarke' '$d/lhtml/letter-to-rapporteur-2023.de.html'"
	fi

	# ---- hostile contact e-mails ----------------------------------------------------
	# with_contact EMAIL: the warn sample with <contact email="EMAIL"/> (EMAIL as XML)
	with_contact() {
		E=$1 awk '{ print } /<\/title>/ { print "    <contact email=\"" ENVIRON["E"] "\"/>" }' \
			tests/warn/01-missing-translation.xml
	}
	local addr n=0
	while IFS= read -r addr; do
		n=$((n + 1))
		with_contact "$addr" >"$d/mail$n.xml"
		in_d mail validate "mail$n.xml"
		check "$label: contact email=\"$addr\" is refused [contact-email]" \
			sh -c "test $(rc_of mail) = 1 && grep -q '\\[contact-email\\]' '$d/mail.err'"
	done <<'EOF'
a)/S/Launch/F(calc.exe@example.org
x(y)@example.org
a\b@example.org
&quot;a b&quot;@example.org
.dot@example.org
dot.@example.org
do..t@example.org
a@localhost
a@-x.example.org
a@x_y.example.org
a@[127.0.0.1]
a&lt;b&gt;@example.org
EOF
	for addr in committee@example.org "o'brien+news@mail.example.org" "پشتیبانی@example.org"; do
		with_contact "$addr" >"$d/good.xml"
		in_d good validate good.xml
		check "$label: contact email=\"$addr\" is accepted" test "$(rc_of good)" = 0
	done
	sed 's|https://example.org/press|mailto:x)/S/Launch/F(calc.exe@example.org|g' \
		tests/warn/01-missing-translation.xml >"$d/mailto.xml"
	in_d mailto validate mailto.xml
	check "$label: a mailto: link to a hostile address is refused [link-email]" \
		sh -c "test $(rc_of mailto) = 1 && grep -q '\\[link-email\\]' '$d/mailto.err'"
}

inputs_suite
