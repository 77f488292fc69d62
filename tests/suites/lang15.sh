# tests/suites/lang15.sh — starting a new language (issue 15, items 1 and 3): `lang add`
# changes exactly the root's langs, byte for byte, and refuses bad or present tags at
# FILE:LINE:COL; `po export --pot` makes a template msginit and msgfmt --check accept, and
# the PO file then goes back in; `po export --lang` for a language not started says what
# to run; the document's <head><note>s are #. comments on the header and the head's units.
#
# Sourced by tests/run once per build with $bin, $label, $tmp and the helpers ok, not_ok,
# check, run and golden.  The samples are never written to (every write is on a copy).

lang15_suite() {
	local d=$tmp/lang15 abs
	rm -rf "$d" && mkdir -p "$d"
	abs=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
	local sample=xml/appeal-free-them.xml
	# l15 NAME ARGS...: broadside in $d; output in $d/NAME.{out,err,rc}
	l15() {
		local name=$1; shift
		(cd "$d" && SOURCE_DATE_EPOCH=1686528000 timeout 20 "$abs" "$@" >"$name.out" \
			2>"$name.err")
		echo $? >"$d/$name.rc"
	}
	rc_is() { test "$(cat "$d/$1.rc")" = "$2"; }
	if ! "$bin" help lang >/dev/null 2>&1; then
		not_ok "$label: lang is in the command table (src/cli.c)"
		return
	fi

	# ---- lang add: exactly the langs attribute changes -------------------------------
	cp "$sample" "$d/a.xml"
	# The expected bytes: the one langs="…" of the root with " fr" at its end.
	python3 - "$sample" "$d/a.want" "$d/langs.pos" <<'EOF'
import sys
data = open(sys.argv[1], "rb").read()
at = data.index(b' langs="') + len(b' langs="')
end = data.index(b'"', at)
open(sys.argv[2], "wb").write(data[:end] + b" fr" + data[end:])
line = data[:at].count(b"\n") + 1
col = len(data[:at].rsplit(b"\n", 1)[-1].decode()) + 1
open(sys.argv[3], "w").write("%d:%d" % (line, col))
EOF
	local pos; pos=$(cat "$d/langs.pos")
	l15 add lang add fr a.xml
	check "$label: lang add fr exits 0" rc_is add 0
	check "$label: lang add fr changes only langs, byte for byte" cmp "$d/a.want" "$d/a.xml"
	check "$label: lang add says what it added and what to run next" \
		grep -q "a.xml: added fr to langs; next: broadside po export --pot a.xml" "$d/add.out"
	run l15valid validate "$d/a.xml"
	check "$label: the document with a new language still validates" \
		test "$(cat "$tmp/l15valid.rc")" = 0

	# Single quotes and white space inside the value stay as they were.
	sed "0,/langs=\"en fa de\"/s//langs='en  fa de '/" "$sample" >"$d/q.xml"
	sed "0,/langs=\"en fa de\"/s//langs='en  fa de fr-CA '/" "$sample" >"$d/q.want"
	l15 addq lang add fr-CA q.xml
	check "$label: lang add into langs='…' with odd spacing keeps quotes and spaces" \
		sh -c "test \"\$(cat '$d/addq.rc')\" = 0 && cmp '$d/q.want' '$d/q.xml'"

	# Several files at once; --dry-run writes nothing.
	cp "$sample" "$d/m1.xml" && cp "$sample" "$d/m2.xml"
	l15 addm lang add fr m1.xml m2.xml
	check "$label: lang add changes every FILE given" \
		sh -c "test \"\$(cat '$d/addm.rc')\" = 0 && cmp '$d/a.want' '$d/m1.xml' && cmp '$d/a.want' '$d/m2.xml'"
	cp "$sample" "$d/dry.xml"
	l15 adddry lang add --dry-run fr dry.xml
	check "$label: lang add --dry-run says it would add, writes nothing" \
		sh -c "test \"\$(cat '$d/adddry.rc')\" = 0 && grep -q 'would add fr' '$d/adddry.out' && cmp '$sample' '$d/dry.xml'"

	# ---- refusals, at langs' FILE:LINE:COL, the file unchanged ------------------------
	l15 again lang add fr a.xml
	check "$label: lang add of a language already there exits 1" rc_is again 1
	check "$label: ... with FILE:LINE:COL of langs and [lang-duplicate]" \
		grep -q "^a.xml:$pos: error: cannot add \"fr\" to langs: it is there already \[lang-duplicate\]$" "$d/again.err"
	l15 againcase lang add FR a.xml
	check "$label: lang add FR when fr is there is refused too (tags ignore case)" \
		sh -c "test \"\$(cat '$d/againcase.rc')\" = 1 && grep -q 'there already (as \"fr\")' '$d/againcase.err'"
	l15 badtag lang add fr_FR a.xml
	check "$label: lang add fr_FR (not BCP 47) exits 1 with [lang-tag] at langs" \
		sh -c "test \"\$(cat '$d/badtag.rc')\" = 1 && grep -q '^a.xml:$pos: error: cannot add \"fr_FR\" to langs: it is not a BCP 47 language tag.*\[lang-tag\]$' '$d/badtag.err'"
	l15 unknown lang add qqq-zz a.xml
	check "$label: lang add of a tag ICU does not know exits 1" rc_is unknown 1
	check "$label: refused lang add left the file as it was" cmp "$d/a.want" "$d/a.xml"
	check "$label: refused lang add wrote nothing on stdout" test ! -s "$d/badtag.out"
	l15 nofile lang add fr
	check "$label: lang add without FILE is a usage error (2)" rc_is nofile 2
	l15 nosub lang ad fr a.xml
	check "$label: lang with an unknown subcommand suggests 'lang add' (2)" \
		sh -c "test \"\$(cat '$d/nosub.rc')\" = 2 && grep -q \"did you mean 'lang add'\" '$d/nosub.err'"
	l15 help lang add --help
	check "$label: lang add --help prints the usage and --dry-run" \
		sh -c "test \"\$(cat '$d/help.rc')\" = 0 && grep -q '^usage: broadside lang add LANG FILE' '$d/help.out' && grep -q -- '--dry-run' '$d/help.out'"
	l15 stdin lang add fr -
	check "$label: lang add refuses standard input (2)" rc_is stdin 2

	# ---- po export --lang for a language not started: what to run ---------------------
	cp "$sample" "$d/b.xml"
	l15 notyet po export b.xml --lang fr
	check "$label: po export --lang fr on a document without fr exits 1, writes nothing" \
		sh -c "test \"\$(cat '$d/notyet.rc')\" = 1 && test ! -s '$d/notyet.out'"
	check "$label: ... and says to run 'broadside lang add fr b.xml', then po export or --pot" \
		sh -c "grep -q \"^b.xml:$pos: error: --lang fr is not one of the document's languages yet; to start it, run 'broadside lang add fr b.xml', then 'broadside po export b.xml --lang fr -o fr.po'\" '$d/notyet.err' && grep -q \"msginit --no-translator -l fr -i free-them-all-2023.pot -o fr.po\" '$d/notyet.err'"

	l15 notyetx xliff export b.xml --lang fr
	check "$label: xliff export --lang fr on a document without fr exits 1 and says what to run" \
		sh -c "test \"\$(cat '$d/notyetx.rc')\" = 1 && test ! -s '$d/notyetx.out' && grep -q \"^b.xml:$pos: error: --lang fr is not one of the document's languages yet; to start it, run 'broadside lang add fr b.xml', then 'broadside xliff export b.xml --lang fr -o fr.xlf', translate, and 'broadside xliff import b.xml fr.xlf' \[xliff-language\]\" '$d/notyetx.err'"

	# ---- POT -> msginit -> msgfmt --check -> import ------------------------------------
	l15 potboth po export b.xml --pot --lang fr
	check "$label: po export --pot with --lang is a usage error (2)" rc_is potboth 2
	l15 pot po export --pot a.xml -o "$d/out/"
	check "$label: po export --pot -o DIR/ writes DIR/ID.pot" \
		sh -c "test \"\$(cat '$d/pot.rc')\" = 0 && test -s '$d/out/free-them-all-2023.pot'"
	local pot=$d/out/free-them-all-2023.pot
	check "$label: the POT has an empty Language, the placeholders and no X-Broadside-Language" \
		sh -c "grep -qx '\"Language: \\\\n\"' '$pot' && grep -q 'Last-Translator: FULL NAME <EMAIL@ADDRESS>' '$pot' && grep -q 'PO-Revision-Date: YEAR-MO-DA' '$pot' && ! grep -q 'X-Broadside-Language' '$pot' && ! grep -q '^# Translation into' '$pot'"
	check "$label: every msgstr of the POT is empty (msgattrib --translated finds none)" \
		test "$(msgattrib --translated "$pot" | grep -c '^msgctxt')" = 0
	local units
	units=$(python3 -c 'import sys, xml.etree.ElementTree as ET
print(sum(1 for e in ET.parse(sys.argv[1]).iter() if e.get("id") and e.find("t") is not None))' "$sample")
	check "$label: the POT has one entry per unit ($units)" \
		test "$(grep -c '^msgctxt' "$pot")" = "$units"
	check "$label: msginit --no-translator -l fr takes the POT" \
		sh -c "cd '$d' && msginit --no-translator -l fr -i '$pot' -o fr.po"
	check "$label: msgfmt --check accepts msginit's fr.po" \
		msgfmt --check --statistics -o /dev/null "$d/fr.po"
	check "$label: msginit set Language: fr and French plural forms" \
		sh -c "grep -q '\"Language: fr' '$d/fr.po' && grep -q 'nplurals=2; plural=(n > 1)' '$d/fr.po'"
	python3 - "$d/fr.po" <<'EOF'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
old = 'msgctxt "title"\nmsgid "Free Them All!"\nmsgstr ""'
assert old in s
open(p, "w", encoding="utf-8").write(s.replace(old, old[:-2] + '"Libérez-les tous !"'))
EOF
	l15 imp po import a.xml fr.po
	check "$label: po import of msginit's fr.po into the document with fr added exits 0" rc_is imp 0
	check "$label: ... and the title has its French translation" \
		grep -q '<t xml:lang="fr" state="translated" src-hash="sha256:[0-9a-f]*">Libérez-les tous !</t>' "$d/a.xml"

	# ---- the document's notes as #. comments -----------------------------------------
	l15 de po export a.xml --lang de -o de.po
	for po in "$pot" "$d/de.po"; do
		check "$label: $(basename "$po"): head notes on the header entry and on every head unit only" \
			python3 - "$sample" "$po" <<'EOF'
import re, sys
import xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
head = root.find("head")
notes = [" ".join(n.text.split()) for n in head.findall("note")]
assert notes, "the sample has head notes"
head_ids = {u.get("id") for u in head if u.get("id")}
entries = open(sys.argv[2], encoding="utf-8").read().split("\n\n")
header = entries[0]
for n in notes:
    assert "#. note: " + n + "\n" in header, (n, header[-800:])
assert header.index("#. note: ") < header.index('msgid ""')
seen = set()
for e in entries[1:]:
    m = re.search(r'^msgctxt "(.*)"$', e, re.M)
    if not m:
        continue
    got = re.findall(r"^#\. document note: (.*)$", e, re.M)
    if m.group(1) in head_ids:
        seen.add(m.group(1))
        assert got == notes, (m.group(1), got)
    else:
        assert got == [], (m.group(1), got)
assert seen == head_ids, (seen, head_ids)
EOF
	done
	check "$label: msgfmt --check accepts the PO file with the notes" \
		msgfmt --check -o /dev/null "$d/de.po"
	unset -f l15 rc_is
}

lang15_suite
unset -f lang15_suite
