# tests/suites/status14.sh — `status` lists a refused document among good ones (issue 14):
# in the JSON array, as {"file", "state": "refused", "diagnostics"}, and in the text.
#
# Sourced by tests/run once per build with $bin, $label, $tmp and the helpers ok, not_ok,
# check, run and golden.

status14_suite() {
	local d=$tmp/status14
	rm -rf "$d" && mkdir -p "$d"
	local good1=xml/appeal-free-them.xml good2=xml/letter-to-rapporteur.xml bad=$d/bad.xml
	# A sample with one invalid attribute value, on line 7, column 7: refused by the schema.
	sed '0,/state="final"/s//state="done"/' "$good1" >"$bad"
	rc_of() { cat "$tmp/$1.rc"; }

	run st14ref status --json "$good1" "$good2"
	run st14j status --json "$good1" "$bad" "$good2"
	check "$label: status --json with a refused document among good ones exits 1" \
		test "$(rc_of st14j)" = 1
	check "$label: status --json with a refused document is valid JSON (json.tool)" \
		python3 -m json.tool "$tmp/st14j.out"
	check "$label: status --json lists the refused document with its state and diagnostic" \
		python3 - "$tmp/st14j.out" "$bad" <<'EOF'
import json, sys
docs = json.load(open(sys.argv[1]))
assert [d["file"] for d in docs] == ["xml/appeal-free-them.xml", sys.argv[2],
                                      "xml/letter-to-rapporteur.xml"], docs
r = docs[1]
assert r["state"] == "refused", r
assert "languages" not in r, r
diags = r["diagnostics"]
assert len(diags) >= 1, r
d = diags[0]
assert (d["file"], d["line"], d["column"], d["severity"], d["rule"]) == \
    (sys.argv[2], 7, 7, "error", "schema"), d
assert "state" in d["message"], d
EOF
	check "$label: status --json: the good documents around a refused one are complete" \
		python3 - "$tmp/st14j.out" "$tmp/st14ref.out" <<'EOF'
import json, sys
docs = json.load(open(sys.argv[1]))
ref = json.load(open(sys.argv[2]))
good = [d for d in docs if d["state"] != "refused"]
assert good == ref, (good, ref)
assert all(d["state"] == "ok" and len(d["languages"]) == 3 and d["units"] > 0 for d in good)
EOF
	# The commas of the array hold wherever the refused document stands.
	run st14first status --json "$bad" "$good2"
	run st14last status --json "$good2" "$bad"
	run st14only status --json "$bad"
	check "$label: status --json: a refused document first, last or alone keeps the array valid" \
		python3 -c '
import json, sys
for path, n in zip(sys.argv[1:], (2, 2, 1)):
    docs = json.load(open(path))
    assert len(docs) == n and sum(d["state"] == "refused" for d in docs) == 1, (path, docs)
' "$tmp/st14first.out" "$tmp/st14last.out" "$tmp/st14only.out"
	check "$label: status --json: a refused document alone exits 1" test "$(rc_of st14only)" = 1
	# An unreadable file is still left out (exit 3), the refused one is listed.
	run st14unr status --json tests/no-such-file.xml "$bad" "$good1"
	check "$label: status --json: unreadable (3) and refused together, the refused one listed" \
		sh -c "test \"\$(cat '$tmp/st14unr.rc')\" = 3 &&
		       python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert [x[\"state\"] for x in d] == [\"refused\", \"ok\"], d' '$tmp/st14unr.out'"
	# With --require, the refused document is listed as well.
	run st14req status --json --require de=initial "$bad" "$good1"
	check "$label: status --json --require lists a refused document, exits 1" \
		sh -c "test \"\$(cat '$tmp/st14req.rc')\" = 1 &&
		       python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d[0][\"state\"] == \"refused\" and d[1][\"state\"] == \"ok\", d' '$tmp/st14req.out'"

	run st14t status "$good1" "$bad" "$good2"
	check "$label: status (text) with a refused document exits 1" test "$(rc_of st14t)" = 1
	check "$label: status (text) says the document was refused, and its error on stderr" \
		sh -c "grep -qxF '$bad: refused, 1 error' '$tmp/st14t.out' &&
		       grep -qF '$bad:7:7: error: ' '$tmp/st14t.err'"
	check "$label: status (text) still prints the tables of the good documents" \
		sh -c "grep -q '^xml/appeal-free-them.xml: appeal ' '$tmp/st14t.out' &&
		       grep -q '^xml/letter-to-rapporteur.xml: letter ' '$tmp/st14t.out' &&
		       test \$(grep -c '^  language ' '$tmp/st14t.out') = 2"

	# The documents of make bench's build benchmark (tests/bench/gen_docs.py): valid,
	# distinct, in en, de and fa only, the same bytes on every run.
	python3 tests/bench/gen_docs.py "$d/gen1" 8 >/dev/null &&
		python3 tests/bench/gen_docs.py "$d/gen2" 8 >/dev/null
	local gen
	gen=$(find "$d/gen1" -name '*.xml' | sort)
	check "$label: gen_docs.py writes 8 documents, in one folder per sample" \
		sh -c "test $(echo "$gen" | grep -c .) = 8 && test $(ls "$d/gen1" | wc -l) = 4"
	# shellcheck disable=SC2086
	run st14gen validate --strict $gen
	check "$label: gen_docs.py's documents validate with --strict, silently" \
		sh -c "test \"\$(cat '$tmp/st14gen.rc')\" = 0 && ! test -s '$tmp/st14gen.err'"
	check "$label: gen_docs.py's documents are distinct, with distinct ids" \
		sh -c "test \$(md5sum $(echo $gen) | cut -d' ' -f1 | sort -u | wc -l) = 8 &&
		       test \$(grep -ho ' id=\"[^\"]*-00[0-7]\"' $(echo $gen) | sort -u | wc -l) = 8"
	check "$label: gen_docs.py's documents have langs=\"en de fa\" (some order) and no other" \
		sh -c "! grep -h ' langs=' $(echo $gen) | grep -v 'langs=\"\(en de fa\|fa en de\|en fa de\)\"' &&
		       ! grep -l 'xml:lang=\"ar\"' $(echo $gen)"
	check "$label: gen_docs.py writes the same bytes on every run" diff -r "$d/gen1" "$d/gen2"
	python3 tests/bench/gen_docs.py "$d/gen1" 4 >/dev/null
	check "$label: gen_docs.py removes the documents of an earlier, larger run" \
		test "$(find "$d/gen1" -name '*.xml' | wc -l)" = 4
	unset -f rc_of
}

status14_suite
unset -f status14_suite
