# tests/suites/build.sh — `broadside build` (issue 14): a folder of documents into out/,
# incremental (a second run makes nothing; a changed document makes only its outputs and
# the index; a deleted one's outputs go), tolerant (a refused document among good ones),
# parallel (-j 1 and -j 2 give the same bytes), and its reports (JUnit, JSON, GitHub and
# GitLab annotations); and folders accepted as FILE by validate.
#
# Sourced by tests/run once per build with $bin, $label, $tmp and the helpers ok, not_ok,
# check and run.  Everything happens on copies of xml/*.xml in $tmp/build.

# "inode mtime size name" of every file under DIR, sorted.
build_stamps() {
	(cd "$1" && find . -type f -printf '%i %T@ %s %p\n' | sort -k4)
}

build_suite() {
	local bd=$tmp/build abs
	rm -rf "$bd" && mkdir -p "$bd/src/sub" "$bd/src/schema"
	abs=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
	export SOURCE_DATE_EPOCH=1686528000
	cp xml/appeal-free-them.xml xml/letter-to-rapporteur.xml "$bd/src/"
	cp xml/flyer-frankfurt.xml xml/letter-to-commissioner.xml "$bd/src/sub/"
	cp xml/schema/broadside.rng "$bd/src/schema/"
	cp xml/appeal-free-them.xml "$bd/src/schema/not-searched.xml"
	printf '<?xml version="1.0"?>\n<other/>\n' >"$bd/src/other.xml"
	ln -s "$PWD/xml" "$bd/src/outside" # a link out of the tree: not followed

	build_first "$bd" "$abs"
	build_again "$bd" "$abs"
	build_changed "$bd" "$abs"
	build_deleted "$bd" "$abs"
	build_refused "$bd" "$abs"
	build_parallel "$bd" "$abs"
	build_folders "$bd"
	build_same_id "$bd" "$abs"
	build_help
}

# help build is build --help, made from its option table, and lists what CI needs.
build_help() {
	run bh1 help build
	run bh2 build --help
	check "$label: help build equals build --help" \
		sh -c "test \"\$(cat '$tmp/bh1.rc')\" = 0 && test -s '$tmp/bh1.out' && cmp -s '$tmp/bh1.out' '$tmp/bh2.out'"
	local opt bad=
	for opt in $(grep -oE '^  (-[a-zA-Z], )?--[a-z-]+' "$tmp/bh1.out" | grep -oE -- '--[a-z-]+'); do
		timeout 20 "$bin" build "$opt" x --help >/dev/null 2>"$tmp/bhopt.err" </dev/null
		grep -q "unknown option" "$tmp/bhopt.err" && bad="$bad $opt"
	done
	check "$label: every option help build lists is accepted (refused:${bad:- none})" test -z "$bad"
	check "$label: help build documents -j, -o, --report, --annotations, -q, -v" \
		sh -c "for o in '-j, --jobs' '-o, --output' '--report junit=FILE' '--annotations github|gitlab' '-q, --quiet' '-v, --verbose'; do
		       grep -qF -- \"\$o\" '$tmp/bh1.out' || exit 1; done"
	run bhlist --help
	check "$label: broadside --help lists build" grep -q '^  build ' "$tmp/bhlist.out"
}

# Two documents with one id: the second is refused, the first's outputs are its own.
# (The timeouts only guard against a hang: under the sanitizer on a loaded machine one
# build of two documents can take over a minute.)
build_same_id() {
	local bd=$1/same abs=$2
	mkdir -p "$bd/src"
	cp xml/appeal-free-them.xml "$bd/src/a.xml"
	sed 's|Free Them All!|Someone Else|' xml/appeal-free-them.xml >"$bd/src/b.xml"
	(cd "$bd" && timeout 600 "$abs" build -j 2 -o out src >b.out 2>b.err; echo $? >b.rc)
	check "$label: build refuses a second document with the same id (1), keeping the first's outputs" \
		sh -c "test \"\$(cat '$bd/b.rc')\" = 1 && grep -q '^src/b.xml: error: .*src/a.xml.*\\[id-unique\\]\$' '$bd/b.err' &&
		       grep -q 'Free Them All!' '$bd/out/free-them-all-2023.html' && ! grep -q 'Someone Else' '$bd/out/'*.html"
}

build_first() {
	local bd=$1 abs=$2
	(cd "$bd" && timeout 600 "$abs" build -j 2 -o out --report json=r1.json src \
		>b1.out 2>b1.err; echo $? >b1.rc)
	check "$label: build SRC exits 0 for good documents" test "$(cat "$bd/b1.rc")" = 0
	check "$label: build's summary line counts documents, PDFs, pages, refusals, warnings" \
		grep -Eqx '4 documents, 17 PDFs, [0-9]+ pages, 0 refused, 0 warnings in [0-9.]+ s' "$bd/b1.err"
	check "$label: build draws no progress line when stderr is not a terminal" \
		sh -c "! grep -q \$(printf '\\r') '$bd/b1.err'"
	local want=() f
	for f in free-them-all-2023 letter-to-rapporteur-2023 flyer-frankfurt-2023 letter-to-commissioner-2023; do
		want+=("$f.html" "$f.en.html" "$f.de.html" "$f.fa.html" "$f.en.pdf" "$f.de.pdf" "$f.fa.pdf")
	done
	want+=(free-them-all-2023.pdf index.html broadside.css fonts/Roboto-Regular.ttf fonts/Vazirmatn-OFL.txt)
	local missing=""
	for f in "${want[@]}"; do [ -s "$bd/out/$f" ] || missing="$missing $f"; done
	check "$label: build writes the PDFs, the pages, the index, the CSS and the fonts${missing:+ (missing:$missing)}" \
		test -z "$missing"
	check "$label: build searches folders recursively, skipping the schema folder, other XML and links out of the tree" \
		jq -e '[.documents[].file] == ["src/appeal-free-them.xml", "src/letter-to-rapporteur.xml",
			"src/sub/flyer-frankfurt.xml", "src/sub/letter-to-commissioner.xml"]' "$bd/r1.json"
	check "$label: build's PDFs are the bytes 'broadside pdf' writes" \
		sh -c "cd '$bd' && '$abs' pdf -o ref/ src/appeal-free-them.xml >/dev/null &&
		       '$abs' pdf --layout single -o ref/ src/appeal-free-them.xml >/dev/null &&
		       for f in ref/*.pdf; do cmp \"\$f\" out/\$(basename \"\$f\") || exit 1; done"
	check "$label: build writes a manifest of what each output was made from" \
		grep -q "^out	free-them-all-2023.pdf	" "$bd/out/.broadside-manifest"
}

# A second run with nothing changed makes nothing: no file is written again.
build_again() {
	local bd=$1 abs=$2
	build_stamps "$bd/out" >"$bd/stamps1"
	sleep 1 # so that a file written again would show a new mtime
	(cd "$bd" && timeout 600 "$abs" build -o out --report json=r2.json src >b2.out 2>b2.err;
	 echo $? >b2.rc)
	build_stamps "$bd/out" >"$bd/stamps2"
	check "$label: a second build exits 0 and says the same totals" \
		sh -c "test \"\$(cat '$bd/b2.rc')\" = 0 &&
		       grep -Eqx '4 documents, 17 PDFs, [0-9]+ pages, 0 refused, 0 warnings in [0-9.]+ s' '$bd/b2.err'"
	check "$label: a second build with nothing changed renders nothing" \
		jq -e '.summary.rendered == 0 and ([.documents[] | select(.rendered)] | length) == 0' "$bd/r2.json"
	check "$label: a second build leaves every output untouched (inode, mtime, size)" \
		diff "$bd/stamps1" "$bd/stamps2"
}

# One document changed: its outputs and the index are made again, nothing else.
build_changed() {
	local bd=$1 abs=$2
	sed -i 's|Free Them All!|Free Them All Now!|' "$bd/src/appeal-free-them.xml"
	(cd "$bd" && timeout 600 "$abs" build -o out --report json=r3.json src >b3.out 2>b3.err;
	 echo $? >b3.rc)
	build_stamps "$bd/out" >"$bd/stamps3"
	check "$label: after one document changed, build renders only it" \
		jq -e '[.documents[] | select(.rendered) | .file] == ["src/appeal-free-them.xml"]' "$bd/r3.json"
	local changed
	changed=$(diff "$bd/stamps2" "$bd/stamps3" | grep '^>' | awk '{print $5}' | sort | tr '\n' ' ')
	check "$label: ... and writes only its outputs and the index (wrote: $changed)" \
		sh -c "echo '$changed' | tr ' ' '\n' | grep . | grep -v -e '^./free-them-all-2023\\.' \
		       -e '^./index.html\$' -e '^./broadside.css\$' -e '^./.broadside-manifest\$' | grep -q . && exit 1;
		       echo '$changed' | grep -q 'free-them-all-2023.en.pdf' && echo '$changed' | grep -q index.html"
	check "$label: ... and the index shows the new title" grep -q 'Free Them All Now!' "$bd/out/index.html"
}

# A deleted document's outputs are removed; files build did not write stay.
build_deleted() {
	local bd=$1 abs=$2
	echo mine >"$bd/out/notes.txt"
	rm "$bd/src/letter-to-rapporteur.xml"
	(cd "$bd" && timeout 600 "$abs" build -o out src >b4.out 2>b4.err; echo $? >b4.rc)
	check "$label: after a document is deleted, build exits 0 with 3 documents" \
		sh -c "test \"\$(cat '$bd/b4.rc')\" = 0 && grep -q '^3 documents, ' '$bd/b4.err'"
	check "$label: ... its outputs are removed" \
		sh -c "! ls '$bd/out' | grep -q '^letter-to-rapporteur-2023'"
	check "$label: ... the others' outputs and files build did not write stay" \
		test -s "$bd/out/free-them-all-2023.pdf" -a -s "$bd/out/notes.txt" -a -s "$bd/out/fonts/Roboto-Regular.ttf"
	check "$label: ... and the index no longer lists it" \
		sh -c "! grep -q 'letter-to-rapporteur-2023' '$bd/out/index.html'"
}

# A refused document among good ones: no outputs, the others built, the index and the
# reports say so, exit 1.
build_refused() {
	local bd=$1 abs=$2
	cp tests/bad/21-duplicate-id.xml "$bd/src/bad.xml"
	cp xml/letter-to-rapporteur.xml "$bd/src/turned-bad.xml"
	(cd "$bd" && timeout 600 "$abs" build -o out src >/dev/null 2>&1)
	check "$label: a document that builds writes its outputs" test -s "$bd/out/letter-to-rapporteur-2023.pdf"
	sed -i 's|<letter |<letter bogus="1" |' "$bd/src/turned-bad.xml"
	(cd "$bd" && timeout 600 "$abs" build -o out --report junit=junit.xml --report json=r5.json \
		--annotations github src >b5.out 2>b5.err; echo $? >b5.rc)
	check "$label: build exits 1 when a document is refused" test "$(cat "$bd/b5.rc")" = 1
	check "$label: ... prints its diagnostics and counts it in the summary" \
		sh -c "grep -q '^src/bad.xml:17:12: error: .*\\[id-unique\\]\$' '$bd/b5.err' &&
		       grep -Eq '^5 documents, 13 PDFs, [0-9]+ pages, 2 refused, ' '$bd/b5.err'"
	check "$label: ... the others are built" \
		test -s "$bd/out/free-them-all-2023.pdf" -a -s "$bd/out/flyer-frankfurt-2023.html"
	check "$label: ... a document refused now loses the outputs it had" \
		sh -c "! ls '$bd/out' | grep -q '^letter-to-rapporteur-2023'"
	check "$label: ... the index lists it as failing with its first diagnostic" \
		sh -c "grep -q 'class=\"document failing\"' '$bd/out/index.html' &&
		       grep -q 'src/bad.xml:17:12: error: id' '$bd/out/index.html'"
	check "$label: ... the index links only files that exist" \
		sh -c "cd '$bd/out' && for h in \$(grep -o 'href=\"[^\"#:]*\"' index.html | cut -d'\"' -f2 | sort -u); do
		       test -e \"\$h\" || { echo \"missing \$h\"; exit 1; }; done"
	check "$label: ... JUnit has a failing testcase with the diagnostic" \
		sh -c "xmllint --xpath 'string(//testcase[@name=\"src/bad.xml\"]/failure)' '$bd/junit.xml' |
		       grep -q '^src/bad.xml:17:12: error: .*\\[id-unique\\]' &&
		       test \"\$(xmllint --xpath 'string(//testsuite/@failures)' '$bd/junit.xml')\" = 2 &&
		       test \"\$(xmllint --xpath 'count(//testcase)' '$bd/junit.xml')\" = 5 &&
		       test \"\$(xmllint --xpath 'count(//testcase[failure])' '$bd/junit.xml')\" = 2"
	check "$label: ... the JSON report says refused with the diagnostics" \
		jq -e '.summary.refused == 2 and ([.documents[] | select(.file == "src/bad.xml")][0] |
			.state == "refused" and .outputs == [] and .diagnostics[0].rule == "id-unique")' "$bd/r5.json"
	check "$label: --annotations github prints ::error lines with file, line and column" \
		grep -qx '::error file=src/bad.xml,line=17,col=12,title=id-unique::.* \[id-unique\]' "$bd/b5.out"
	(cd "$bd" && timeout 600 "$abs" build -q -o out --annotations gitlab src >b6.out 2>b6.err;
	 echo $? >b6.rc)
	check "$label: --annotations gitlab prints a code-quality report (and a cached refusal still exits 1)" \
		sh -c "test \"\$(cat '$bd/b6.rc')\" = 1 && jq -e 'length >= 2 and (map(select(.location.path == \"src/bad.xml\"))[0] |
		       .check_name == \"id-unique\" and .severity == \"major\" and .location.lines.begin == 17 and
		       (.fingerprint | length) > 0)' '$bd/b6.out' >/dev/null"
	(cd "$bd" && timeout 600 "$abs" build -q -o out --annotations gitlab=gl.json src >/dev/null 2>&1)
	check "$label: --annotations gitlab=FILE writes it to FILE" cmp "$bd/b6.out" "$bd/gl.json"
	check "$label: -q leaves out the summary" sh -c "! grep -q ' documents, ' '$bd/b6.err'"
	run buildj0 build -j 0 -o "$bd/out" "$bd/src"
	check "$label: build -j 0 is a usage error (2)" test "$(cat "$tmp/buildj0.rc")" = 2
}

# -j 1 and -j 2 write the same bytes, file for file.
build_parallel() {
	local bd=$1 abs=$2
	(cd "$bd" && timeout 600 "$abs" build -q -j 1 -o j1 src >/dev/null 2>&1;
	 timeout 600 "$abs" build -q -j 2 -o j2 src >/dev/null 2>&1)
	check "$label: build -j 1 and -j 2 write the same files, byte for byte" \
		sh -c "cd '$bd' && test \"\$(cd j1 && find . -type f | sort)\" = \"\$(cd j2 && find . -type f | sort)\" &&
		       test \$(find j1 -type f | wc -l) -gt 20 &&
		       for f in \$(cd j1 && find . -type f); do cmp j1/\$f j2/\$f || exit 1; done"
}

# Every command that takes documents takes a folder the same way.
build_folders() {
	local bd=$1
	run bvalid validate "$bd/src/sub"
	check "$label: validate FOLDER validates the documents in it (0)" \
		test "$(cat "$tmp/bvalid.rc")" = 0 -a ! -s "$tmp/bvalid.err"
	run bvalbad validate "$bd/src"
	check "$label: validate FOLDER refuses a bad document in it, naming it (1)" \
		sh -c "test \"\$(cat '$tmp/bvalbad.rc')\" = 1 && grep -q '^$bd/src/bad.xml:17:12: error' '$tmp/bvalbad.err' &&
		       ! grep -q 'other.xml\|not-searched' '$tmp/bvalbad.err'"
	mkdir -p "$bd/empty"
	cp "$bd/src/other.xml" "$bd/empty/"
	run bvalempty validate "$bd/empty"
	check "$label: validate FOLDER without documents exits 3 and says so" \
		sh -c "test \"\$(cat '$tmp/bvalempty.rc')\" = 3 && grep -q 'no broadside documents' '$tmp/bvalempty.err'"
	run bbuildempty build -o "$bd/emptyout" "$bd/empty"
	check "$label: build FOLDER without documents exits 3" test "$(cat "$tmp/bbuildempty.rc")" = 3
}

build_suite
