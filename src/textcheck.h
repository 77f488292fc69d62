/* textcheck.h — checks on plain text that every stage may make without a parser: whether
 * a link is one broadside will write, whether an e-mail address is one, and which code
 * points a document's text must not hold.  validate.c reports what they refuse; segment
 * import, html and the tagged form use them to decide what they accept.
 *
 * Nothing here allocates anything the caller keeps; no libxml2, no ICU. */
#ifndef BROADSIDE_TEXTCHECK_H
#define BROADSIDE_TEXTCHECK_H

#include <stdbool.h>

/* True when HREF, trimmed and lower-cased as a browser would read it, is an http:,
 * https: or mailto: link with something after the scheme; a mailto: link's addresses
 * (before any '?', comma-separated, percent-decoded) must each pass textcheck_email. */
bool textcheck_link(const char *href);

/* True when HREF's scheme, read as textcheck_link reads it, is mailto:. */
bool textcheck_is_mailto(const char *href);

/* True when ADDR is an e-mail address as RFC 5322's addr-spec in dot-atom form has it
 * (with RFC 6531's UTF-8): a local part of atext runs joined by single dots, '@', and a
 * domain of at least two dot-separated labels of letters, digits and inner hyphens.  No
 * quoted strings, comments, brackets, parentheses or white space. */
bool textcheck_email(const char *addr);

/* True for code points a document must not contain: C0/C1 controls other than tab and
 * line ends, and DEL. */
bool textcheck_is_control(unsigned cp);

/* True for explicit bidi embeddings, overrides and isolates (U+202A–E, U+2066–9). */
bool textcheck_is_bidi_control(unsigned cp);

#endif
