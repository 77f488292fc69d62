# tests/suites/html.sh — `broadside html` and `broadside index`: what they write, what they
# refuse, what they read, and the pages in a real browser (headless Chromium, release
# build only: no network, a fresh profile, bounded by timeouts; the pages run no script,
# the checks talk to the browser over --remote-debugging-pipe with bash and jq).
#
# Sourced by tests/run with $bin, $label, $tmp and the helpers ok, not_ok, check, run.
# BROADSIDE_SCREENSHOTS=DIR keeps the screenshots (default: under $tmp, removed at exit).

html_out=$tmp/html-$label
rm -rf "$html_out"
mkdir -p "$html_out"

# The id and languages of a document, as its pages are named.
html_doc_id() { xmllint --xpath 'string(/*/@id)' "$1"; }
html_doc_langs() { xmllint --xpath 'string(/*/@langs)' "$1"; }

# Every FILE parses as HTML without a single parse error (html5lib, the WHATWG parsing
# algorithm, strict).
html_parses() { # html_parses FILE...
	/usr/bin/python3 - "$@" <<'EOF'
import sys, html5lib
bad = 0
for path in sys.argv[1:]:
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        with open(path, 'rb') as f:
            parser.parse(f, transport_encoding='utf-8')
    except html5lib.html5parser.ParseError as e:
        print(f"{path}: {e}")
        bad += 1
sys.exit(1 if bad else 0)
EOF
}

# The links of PAGE to other pages of its folder lead to files that are there.
html_links_resolve() { # html_links_resolve PAGE [EXCEPT_REGEX]
	local page=$1 dir; dir=$(dirname "$1")
	local href missing=0
	for href in $(grep -o 'href="[^":]*"' "$page" | sed 's/^href="//; s/"$//' | sort -u); do
		[ -n "${2:-}" ] && [[ $href =~ $2 ]] && continue
		[ -e "$dir/$href" ] || { echo "$page links to $href, which is not there"; missing=1; }
	done
	return $missing
}

echo "# html: the command"
run htmlhelp help html
if ! grep -q -- '--allow-missing' "$tmp/htmlhelp.out"; then
	not_ok "$label: broadside has the html command (src/cli.c lists cmd_html and cmd_index)"
	return 0 2>/dev/null || true
fi

html_samples_ok=1
run html html -o "$html_out" xml/*.xml
check "$label: html writes the samples' pages silently" \
	test "$(cat "$tmp/html.rc")" = 0 -a ! -s "$tmp/html.err"
html_pages=()
for doc in xml/*.xml; do
	id=$(html_doc_id "$doc")
	html_pages+=("$html_out/$id.html")
	for lang in $(html_doc_langs "$doc"); do html_pages+=("$html_out/$id.$lang.html"); done
done
for page in "${html_pages[@]}"; do
	[ -s "$page" ] || { html_samples_ok=0; echo "# missing: $page"; }
done
check "$label: a page for every sample, all languages and each language" test $html_samples_ok = 1
check "$label: the stylesheet is written next to the pages" test -s "$html_out/broadside.css"
check "$label: the pages parse as HTML without an error (html5lib, strict)" html_parses "${html_pages[@]}"
for page in "${html_pages[@]}"; do
	check "$label: links between the pages resolve from $(basename "$page")" \
		html_links_resolve "$page" '^fonts/'
done
check "$label: every page starts its head with the Content-Security-Policy" \
	sh -c 'for p; do sed -n "4p" "$p" | grep -q "^<meta http-equiv=\"Content-Security-Policy\"" || { echo "$p"; exit 1; }; sed -n "3p" "$p" | grep -qx "<head>" || exit 1; done' _ "${html_pages[@]}"
check "$label: no page holds a script element or an event handler" \
	sh -c '! grep -il -e "<script" -e " on[a-z]*=" "$@"' _ "${html_pages[@]}"
check "$label: the stylesheets never skip escaping" \
	sh -c '! grep -rnE "disable-output-escaping *=" xsl/'

run html2 html -o "$html_out/again" xml/*.xml
SOURCE_DATE_EPOCH=86400 run html3 html -o "$html_out/epoch" xml/*.xml
check "$label: the same input gives byte-identical pages (any time, any SOURCE_DATE_EPOCH)" \
	sh -c "for p in '$html_out'/*.html '$html_out/broadside.css'; do n=\$(basename \"\$p\"); cmp \"\$p\" '$html_out/again'/\$n && cmp \"\$p\" '$html_out/epoch'/\$n || exit 1; done"

echo "# html: what it refuses, and writes nothing for"
mkdir -p "$html_out/refused"
run htmlbad html -o "$html_out/refused" tests/bad/21-duplicate-id.xml
check "$label: html of a refused document exits 1 with its diagnostics, writes nothing" \
	sh -c "test \"\$(cat '$tmp/htmlbad.rc')\" = 1 && grep -q '\\[id-unique\\]' '$tmp/htmlbad.err' && test -z \"\$(ls -A '$html_out/refused')\""
run htmlmiss html -o "$html_out/refused" tests/warn/01-missing-translation.xml
check "$label: a missing translation is refused at its place, and says how to allow it" \
	sh -c "test \"\$(cat '$tmp/htmlmiss.rc')\" = 1 && grep -q '^tests/warn/01-missing-translation.xml:[0-9]*:[0-9]*: error: .*--allow-missing \\[translation-missing\\]\$' '$tmp/htmlmiss.err' && test -z \"\$(ls -A '$html_out/refused')\""
run htmlallow html --allow-missing -o "$html_out/allowed" tests/warn/01-missing-translation.xml
check "$label: ... and rendered with --allow-missing" \
	sh -c "test \"\$(cat '$tmp/htmlallow.rc')\" = 0 && ls '$html_out/allowed' | grep -q '\\.html\$'"
run htmlmixed html -o "$html_out/mixed" xml/appeal-free-them.xml tests/bad/21-duplicate-id.xml
check "$label: of several files, the good ones are written and the run exits 1" \
	sh -c "test \"\$(cat '$tmp/htmlmixed.rc')\" = 1 && test -s '$html_out/mixed/$(html_doc_id xml/appeal-free-them.xml).html'"
: >"$html_out/a-file"
run htmlnodir html -o "$html_out/a-file/sub" xml/appeal-free-them.xml
check "$label: an output folder that cannot be made exits 3 and says where" \
	sh -c "test \"\$(cat '$tmp/htmlnodir.rc')\" = 3 && grep -q 'a-file/sub/.*\\[write\\]' '$tmp/htmlnodir.err'"
run htmlnofile html
check "$label: html without FILE is a usage error (2)" test "$(cat "$tmp/htmlnofile.rc")" = 2
run htmlnoopt html --frob xml/appeal-free-them.xml
check "$label: html with an unknown option is a usage error (2)" test "$(cat "$tmp/htmlnoopt.rc")" = 2
run htmlxml2 html --xml xml/appeal-free-them.xml xml/letter-to-rapporteur.xml
check "$label: html --xml takes one FILE (2)" test "$(cat "$tmp/htmlxml2.rc")" = 2
run htmlxml html --xml xml/letter-to-rapporteur.xml
check "$label: html --xml prints the stylesheets' input, a document in every language" \
	sh -c "test \"\$(cat '$tmp/htmlxml.rc')\" = 0 && xmllint --noout '$tmp/htmlxml.out' && test \"\$(xmllint --xpath 'count(/document/language)' '$tmp/htmlxml.out')\" = 3"

echo "# html: text is text"
run htmlevil html -o "$html_out/evil" tests/html/script-in-text.xml
evil_pages=("$html_out/evil/script-in-text.html" "$html_out/evil/script-in-text.en.html" "$html_out/evil/script-in-text.fa.html")
check "$label: a document full of markup-like text is written" test "$(cat "$tmp/htmlevil.rc")" = 0
check "$label: ... its pages parse without an error" html_parses "${evil_pages[@]}"
check "$label: ... and hold no script, no injected element, every character escaped" \
	sh -c '! grep -i -e "<script" -e "<img" -e "<style" -e "<b on" -e "<!--" "$@" && grep -q "&lt;/style&gt;&lt;script&gt;alert(1)&lt;/script&gt;" "$@"' _ "${evil_pages[@]}"

echo "# html: what it reads and writes (strace)"
if [ "$label" = release ]; then
	mkdir -p "$html_out/elsewhere"
	abs_doc=$PWD/xml/appeal-free-them.xml
	abs_bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
	(cd "$html_out/elsewhere" && strace -f -qq -e trace=open,openat,socket,connect,mkdir,rename \
		-o ../strace.log "$abs_bin" html -o out "$abs_doc" >/dev/null 2>&1)
	check "$label: html runs from any folder (the stylesheets are in the binary)" \
		test -s "$html_out/elsewhere/out/$(html_doc_id xml/appeal-free-them.xml).fa.html"
	check "$label: html touches no network" sh -c "! grep -Eq '^[0-9]+ +(socket|connect)\\(' '$html_out/strace.log'"
	# It opens its folder "out" too: for unnamed temporary files, and to fsync it.
	check "$label: html reads only the document (and the text stage's dictionaries)" \
		sh -c "grep -Eo 'open(at)?\\([^\"]*\"[^\"]*\", O_RDONLY' '$html_out/strace.log' | sed 's/.*\"\\(.*\\)\", O_RDONLY/\\1/' | grep -Ev '^(/etc/ld\\.so\\.cache|/lib/|/usr/lib/|/lib64/|/proc/|/sys/|/usr/share/hyphen(/|\$)|/usr/share/zoneinfo/|/etc/localtime\$|out\$)' | grep -Fxv '$abs_doc' | { ! grep .; }"
	check "$label: html writes only into its output folder" \
		sh -c "grep -E 'open(at)?\\(.*O_(WRONLY|RDWR|CREAT)' '$html_out/strace.log' | grep -v -e '\"out/' -e '\"out\", O_WRONLY|O_CLOEXEC|O_TMPFILE' | { ! grep .; }"
fi

echo "# index"
run index index -o "$html_out/index.html" xml/*.xml
check "$label: index writes out/index.html silently" \
	sh -c "test \"\$(cat '$tmp/index.rc')\" = 0 -a ! -s '$tmp/index.err' -a -s '$html_out/index.html'"
check "$label: the index parses without an error" html_parses "$html_out/index.html"
for doc in xml/*.xml; do
	id=$(html_doc_id "$doc")
	check "$label: the index links $id's pages and PDFs" \
		sh -c "grep -q 'href=\"$id.html\"' '$html_out/index.html' && grep -q 'href=\"$id.pdf\"' '$html_out/index.html' && for l in $(html_doc_langs "$doc"); do grep -q \"href=\\\"$id.\$l.html\\\"\" '$html_out/index.html' && grep -q \"href=\\\"$id.\$l.pdf\\\"\" '$html_out/index.html' || exit 1; done"
	check "$label: the index shows $id's title in each language, with its lang" \
		sh -c "for l in $(html_doc_langs "$doc"); do grep -q \"<span lang=\\\"\$l\\\" dir=\\\"[lr]t[lr]\\\" class=\\\"title \" '$html_out/index.html' || exit 1; done"
done
run indexprogress index -o "$html_out/index-progress.html" tests/html/progress.xml
check "$label: the index counts each translation's progress, missing ones too (not refused)" \
	sh -c "test \"\$(cat '$tmp/indexprogress.rc')\" = 0 && grep -q '>3 of 3 translated (100 %), 2 reviewed<' '$html_out/index-progress.html' && grep -q '>1 of 3 translated (33 %), 1 reviewed, 1 draft, 1 missing<' '$html_out/index-progress.html'"
run indexbad index -o "$html_out/index-bad.html" xml/appeal-free-them.xml tests/bad/21-duplicate-id.xml
check "$label: one refused document, and the index is not written (1)" \
	sh -c "test \"\$(cat '$tmp/indexbad.rc')\" = 1 -a ! -e '$html_out/index-bad.html'"
run indexopt index --allow-missing xml/appeal-free-them.xml
check "$label: index takes no html option (2)" test "$(cat "$tmp/indexopt.rc")" = 2

# ---- the browser -------------------------------------------------------------------------

# A DevTools client over a pipe: cdp_start, then cdp METHOD [PARAMS] leaves the reply in
# $CDP_REPLY (failing on an error reply or after 60 s of silence), cdp_stop.
cdp_start() {
	CDP_DIR=$(mktemp -d)
	mkfifo "$CDP_DIR/in" "$CDP_DIR/out"
	timeout 900 chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
		--disable-component-update --disable-sync --no-first-run --no-default-browser-check \
		--user-data-dir="$CDP_DIR/profile" --remote-debugging-pipe about:blank \
		3<"$CDP_DIR/in" 4>"$CDP_DIR/out" 2>"$CDP_DIR/chromium.err" &
	CDP_PID=$!
	exec {CDP_W}>"$CDP_DIR/in" {CDP_R}<"$CDP_DIR/out"
	CDP_ID=0 CDP_SESSION= CDP_TARGET=
}

cdp() { # cdp METHOD [PARAMS]
	CDP_ID=$((CDP_ID + 1))
	local session=
	[ -n "$CDP_SESSION" ] && session=",\"sessionId\":\"$CDP_SESSION\""
	printf '{"id":%d,"method":"%s","params":%s%s}\0' $CDP_ID "$1" "${2:-{\}}" "$session" >&$CDP_W ||
		return 1
	CDP_REPLY=
	local reply
	while IFS= read -r -d '' -t 60 reply <&$CDP_R; do
		case "$reply" in
		"{\"id\":$CDP_ID,\"error\""*) echo "cdp: $1: $reply" >&2; return 1 ;;
		"{\"id\":$CDP_ID,"*) CDP_REPLY=$reply; return 0 ;;
		esac
	done
	echo "cdp: no reply to $1" >&2
	return 1
}

cdp_eval() { # cdp_eval JS: its value as JSON in $CDP_VALUE
	cdp Runtime.evaluate "$(jq -cn --arg e "$1" '{expression: $e, awaitPromise: true, returnByValue: true}')" ||
		return 1
	if jq -e '.result | has("exceptionDetails")' <<<"$CDP_REPLY" >/dev/null; then
		echo "cdp: exception: $CDP_REPLY" >&2
		return 1
	fi
	CDP_VALUE=$(jq -c '.result.result.value' <<<"$CDP_REPLY")
}

cdp_open() { # cdp_open FILE WIDTH: a new tab that size, FILE loaded and its fonts ready
	CDP_SESSION=
	cdp Target.createTarget '{"url":"about:blank"}' || return 1
	CDP_TARGET=$(jq -r .result.targetId <<<"$CDP_REPLY")
	cdp Target.attachToTarget "{\"targetId\":\"$CDP_TARGET\",\"flatten\":true}" || return 1
	CDP_SESSION=$(jq -r .result.sessionId <<<"$CDP_REPLY")
	local mobile=false; [ "$2" -lt 600 ] && mobile=true
	cdp Emulation.setScrollbarsHidden '{"hidden":true}' || return 1
	cdp Emulation.setDeviceMetricsOverride \
		"{\"width\":$2,\"height\":900,\"deviceScaleFactor\":1,\"mobile\":$mobile}" || return 1
	cdp Page.navigate "{\"url\":\"file://$1\"}" || return 1
	cdp_eval 'new Promise(r => document.readyState === "complete" ? r() : addEventListener("load", r)).then(() => document.fonts.ready).then(() => true)'
}

cdp_close() {
	CDP_SESSION=
	[ -n "$CDP_TARGET" ] && cdp Target.closeTarget "{\"targetId\":\"$CDP_TARGET\"}" >/dev/null
	CDP_TARGET=
}

cdp_stop() {
	CDP_SESSION=
	cdp Browser.close >/dev/null 2>&1
	exec {CDP_W}>&- {CDP_R}<&-
	wait $CDP_PID 2>/dev/null
	rm -rf "$CDP_DIR"
}

# What a page must be in the browser, measured on the laid-out page: no block wider than
# the window; each block with its own language in its direction, its lines flush with its
# start side (right for Farsi); and, for the record, the fonts that loaded.
html_layout_js='(() => {
  const vw = document.documentElement.clientWidth, out = {width: vw};
  out.scrollWidth = document.documentElement.scrollWidth;
  out.overflowing = [...document.querySelectorAll("body *")].filter(e => {
    const b = e.getBoundingClientRect();
    return b.width > 0 && (b.right > vw + 0.5 || b.left < -0.5);
  }).map(e => e.tagName + "#" + e.id + "." + e.className).slice(0, 5);
  const blocks = [...document.querySelectorAll("body [lang]")].filter(e =>
    getComputedStyle(e).display !== "inline" && e.closest("main, header") &&
    [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()));
  out.blocks = {}; out.wrong = [];
  for (const e of blocks) {
    const cs = getComputedStyle(e), want = e.dir;
    const r = document.createRange(); r.selectNodeContents(e);
    const rects = [...r.getClientRects()].filter(x => x.width > 0);
    const bottom = Math.max(...rects.map(x => x.bottom));
    const last = rects.filter(x => x.bottom > bottom - 2);
    const b = e.getBoundingClientRect();
    const left = b.left + parseFloat(cs.borderLeftWidth) + parseFloat(cs.paddingLeft);
    const right = b.right - parseFloat(cs.borderRightWidth) - parseFloat(cs.paddingRight);
    const flush = want === "rtl" ? Math.abs(Math.max(...last.map(x => x.right)) - right) <= 2
                                 : Math.abs(Math.min(...last.map(x => x.left)) - left) <= 2;
    const key = e.lang + ":" + cs.direction + ":" + (flush ? (want === "rtl" ? "right" : "left") : "NOT-FLUSH");
    out.blocks[key] = (out.blocks[key] || 0) + 1;
    if (cs.direction !== want || !flush) out.wrong.push(e.tagName + "#" + e.id + "[lang=" + e.lang + "] " + cs.direction + " " + cs.textAlign);
  }
  out.fonts = {};
  document.fonts.forEach(f => { out.fonts[f.family + " " + f.weight + " " + f.style] = f.status; });
  return out;
})()'

# The page shows TEXT, ran no script, and its policy stops an injected one.
html_inert_js='(() => ({
  scripts: document.scripts.length,
  images: document.images.length,
  title: document.title,
  text: document.body.innerText,
  hidden: getComputedStyle(document.body).display === "none"
}))()'

html_png_width() { od -An -tu1 -j16 -N4 "$1" | awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 }'; }

# Opens PAGE at WIDTH, keeps a screenshot, checks layout, direction, alignment and overflow.
html_in_browser() { # html_in_browser PAGE WIDTH
	local page=$1 width=$2 name; name=$(basename "$1" .html)
	if ! cdp_open "$page" "$width"; then
		not_ok "$label: chromium opens $name at $width px"
		return
	fi
	local shot=$html_shots/$name.$width.png
	cdp Page.captureScreenshot '{"format":"png","captureBeyondViewport":true}' &&
		jq -r .result.data <<<"$CDP_REPLY" | base64 -d >"$shot"
	check "$label: screenshot of $name at $width px" test "$(html_png_width "$shot" 2>/dev/null)" = "$width"
	cdp_eval "$html_layout_js" || { not_ok "$label: $name measured at $width px"; cdp_close; return; }
	echo "$CDP_VALUE" >"$html_shots/$name.$width.json"
	check "$label: $name at $width px: nothing wider than the window" \
		jq -e '.scrollWidth <= .width and (.overflowing | length) == 0' "$html_shots/$name.$width.json"
	check "$label: $name at $width px: every block in its direction, flush with its start" \
		jq -e '(.wrong | length) == 0 and (.blocks | length) > 0' "$html_shots/$name.$width.json"
	if [[ $name != *.* || $name == *.fa ]] && grep -q 'lang="fa"' "$page"; then
		check "$label: $name at $width px: the Farsi blocks are rtl and right-aligned" \
			jq -e '.blocks["fa:rtl:right"] > 0 and ([.blocks | keys[] | select(startswith("fa:") and . != "fa:rtl:right")] | length) == 0' \
			"$html_shots/$name.$width.json"
	fi
	check "$label: $name at $width px: no font failed to load" \
		jq -e '[.fonts[] | select(. == "error")] | length == 0' "$html_shots/$name.$width.json"
	if [ "$width" -gt 600 ]; then html_fonts_used "$page"; fi
	cdp_close
}

# Every glyph of the open page is drawn with a font of fonts/, never a system fallback:
# the browser's own account (CSS.getPlatformFontsForNode) of every element.
html_fonts_used() { # html_fonts_used PAGE
	local page=$1 name; name=$(basename "$1" .html)
	local log=$html_shots/$name.fonts.jsonl
	: >"$log"
	cdp DOM.enable && cdp CSS.enable && cdp DOM.getDocument '{"depth":-1}' || {
		not_ok "$label: $name: fonts asked of the browser"; return; }
	local root; root=$(jq .result.root.nodeId <<<"$CDP_REPLY")
	cdp DOM.querySelectorAll "{\"nodeId\":$root,\"selector\":\"body, body *\"}" || return
	local node
	for node in $(jq '.result.nodeIds[]' <<<"$CDP_REPLY"); do
		cdp CSS.getPlatformFontsForNode "{\"nodeId\":$node}" && printf '%s\n' "$CDP_REPLY" >>"$log"
	done
	local files; files=$(cd fonts && ls *.ttf | sed 's/\.ttf$//' | jq -Rsc 'split("\n") | map(select(length > 0))')
	check "$label: $name: every glyph from a font of fonts/, no fallback font" \
		jq -se --argjson files "$files" '[.[].result.fonts[]] as $f | ($f | length) > 0 and ($f | all(.isCustomFont and (.postScriptName as $n | $files | index($n) != null)))' "$log"
	if grep -q 'lang="fa"' "$page"; then
		check "$label: $name: the Farsi text is set in Vazirmatn" \
			jq -se '[.[].result.fonts[] | .postScriptName] | index("Vazirmatn-Regular") != null' "$log"
	fi
}

if [ "$label" = release ]; then
	echo "# html in headless Chromium"
	html_shots=${BROADSIDE_SCREENSHOTS:-$tmp/screenshots}
	mkdir -p "$html_shots"
	echo "# screenshots: $html_shots"
	# The pages' folder as make leaves it: the pages, the stylesheet, a copy of fonts/.
	mkdir -p "$html_out/fonts"
	cp fonts/*.ttf "$html_out/fonts/"
	abs_out=$(cd "$html_out" && pwd)
	cdp_start
	if cdp Browser.getVersion; then
		ok "$label: headless chromium answers ($(jq -r .result.product <<<"$CDP_REPLY"))"
		for page in "${html_pages[@]}" "$html_out/index.html"; do
			for width in 1280 360; do
				html_in_browser "$abs_out/${page#"$html_out"/}" $width
			done
		done

		# The print stylesheet: no navigation, the languages still side by side.
		if cdp_open "$abs_out/$(html_doc_id xml/appeal-free-them.xml).html" 360; then
			cdp Emulation.setEmulatedMedia '{"media":"print"}'
			cdp_eval '({nav: getComputedStyle(document.querySelector("nav")).display, flow: getComputedStyle(document.querySelector(".row")).gridAutoFlow})'
			check "$label: printed, the parallel page has no navigation and keeps its columns" \
				jq -e '.nav == "none" and .flow == "column"' <<<"$CDP_VALUE"
			cdp_close
		fi

		# Markup typed as text stays text, and the policy would stop a script that got in.
		mkdir -p "$abs_out/evil/fonts" && cp fonts/*.ttf "$abs_out/evil/fonts/"
		for page in "${evil_pages[@]}"; do
			name=$(basename "$page" .html)
			if cdp_open "$abs_out/evil/$name.html" 1280 && cdp_eval "$html_inert_js"; then
				check "$label: $name: the typed markup is shown as text, nothing of it runs" \
					jq -e '.scripts == 0 and .images == 0 and (.hidden | not) and (.title | contains("<script>alert(1)</script>")) and (.text | contains("</style><script>alert(1)</script>")) and (.text | contains("<img src=x onerror=alert(2)>"))' <<<"$CDP_VALUE"
			else
				not_ok "$label: $name opens in chromium"
			fi
			cdp_close
			html_in_browser "$abs_out/evil/$name.html" 360
		done
		sed 's|<main>|<main><script>document.title = "ran"</script><p style="display:none" id="styled">x</p>|' \
			"$abs_out/evil/script-in-text.en.html" >"$abs_out/evil/injected.html"
		if cdp_open "$abs_out/evil/injected.html" 1280 &&
			cdp_eval '({title: document.title, styled: getComputedStyle(document.getElementById("styled")).display, rule: getComputedStyle(document.querySelector("h1")).fontFamily})'; then
			check "$label: the pages' policy blocks an injected script and inline style, not their own stylesheet" \
				jq -e '.title != "ran" and .styled != "none" and (.rule | startswith("Roboto"))' <<<"$CDP_VALUE"
		else
			not_ok "$label: chromium opens the injected page"
		fi
		cdp_close
	else
		not_ok "$label: headless chromium answers"
		sed 's/^/#   /' "$CDP_DIR/chromium.err" | head -10
	fi
	cdp_stop
fi
