/* uri.h — every URI that broadside writes (PDF link annotations, HTML href attributes)
 * goes through uri_encode, so that what a document says can never leave the URI: no
 * PDF string delimiter, no quote, no space, no control, nothing beyond ASCII.  And what
 * in running text is a URL or an e-mail address (uri_text_like). */
#ifndef BROADSIDE_URI_H
#define BROADSIDE_URI_H

#include <stdbool.h>

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

/* Whether S, one token of running text (its brackets and trailing punctuation taken off),
 * looks like a URL or an e-mail address a reader typed: "https://…", "mailto:…",
 * "www.…", "name@example.org", "example.org", "example.org/page2".  A domain is labels of
 * letters, digits and hyphens, the last (the top-level domain) of two or more letters,
 * and without a path in lower case, so that "Mr.Smith" is none.  Lint leaves such tokens
 * to no language's rules. */
bool uri_text_like(const char *s);

#endif
