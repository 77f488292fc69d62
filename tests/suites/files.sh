# tests/suites/files.sh — what broadside guarantees about the files it writes and rewrites
# (issue 10): in-place rewrites that lose nothing (locks, kills, signals, full disks,
# read-only files, owners, hard links, symlinks) and outputs that never clobber (stdout,
# devices, FIFOs, symlinks, folders), and FIFOs refused as documents.
#
# Sourced by tests/run once per build with $bin, $label, $tmp and the helpers ok, not_ok,
# check and run.  Everything happens on copies in $tmp/files.

files_suite() {
	local fs=$tmp/files abs doc=xml/appeal-free-them.xml
	rm -rf "$fs" && mkdir -p "$fs"
	abs=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
	export BROADSIDE_FONTS_DIR=${BROADSIDE_FONTS_DIR:-$PWD/fonts}
	export SOURCE_DATE_EPOCH=1686528000

	# Two PO files, German and Farsi, each changing its language's translations.
	"$bin" po export "$doc" --lang de -o "$fs/de.po" 2>/dev/null
	"$bin" po export "$doc" --lang fa -o "$fs/fa.po" 2>/dev/null
	sed -i 's/^msgstr "\(..*\)"$/msgstr "\1 DEX"/' "$fs/de.po"
	sed -i 's/^msgstr "\(..*\)"$/msgstr "\1 FAX"/' "$fs/fa.po"
	cp "$doc" "$fs/d.xml"
	"$bin" po import "$fs/d.xml" "$fs/de.po" >/dev/null 2>&1
	"$bin" po import "$fs/d.xml" "$fs/fa.po" >/dev/null 2>&1
	local n_de n_fa
	n_de=$(grep -c ' DEX<' "$fs/d.xml") n_fa=$(grep -c ' FAX<' "$fs/d.xml")
	check "$label: the test PO files change translations (de $n_de, fa $n_fa)" \
		test "$n_de" -gt 5 -a "$n_fa" -gt 5
	cp "$fs/d.xml" "$fs/both.xml"

	files_concurrent
	files_interrupted
	files_refusals
	files_outputs
	files_documents
}

# Two imports of different languages at once: both land, every time.
files_concurrent() {
	[ "$label" = release ] || return 0
	local i lost=0 bad=0
	for i in $(seq 100); do
		cp "$doc" "$fs/c.xml"
		timeout 20 "$bin" po import "$fs/c.xml" "$fs/de.po" >/dev/null 2>"$fs/c1.err" &
		local p1=$!
		timeout 20 "$bin" po import "$fs/c.xml" "$fs/fa.po" >/dev/null 2>"$fs/c2.err" || bad=$((bad + 1))
		wait $p1 || bad=$((bad + 1))
		cmp -s "$fs/c.xml" "$fs/both.xml" || lost=$((lost + 1))
	done
	check "$label: 100 pairs of concurrent po imports (de, fa) into one document: all exit 0 ($bad failed)" \
		test $bad = 0
	check "$label: … and both languages land every time ($lost of 100 lost one)" test $lost = 0
}

# A document of some MB (a long comment), so that a rewrite takes a while.
files_big() {
	awk 'NR == 3 { print; printf "<!--"; for (i = 0; i < 15000; i++) printf "padding padding padding padding padding padding\n"; print "-->"; next } { print }' \
		"$doc" >"$1"
}

# NAME SIGNAL RUNS: a rewrite killed at random points leaves the old or the new document,
# never a mixture, and no temporary file.  SIGKILL cannot be held: killed in the moment
# between naming the flushed temporary file and renaming it over the document (two system
# calls in a row; README), a run leaves that file, complete.  So for SIGKILL a temporary
# file left must be the whole new document, and such runs must stay rare.
files_kill() {
	local sig=$1 runs=$2 k=$fs/kill i mixed=0 debris=0 new=0 partial=0
	rm -rf "$k" && mkdir "$k"
	files_big "$k/old.xml"
	cp "$k/old.xml" "$k/big.xml"
	timeout 20 "$bin" po import "$k/big.xml" "$fs/de.po" >/dev/null 2>&1
	mv "$k/big.xml" "$k/new.xml"
	# Kill within 1.2 times what a whole rewrite takes, so that some runs finish.
	local t0 ms
	cp "$k/old.xml" "$k/t.xml"
	t0=$(date +%s%N)
	"$bin" po import "$k/t.xml" "$fs/de.po" >/dev/null 2>&1
	ms=$(( ($(date +%s%N) - t0) * 12 / 10000000 ))
	[ "$ms" -ge 20 ] || ms=20
	rm -f "$k/t.xml"
	for i in $(seq "$runs"); do
		cp "$k/old.xml" "$k/big.xml"
		# Bash starts background jobs with SIGINT ignored: give it back its default.
		env --default-signal=INT "$bin" po import "$k/big.xml" "$fs/de.po" >/dev/null 2>&1 &
		local pid=$!
		sleep "$(awk -v r=$RANDOM -v m="$ms" 'BEGIN { printf "%.4f", (r % m) / 1000 }')"
		kill -s "$sig" $pid 2>/dev/null
		wait $pid 2>/dev/null
		if cmp -s "$k/big.xml" "$k/new.xml"; then new=$((new + 1))
		elif ! cmp -s "$k/big.xml" "$k/old.xml"; then mixed=$((mixed + 1)); fi
		[ "$(ls "$k" | grep -v -x -e old.xml -e new.xml -e big.xml)" = "" ] || {
			debris=$((debris + 1)); ls "$k" | grep -v -x -e old.xml -e new.xml -e big.xml | sed 's/^/# left: /'
			for left in "$k"/big.xml?*; do cmp -s "$left" "$k/new.xml" || partial=$((partial + 1)); done
			find "$k" -name 'big.xml?*' -delete; }
	done
	check "$label: $runs rewrites killed with SIG$sig at random points leave the old or the new file ($mixed mixed, $new new)" \
		test $mixed = 0
	check "$label: … and some of them were killed before the end (the test can fail)" \
		test $new -lt "$runs"
	if [ "$sig" = KILL ]; then
		check "$label: … and a temporary file only in the moment before its rename, whole ($debris of $runs runs left one, $partial not the new document)" \
			test $partial = 0 -a $((debris * 20)) -le "$runs"
	else
		check "$label: … and no temporary file ($debris runs left one)" test $debris = 0
	fi
}

files_interrupted() {
	if [ "$label" = release ]; then
		files_kill KILL 200
		files_kill TERM 40
		files_kill INT 40
		files_kill HUP 20
	else
		files_kill KILL 20
		files_kill TERM 10
		files_kill INT 10
	fi

	# A full disk: a small tmpfs.
	local m=$fs/mnt
	mkdir -p "$m"
	if mount -t tmpfs -o size=128k tmpfs "$m" 2>/dev/null; then
		cp "$doc" "$m/d.xml"
		dd if=/dev/zero of="$m/fill" bs=4k 2>/dev/null
		(cd "$m" && timeout 20 "$abs" po import d.xml "$fs/de.po" >"$fs/full.out" 2>"$fs/full.err")
		echo $? >"$fs/full.rc"
		check "$label: a rewrite on a full disk exits 3 and says why" \
			sh -c "test \"\$(cat '$fs/full.rc')\" = 3 && grep -q 'No space left on device.*\\[write\\]' '$fs/full.err'"
		check "$label: … the document is untouched and no temporary file is left" \
			sh -c "cmp '$doc' '$m/d.xml' && test \"\$(ls '$m')\" = \"\$(printf 'd.xml\\nfill')\""
		umount "$m"
	else
		ok "$label: a rewrite on a full disk (skipped: cannot mount tmpfs)"
	fi
	# Past `ulimit -f` (SIGXFSZ): refused, untouched, nothing left.
	local u=$fs/ulimit
	rm -rf "$u" && mkdir "$u" && cp "$doc" "$u/d.xml"
	(cd "$u" && ulimit -f 8 && timeout 20 "$abs" po import d.xml "$fs/de.po" >/dev/null 2>"$fs/ulimit.err")
	echo $? >"$fs/ulimit.rc"
	check "$label: a rewrite past ulimit -f exits 3, the document untouched, no temporary file" \
		sh -c "test \"\$(cat '$fs/ulimit.rc')\" = 3 && grep -q 'File too large' '$fs/ulimit.err' &&
		cmp '$doc' '$u/d.xml' && test \"\$(ls '$u')\" = d.xml"
}

# bs_import NAME DOC: po import de into DOC; output in $fs/NAME.{out,err,rc}
bs_import() {
	timeout 20 "$bin" po import "$2" "$fs/de.po" >"$fs/$1.out" 2>"$fs/$1.err"
	echo $? >"$fs/$1.rc"
}
rc_of() { cat "$fs/$1.rc"; }

files_refusals() {
	local r=$fs/ref
	rm -rf "$r" && mkdir "$r"
	# Read-only file (root ignores the permission: the mode bits count).
	cp "$doc" "$r/ro.xml" && chmod 0444 "$r/ro.xml"
	bs_import ro "$r/ro.xml"
	check "$label: a read-only (0444) document is refused (exit 3), not replaced" \
		sh -c "test $(rc_of ro) = 3 && grep -q 'read-only.*\\[write\\]' '$fs/ro.err' && cmp '$doc' '$r/ro.xml' &&
		test \"\$(stat -c %a '$r/ro.xml')\" = 444"
	# Read-only folder.
	mkdir "$r/rodir" && cp "$doc" "$r/rodir/d.xml" && chmod 0555 "$r/rodir"
	bs_import rodir "$r/rodir/d.xml"
	check "$label: a document in a read-only folder is refused (exit 3), untouched, nothing left" \
		sh -c "test $(rc_of rodir) = 3 && grep -q 'folder is read-only' '$fs/rodir.err' &&
		cmp '$doc' '$r/rodir/d.xml' && test \"\$(ls '$r/rodir')\" = d.xml"
	chmod 0755 "$r/rodir"
	# Owner and mode kept.
	cp "$doc" "$r/own.xml" && chmod 0640 "$r/own.xml"
	if chown nobody "$r/own.xml" 2>/dev/null; then
		bs_import own "$r/own.xml"
		check "$label: a rewrite keeps the document's owner and mode (nobody, 0640)" \
			sh -c "test $(rc_of own) = 0 && test \"\$(stat -c %U:%a '$r/own.xml')\" = nobody:640 &&
			grep -q ' DEX<' '$r/own.xml'"
	else
		ok "$label: a rewrite keeps the document's owner (skipped: cannot chown)"
	fi
	# Hard links are never split.
	cp "$doc" "$r/h1.xml" && ln "$r/h1.xml" "$r/h2.xml"
	bs_import hard "$r/h1.xml"
	check "$label: a document with two hard links is refused (exit 3), both names untouched" \
		sh -c "test $(rc_of hard) = 3 && grep -q '2 hard links' '$fs/hard.err' && cmp '$doc' '$r/h2.xml' &&
		test \"\$(stat -c %h '$r/h1.xml')\" = 2"
	# A symlinked document: the target is rewritten, the link kept.
	cp "$doc" "$r/target.xml" && ln -s target.xml "$r/link.xml"
	bs_import link "$r/link.xml"
	check "$label: a rewrite through a symlink keeps the link and changes its target" \
		sh -c "test $(rc_of link) = 0 && test -L '$r/link.xml' && grep -q ' DEX<' '$r/target.xml'"
	# lint --fix through a symlink.
	local lintdoc
	lintdoc=$(ls tests/lint/*.xml | grep -v '\.fixed\.xml$' | head -1)
	cp "$lintdoc" "$r/lt.xml" && ln -s lt.xml "$r/ll.xml"
	timeout 20 "$bin" lint --fix "$r/ll.xml" >/dev/null 2>&1
	check "$label: lint --fix through a symlink keeps the link and fixes its target" \
		sh -c "test -L '$r/ll.xml' && cmp '${lintdoc%.xml}.fixed.xml' '$r/lt.xml'"
	# Standard input cannot be rewritten.
	timeout 20 "$bin" confirm - --lang de <"$doc" >/dev/null 2>"$fs/stdin.err"
	echo $? >"$fs/stdin.rc"
	check "$label: confirm - (standard input) is refused, not hung" \
		sh -c "test $(rc_of stdin) != 0 -a $(rc_of stdin) != 124 -a -s '$fs/stdin.err'"
}

# The outputs that need no rendering: usage errors and PO files.
files_output_usage() {
	# One file name for several PDFs: a usage error, nothing made.
	run fo_one pdf --layout single -o "$o/one.pdf" "$doc"
	check "$label: pdf --layout single -o one.pdf is a usage error that says what to give, creating nothing" \
		sh -c "test $(cat "$tmp/fo_one.rc") = 2 && grep -q 'writes 3 PDFs (one per language); give a folder' '$tmp/fo_one.err' &&
		test ! -e '$o/one.pdf' && test ! -e '$o/one'"
	run fo_two pdf -o "$o/two.pdf" "$doc" xml/letter-to-rapporteur.xml
	check "$label: pdf -o one.pdf with two documents is a usage error" \
		sh -c "test $(cat "$tmp/fo_two.rc") = 2 && test ! -e '$o/two.pdf'"
	run fo_html html -o - "$doc"
	check "$label: html -o - is a usage error" \
		sh -c "test $(cat "$tmp/fo_html.rc") = 2 && grep -q 'takes a folder' '$tmp/fo_html.err'"
	timeout 20 "$bin" po export "$doc" --lang de -o - 2>/dev/null >"$o/dash.po"
	check "$label: po export -o - writes the PO file to stdout" \
		sh -c "grep -q '^msgctxt' '$o/dash.po' && test ! -e ./-"
	run fo_podir po export "$doc" --lang de -o "$o/new/po/"
	check "$label: po export -o newdir/ makes the folder and writes ID.LANG.po into it" \
		sh -c "test $(cat "$tmp/fo_podir.rc") = 0 && ls '$o/new/po/'*.de.po"
}

files_outputs() {
	local o=$fs/out
	rm -rf "$o" && mkdir "$o"
	files_output_usage
	# Rendering is slow in the sanitizer build (pdf.sh renders in release only too).
	[ "$label" = release ] || return 0
	# /dev/stdout and a symlink are followed, never replaced.
	echo old >"$o/target.pdf" && ln -s target.pdf "$o/link.pdf"
	run fo_link pdf -o "$o/link.pdf" "$doc"
	check "$label: pdf -o SYMLINK keeps the link and writes the PDF to its target" \
		sh -c "test $(cat "$tmp/fo_link.rc") = 0 && test -L '$o/link.pdf' && pdfinfo '$o/target.pdf' >/dev/null"
	timeout 20 "$bin" pdf -o /dev/stdout "$doc" >"$o/stdout.pdf" 2>/dev/null
	check "$label: pdf -o /dev/stdout writes through it (the link is kept)" \
		sh -c "test -L /dev/stdout && pdfinfo '$o/stdout.pdf' >/dev/null"
	timeout 20 "$bin" pdf -o - "$doc" 2>/dev/null | pdfinfo - >"$o/dash.info" 2>&1
	check "$label: pdf -o - writes the PDF to stdout" grep -q '^Pages:' "$o/dash.info"
	timeout 20 "$bin" index -o - "$doc" 2>/dev/null >"$o/dash.html"
	check "$label: index -o - writes the page to stdout" grep -q '<html' "$o/dash.html"
	# A FIFO with a reader.
	mkfifo "$o/fifo"
	(timeout 20 cat "$o/fifo" >"$o/fifo.pdf") &
	local reader=$!
	run fo_fifo pdf -o "$o/fifo" "$doc"
	wait $reader
	check "$label: pdf -o FIFO writes through it (still a FIFO)" \
		sh -c "test -p '$o/fifo' && pdfinfo '$o/fifo.pdf' >/dev/null"
	# A character device.
	if mknod "$o/null" c 1 3 2>/dev/null; then
		run fo_dev pdf -o "$o/null" "$doc"
		check "$label: pdf -o DEVICE writes through it (still a device)" \
			sh -c "test $(cat "$tmp/fo_dev.rc") = 0 && test -c '$o/null'"
	else
		ok "$label: pdf -o DEVICE (skipped: cannot mknod)"
	fi
	# -o DIR/ makes the folder.
	run fo_pdfdir pdf -o "$o/new/pdf/" "$doc"
	check "$label: pdf -o newdir/ makes the folder and writes into it" \
		sh -c "test $(cat "$tmp/fo_pdfdir.rc") = 0 && ls '$o/new/pdf/'*.pdf"
	run fo_htmldir html -o "$o/new/html/" "$doc"
	check "$label: html -o newdir/ makes the folder and writes into it" \
		sh -c "test $(cat "$tmp/fo_htmldir.rc") = 0 && ls '$o/new/html/'*.html"
}

files_documents() {
	local d=$fs/docs
	rm -rf "$d" && mkdir "$d"
	mkfifo "$d/fifo.xml"
	timeout 5 "$bin" validate "$d/fifo.xml" >/dev/null 2>"$fs/fifo.err"
	echo $? >"$fs/fifo.rc"
	check "$label: a FIFO given as a document is refused at once (exit 3), not waited on" \
		sh -c "test $(rc_of fifo) = 3 && grep -q 'not a regular file (a FIFO)' '$fs/fifo.err'"
	timeout 5 "$bin" validate /dev/null >/dev/null 2>"$fs/dev.err"
	check "$label: a device given as a document is refused" \
		grep -q 'not a regular file (a character device)' "$fs/dev.err"
	timeout 5 "$bin" validate - <"$doc" >/dev/null 2>&1
	check "$label: - reads the document from standard input" test $? = 0
	cp xml/letter-to-rapporteur.xml "$d/"
	cp "$doc" "$fs/fill.xml"
	timeout 5 "$bin" fill "$fs/fill.xml" --from "$d" --dry-run >/dev/null 2>"$fs/fillfifo.err"
	check "$label: fill --from DIR skips a FIFO named *.xml instead of waiting on it" test $? = 0
}

files_suite
