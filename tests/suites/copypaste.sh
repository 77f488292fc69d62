# Copy and paste (issue 13): the words of every language come back out of every sample
# leaflet, in every layout, with two real readers: poppler (pdftotext) and MuPDF (mutool
# draw -F txt), measured word by word against the resolved text by tests/tools/copypaste
# (sourced by tests/run: $bin, $label, $tmp, ok, not_ok, check, run).
#
# The figures are printed for every PDF; a fall below the floor of its script, reader and
# layout fails.  What the floors are and why they are not all 100 % (README, "Copy and
# paste"): MuPDF 1.21 does not read /ActualText, so a word hyphenated at a line's end comes
# out of it in two pieces; poppler puts right-to-left lines together by its own simple
# reordering, and on a page where most text is left to right (a parallel leaflet) it
# reorders a Farsi line in pieces around every comma and number.
copypaste=tests/tools/copypaste
if [ "$label" = release ]; then
	echo "# copy and paste: every sample in every layout, poppler and MuPDF"
	cpdir=$tmp/copypaste
	rm -rf "$cpdir" && mkdir -p "$cpdir"
	export SOURCE_DATE_EPOCH=1686000000
	# floor KIND LANG READER: the least share of words, in per cent (KIND: single, or
	# mixed for parallel and stacked leaflets)
	floor() {
		case $1.$2.$3 in
		single.fa.poppler) echo 96 ;;
		single.ar.poppler) echo 80 ;;
		single.fa.mupdf) echo 99 ;;
		single.ar.mupdf) echo 97 ;;
		single.*.poppler) echo 100 ;;
		single.*.mupdf) echo 97 ;;
		mixed.fa.poppler | mixed.ar.poppler) echo 65 ;;
		mixed.fa.mupdf | mixed.ar.mupdf) echo 97 ;;
		mixed.*.poppler) echo 96 ;;
		mixed.*) echo 95 ;;
		esac
	}
	for doc in xml/*.xml; do
		name=$(basename "$doc" .xml)
		"$bin" dump --no-hyphens "$doc" >"$cpdir/$name.dump"
		langs=$(sed -n 's/.*<[a-z]* [^>]*langs="\([^"]*\)".*/\1/p' "$doc" | head -1)
		for variant in parallel stacked $langs; do
			case $variant in
			parallel | stacked) args="--layout $variant" kind=mixed ;;
			*) args="--layout single --lang $variant" kind=single ;;
			esac
			pdf=$cpdir/$name.$variant.pdf
			# shellcheck disable=SC2086
			if ! "$bin" pdf $args -o "$pdf" "$doc" >"$cpdir/err" 2>&1 &&
				grep -q 'layout-columns' "$cpdir/err"; then
				ok "$label: copy and paste: $name $variant is refused as too narrow (no PDF to read)"
				continue
			elif [ ! -s "$pdf" ]; then
				not_ok "$label: copy and paste: $name $variant was not rendered"
				sed 's/^/#   /' "$cpdir/err" | head -3
				continue
			fi
			qpdf --qdf --object-streams=disable "$pdf" "$pdf.qdf" 2>/dev/null
			check "$label: copy and paste: $name $variant: no /ActualText span of a soft hyphen or of no glyph at all" \
				sh -c "! grep -a -q '/ActualText <feff00ad>' '$pdf.qdf' &&
				! grep -a -A1 '/ActualText' '$pdf.qdf' | grep -q '^EMC'"
			"$copypaste" -v "$cpdir/$name.dump" "$pdf" \
				$([ $kind = single ] && echo "$variant") >"$cpdir/out" 2>&1
			while read -r lang reader words _ total _ pct; do
				reader=${reader%:}
				if [ "${lang%-foreign}" != "$lang" ]; then
					# words of other languages quoted in its text: shown, not held to a floor
					echo "# $name $variant, $lang with $reader: $words of $total words $pct"
					continue
				fi
				got=${pct#(}
				got=${got%%.*}
				want=$(floor $kind "$lang" "$reader")
				check "$label: copy and paste: $name $variant, $lang with $reader: $words of $total words ($got %, at least $want %)" \
					test "${got:-0}" -ge "$want"
			done < <(grep -v '^  \|soft hyphens' "$cpdir/out")
			while read -r reader shy _ _ zwnj _ typed _; do
				check "$label: copy and paste: $name $variant with ${reader%:}: no soft hyphen ($shy), ZWNJs as typed ($zwnj of $typed)" \
					test "$shy" = 0 -a "$zwnj" = "$typed"
			done < <(grep 'soft hyphens' "$cpdir/out")
		done
	done
fi
