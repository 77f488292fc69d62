/* uri.h — every URI that broadside writes (PDF link annotations, HTML href attributes)
 * goes through uri_encode, so that what a document says can never leave the URI: no
 * PDF string delimiter, no quote, no space, no control, nothing beyond ASCII.  And what
 * in running text is a URL or an e-mail address (uri_token_address): the one rule by which
 * layout keeps an address whole, resolve leaves it unhyphenated and lint leaves it to no
 * language's rules. */
#ifndef BROADSIDE_URI_H
#define BROADSIDE_URI_H

#include <stdbool.h>
#include <stddef.h>

/* S with every byte outside RFC 3986's allowed set percent-encoded as %XX (upper-case
 * hex), after trimming spaces and controls at either end (as browsers do, and as
 * textcheck_link reads a link's scheme).  Kept literally: ALPHA, DIGIT, "-._~", the
 * gen-delims ":/?#@", the sub-delims "!&'*+,;=" and '%' when two hex digits follow it (an
 * existing escape).  Always encoded: '(' and ')' (sub-delims, but PDF string
 * delimiters), '[', ']' and '$' (as libxml2 writes them into HTML), '\', '"', '<', '>',
 * space, controls, DEL, '%' without two hex digits, and every byte >= 0x80.
 * The result passes uri_is_encoded, and uri_encode gives it back unchanged.
 * Returns a new string (free it), or NULL when out of memory. */
char *uri_encode(const char *s);

/* "mailto:" and the e-mail ADDRESS (trimmed as uri_encode does) with everything but
 * letters, digits, "-._~" and RFC 6068's some-delims "!'*+,;:@" percent-encoded: a '?',
 * '&' or '#' in it cannot add a header or a body.  Returns a new string (free it), or
 * NULL when out of memory; it passes uri_is_encoded. */
char *uri_mailto(const char *address);

/* Whether S is what uri_encode gives: only bytes it keeps literally, '%' only before two
 * hex digits.  uri_is_encoded(uri_encode(x)) holds for every x. */
bool uri_is_encoded(const char *s);

/* Whether TOKEN[0, LEN), one white-space-delimited token of running text (UTF-8), holds
 * a URL or an e-mail address a reader typed: "https://…", "mailto:…", "www.…",
 * "name@example.org", "example.org", "example.org/page2", "bücher.de".  A domain is
 * labels of letters, digits and hyphens (any script), the last (the top-level domain) of
 * two or more ASCII letters, and without a path in lower case, so that "Mr.Smith",
 * "z.B.", "3.5", "v1.2.3", "km/h" and "und/oder" are none.  *START and *N are set, either
 * way, to the token without what the sentence puts around it: opening brackets and
 * quotation marks (and bidi isolates) before, and ".,;:!?", "…", "،؛؟", closing brackets
 * and quotation marks after — so "(example.org)," and "„www.example.org“" give
 * "example.org" and "www.example.org"; a ')' stays when the address holds a '('. */
bool uri_token_address(const char *token, size_t len, size_t *start, size_t *n);

#endif
