/* uri.c — percent-encoding of URIs for output, and URLs typed as text; see uri.h. */
#include "uri.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

/* What stays literal besides letters and digits.  Not '(' and ')': RFC 3986 allows them,
 * but cairo writes /URI (…) without escaping, so one ')' could end the string and start
 * another action.  Not '[', ']' and '$' either: libxml2's HTML serializer escapes them in
 * an href, and the PDF's links should be the HTML's, byte for byte.  In a mailto:
 * address, RFC 6068's some-delims only, so that '?', '&' and '#' cannot add headers or a
 * body. */
static const char uri_literal[] = "-._~:/?#@!&'*+,;=";
static const char mailto_literal[] = "-._~!'*+,;:@";

static bool is_literal(unsigned char c, const char *literal)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       (c != '\0' && strchr(literal, c) != NULL);
}

static bool is_hex(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Whether the '%' at P starts an escape (P[1] and P[2] are hex digits). */
static bool is_escape(const unsigned char *p)
{
	return p[0] == '%' && is_hex(p[1]) && is_hex(p[2]);
}

/* PREFIX, then S without what a browser trims (spaces and controls at either end) and
 * with every byte that is not LITERAL and not an existing escape as %XX. */
static char *encode(const char *prefix, const char *s, const char *literal)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p = (const unsigned char *)s, *end = p + strlen(s);
	while (p < end && *p <= ' ')
		p++;
	while (end > p && end[-1] <= ' ')
		end--;
	size_t n = strlen(prefix);
	char *out = malloc(n + (size_t)(end - p) * 3 + 1);
	if (!out)
		return NULL;
	memcpy(out, prefix, n);
	char *o = out + n;
	for (; p < end; p++) {
		if (is_literal(*p, literal) || is_escape(p)) {
			*o++ = (char)*p;
		} else {
			*o++ = '%';
			*o++ = hex[*p >> 4];
			*o++ = hex[*p & 15];
		}
	}
	*o = '\0';
	return out;
}

char *uri_encode(const char *s)
{
	return encode("", s, uri_literal);
}

char *uri_mailto(const char *address)
{
	return encode("mailto:", address, mailto_literal);
}

bool uri_is_encoded(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (!is_literal(*p, uri_literal) && !is_escape(p))
			return false;
	return true;
}

/* ---- URLs and e-mail addresses typed as text --------------------------------------- */

/* A letter or digit of a domain label: ASCII, or any letter or digit of another script
 * (an internationalised name such as "bücher.de", as readers type it).  *P steps over
 * the character. */
static bool label_char(const char *s, size_t n, size_t *p)
{
	unsigned char c = (unsigned char)s[*p];
	if (c < 0x80) {
		(*p)++;
		return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '-';
	}
	int32_t i = (int32_t)*p;
	UChar32 cp;
	U8_NEXT((const uint8_t *)s, i, (int32_t)n, cp);
	*p = (size_t)i;
	return cp >= 0 && u_isalnum(cp);
}

/* "example.org", "example.org/page2": labels of letters, digits and hyphens, the last
 * one (the top-level domain) of two or more ASCII letters.  Without a path the
 * top-level domain must be lower case, so that "Mr.Smith" is no domain. */
static bool is_domain(const char *s, size_t n)
{
	size_t host = 0;
	while (host < n && !strchr("/:?#", s[host]))
		host++;
	size_t labels = 0, tld_len = 0;
	bool tld_alpha = true, tld_lower = true;
	for (size_t i = 0; i <= host;) {
		if (i == host || s[i] == '.') {
			if (tld_len == 0)
				return false;
			labels++;
			if (i++ < host) {
				tld_len = 0;
				tld_alpha = tld_lower = true;
			}
			continue;
		}
		char c = s[i];
		if (!label_char(s, host, &i))
			return false;
		tld_len++;
		tld_alpha &= (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
		tld_lower &= c >= 'a' && c <= 'z';
	}
	if (labels < 2 || tld_len < 2 || !tld_alpha)
		return false;
	return host < n || tld_lower;
}

/* "https://…", "ftp://…": a scheme (a letter, then letters, digits, "+-."), "://" and
 * something after it. */
static bool has_scheme(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && (((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z') ||
			 (i > 0 && ((s[i] >= '0' && s[i] <= '9') || strchr("+-.", s[i])))))
		i++;
	return i > 0 && n > i + 3 && memcmp(s + i, "://", 3) == 0;
}

/* The rule: whether S[0, N), with nothing around it, is an address. */
static bool address_like(const char *s, size_t n)
{
	if (has_scheme(s, n) || (n > 7 && strncasecmp(s, "mailto:", 7) == 0) ||
	    (n > 4 && strncasecmp(s, "www.", 4) == 0))
		return true;
	const char *at = memchr(s, '@', n);
	if (at && at > s)
		return is_domain(at + 1, n - (size_t)(at + 1 - s));
	return is_domain(s, n);
}

/* The length of the character of AROUND that S[START, END) begins with (or, LAST, ends
 * with); 0: none. */
static size_t edge_char(const char *s, size_t start, size_t end, bool last,
			const char *const *around)
{
	for (const char *const *a = around; *a; a++) {
		size_t k = strlen(*a);
		if (end - start >= k && memcmp(last ? s + end - k : s + start, *a, k) == 0)
			return k;
	}
	return 0;
}

/* What a sentence puts around an address: brackets, quotation marks (German, Farsi,
 * English, French), punctuation (Latin and Arabic-script), and the bidi controls that
 * resolve isolates another direction's run with. */
static const char *const before_address[] = {
	"(", "[", "{", "<", "'", "\"", "\u201E", "\u201C", "\u201A", "\u2018", "\u00AB",
	"\u00BB", "\u2039", "\u203A", "\u2066", "\u2067", "\u2068", "\u200E", "\u200F", NULL,
};
static const char *const after_address[] = {
	".", ",", ";", ":", "!", "?", ")", "]", "}", ">", "'", "\"", "\u201C", "\u201D",
	"\u2018", "\u2019", "\u00BB", "\u00AB", "\u203A", "\u2039", "\u2026", "\u060C",
	"\u061B", "\u061F", "\u06D4", "\u2069", "\u200E", "\u200F", NULL,
};

static size_t count(const char *s, size_t n, char c)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += s[i] == c;
	return k;
}

bool uri_token_address(const char *token, size_t len, size_t *start, size_t *n)
{
	size_t a = 0, b = len, k;
	while (a < b && (k = edge_char(token, a, b, false, before_address)) > 0)
		a += k;
	while (a < b && (k = edge_char(token, a, b, true, after_address)) > 0) {
		/* "…/Foo_(bar)": a closing bracket that closes one the address opened is its own */
		if (token[b - 1] == ')' && count(token + a, b - a, '(') >= count(token + a, b - a, ')'))
			break;
		b -= k;
	}
	*start = a;
	*n = b - a;
	return b > a && address_like(token + a, b - a);
}
