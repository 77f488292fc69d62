# Every annotation of every page of `qpdf --json=2 FILE.pdf`, one line each:
# "URI<TAB>the URI" for a link whose action is exactly << /S /URI /URI (…) >> (and
# /Type /Action), "BAD<TAB>why" for anything else.
.qpdf[1] as $objects
| def deref: if type == "string" and test("^[0-9]+ [0-9]+ R$") then $objects["obj:" + .].value else . end;
  .pages[].object | deref | (.["/Annots"] // []) | deref | .[] | deref
| if .["/Subtype"] != "/Link" then "BAD\tannotation \(.["/Subtype"])"
  else (.["/A"] | deref) as $a
  | if ($a | type) != "object" then "BAD\tno action dictionary"
    elif $a["/S"] != "/URI" then "BAD\taction \($a["/S"])"
    elif [$a | keys[] | select(. != "/S" and . != "/URI" and . != "/Type")] != [] then
      "BAD\taction keys \($a | keys)"
    elif ($a["/URI"] | type) != "string" or ($a["/URI"] | startswith("u:") | not) then
      "BAD\t/URI \($a["/URI"])"
    else "URI\t" + ($a["/URI"] | ltrimstr("u:"))
    end
  end
