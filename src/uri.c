/* uri.c — percent-encoding of URIs for output; see uri.h. */
#include "uri.h"

#include <stdlib.h>
#include <string.h>

/* Bytes kept as they are (besides '%' before two hex digits).  Not '(' and ')': RFC 3986
 * allows them, but cairo writes /URI (…) without escaping, so one ')' could end the
 * string and start another action. */
static bool is_literal(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       (c != '\0' && strchr("-._~:/?#[]@!$&'*+,;=", c) != NULL);
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

char *uri_encode(const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t len = strlen(s);
	char *out = malloc(len * 3 + 1);
	if (!out)
		return NULL;
	char *o = out;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (is_literal(*p) || is_escape(p)) {
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

bool uri_is_encoded(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (!is_literal(*p) && !is_escape(p))
			return false;
	return true;
}
