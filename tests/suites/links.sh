# tests/suites/links.sh — links that cannot escape (issue 10, finding 1).  Hostile hrefs,
# contact urls and e-mails (tests/links/*.tsv, *.txt) are either refused by validation or
# rendered with every PDF link annotation exactly << /S /URI /URI (the encoded URI) >>
# (read through qpdf's JSON) and every HTML href exactly the same URI; no script, launch
# or automatic action anywhere in the PDF.  Sourced by tests/run with $bin, $label, $tmp.

links_dir=$tmp/links
# The sanitizer build renders a few cases (enough to run every code path); the release build
# the whole corpus.
links_max=1000
[ "$label" = release ] || links_max=3
mkdir -p "$links_dir"
links_template=$(cat tests/links/template.xml)

links_doc() { # links_doc NAME HREF URL EMAIL: $links_dir/NAME.xml from the template
	local doc=$links_template
	doc=${doc//@HREF@/"$2"}
	doc=${doc//@URL@/"$3"}
	doc=${doc//@EMAIL@/"$4"}
	printf '%s\n' "$doc" >"$links_dir/$1.xml"
}

# links_check_pdf PDF URI...: every annotation of every page is a link whose action is
# /S /URI to one of URI..., each URI has one, and outside stream data and /URI strings
# the PDF names no script, launch, form or automatic action.
links_check_pdf() {
	local pdf=$1; shift
	qpdf --json=2 "$pdf" >"$links_dir/pdf.json" || { echo "qpdf --json cannot read $pdf"; return 1; }
	jq -r -f tests/links/annots.jq "$links_dir/pdf.json" >"$links_dir/annots" || return 1
	if grep '^BAD' "$links_dir/annots"; then return 1; fi
	sed -n 's/^URI\t//p' "$links_dir/annots" | sort -u >"$links_dir/got"
	printf '%s\n' "$@" | sort -u >"$links_dir/want"
	diff -u "$links_dir/want" "$links_dir/got" || return 1
	qpdf --qdf --object-streams=disable "$pdf" "$links_dir/qdf.pdf" || return 1
	if awk '/^stream$/ { s = 1; next } /^endstream$/ { s = 0; next } !s' "$links_dir/qdf.pdf" |
		grep -a -v '^ */\(URI\|Alt\) (' | # a string (the QR code's alternative text names its URL)
		grep -a -n -E '/(JavaScript|JS|Launch|OpenAction|AA|SubmitForm|ImportData|GoToR|XFA)([^A-Za-z0-9]|$)'; then
		echo "an action outside a /URI string"; return 1
	fi
}

# links_check_html DIR URI...: every page broadside wrote into DIR links to exactly URI...
links_check_html() {
	local dir=$1 page; shift
	for page in "$dir"/*.html; do
		python3 tests/links/check_html.py "$page" "$@" || return 1
	done
}

links_exited_0() { # links_exited_0 RUN-NAME: that run exited 0, or say how it failed
	[ "$(cat "$tmp/$1.rc")" = 0 ] || { echo "exit $(cat "$tmp/$1.rc")"; cat "$tmp/$1.err"; return 1; }
}

links_then() { # links_then RUN-NAME COMMAND...: that run exited 0, and COMMAND passes
	local name=$1; shift
	links_exited_0 "$name" && "$@"
}

# links_render NAME FLAG URI...: validates $links_dir/NAME.xml; refused, it passes only
# with FLAG "?"; accepted, its PDF and HTML must link to exactly URI...  ARGS, if set,
# are more options for pdf.
links_render() {
	local name=$1 flag=$2 doc=$links_dir/$1.xml; shift 2
	run lv validate "$doc"
	if [ "$(cat "$tmp/lv.rc")" = 1 ] && [ "$flag" = "?" ]; then
		check "$label: links: $name is refused (allowed for it), with an error" \
			grep -q ': error: ' "$tmp/lv.err"
		return
	fi
	check "$label: links: $name validates" links_exited_0 lv
	run lp pdf ${links_pdf_args:-} -o "$links_dir/$name.pdf" "$doc"
	check "$label: links: $name: every PDF link is /S /URI to exactly its encoded URIs" \
		links_then lp links_check_pdf "$links_dir/$name.pdf" "$@"
	run lh html -o "$links_dir/$name.html.d" "$doc"
	check "$label: links: $name: every HTML href is exactly its encoded URIs" \
		links_then lh links_check_html "$links_dir/$name.html.d" "$@"
}

echo "# hostile hrefs and contact urls: tests/links/hrefs.tsv"
links_i=0
while IFS=$'\t' read -r links_value links_uri links_flag; do
	case "$links_value" in '#'*) continue ;; esac
	links_i=$((links_i + 1))
	[ "$links_i" -le "$links_max" ] || continue
	links_doc "href-$links_i" "$links_value" "https://example.org/contact" "info@example.org"
	links_render "href-$links_i" "${links_flag:-}" "$links_uri" \
		"https://example.org/contact" "mailto:info@example.org"
	links_doc "url-$links_i" "https://example.org/ok" "$links_value" "info@example.org"
	links_render "url-$links_i" "${links_flag:-}" "$links_uri" \
		"https://example.org/ok" "mailto:info@example.org"
done <tests/links/hrefs.tsv
check "$label: links: the corpus has its cases" test "$links_i" -ge 18
if [ "$label" = release ]; then

# A very long one, and the contact URL as a QR code's caption, which is a link too.
links_long="https://example.org/$(printf 'a(%.0s' $(seq 3000))\\"
links_doc long "$links_long" "https://example.org/contact" "info@example.org"
links_render long "" "https://example.org/$(printf 'a%%28%.0s' $(seq 3000))%5C" \
	"https://example.org/contact" "mailto:info@example.org"
links_doc qr "https://example.org/ok" "https://example.org/)/S/JavaScript/JS(app.alert(1)" \
	"info@example.org"
links_pdf_args=--qr links_render qr "" "https://example.org/ok" "mailto:info@example.org" \
	"https://example.org/%29/S/JavaScript/JS%28app.alert%281%29"
check "$label: links: the QR code's caption is a link to the encoded URL" \
	sh -c "test \$(grep -c 'JS%28app' '$links_dir/annots') -ge 2"
fi

echo "# hostile contact e-mails: tests/links/emails.tsv"
links_i=0
while IFS=$'\t' read -r links_value links_uri links_flag; do
	case "$links_value" in '#'*) continue ;; esac
	links_i=$((links_i + 1))
	[ "$links_i" -le "$links_max" ] || continue
	links_doc "email-$links_i" "https://example.org/ok" "https://example.org/contact" "$links_value"
	[ "$links_flag" = "!" ] && links_flag=
	links_render "email-$links_i" "$links_flag" "$links_uri" \
		"https://example.org/ok" "https://example.org/contact"
done <tests/links/emails.tsv

echo "# links validation refuses: tests/links/refused.txt"
links_i=0
while IFS= read -r links_value; do
	case "$links_value" in '#'*) continue ;; esac
	links_i=$((links_i + 1))
	[ "$links_i" -le "$links_max" ] || continue
	links_doc "refused-href-$links_i" "$links_value" "https://example.org/contact" "info@example.org"
	links_doc "refused-url-$links_i" "https://example.org/ok" "$links_value" "info@example.org"
	for links_where in href url; do
		links_name=refused-$links_where-$links_i
		run lr pdf -o "$links_dir/$links_name.pdf" "$links_dir/$links_name.xml"
		check "$label: links: $links_name ($links_where=\"$links_value\") is refused [link-scheme] (or [link-email]), no PDF" \
			sh -c "test \"\$(cat '$tmp/lr.rc')\" = 1 && grep -Eq '\\[link-(scheme|email)\\]' '$tmp/lr.err' &&
				test ! -e '$links_dir/$links_name.pdf'"
	done
done <tests/links/refused.txt
check "$label: links: the refused corpus has its cases" test "$links_i" -ge 15
unset links_pdf_args
