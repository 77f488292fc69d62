/* uri.c — percent-encoding of URIs for output, and URLs typed as text; see uri.h. */
#include "uri.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

static bool is_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* "example.org", "example.org/page2": labels of letters, digits and hyphens, the last
 * one (the top-level domain) of two or more letters.  Without a path the top-level
 * domain must be lower case, so that "Mr.Smith" is no domain. */
static bool is_domain(const char *s)
{
	size_t host = strcspn(s, "/:?#");
	size_t labels = 0, tld_len = 0;
	bool tld_alpha = true, tld_lower = true;
	for (size_t i = 0; i <= host; i++) {
		char c = i < host ? s[i] : '.';
		if (c == '.') {
			if (tld_len == 0)
				return false;
			labels++;
			if (i < host) {
				tld_len = 0;
				tld_alpha = tld_lower = true;
			}
			continue;
		}
		if (!is_alnum((unsigned char)c) && c != '-')
			return false;
		tld_len++;
		tld_alpha &= (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
		tld_lower &= c >= 'a' && c <= 'z';
	}
	if (labels < 2 || tld_len < 2 || !tld_alpha)
		return false;
	return s[host] != '\0' || tld_lower;
}

bool uri_text_like(const char *s)
{
	if (strstr(s, "://") || strncasecmp(s, "mailto:", 7) == 0 ||
	    (strncasecmp(s, "www.", 4) == 0 && s[4]))
		return true;
	const char *at = strchr(s, '@');
	if (at && at > s)
		return is_domain(at + 1);
	return is_domain(s);
}

