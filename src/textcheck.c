/* textcheck.c — links, e-mail addresses and forbidden code points; see textcheck.h. */
#include "textcheck.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* RFC 5322 atext, and RFC 6531's UTF-8 (every byte of a multi-byte character). */
static bool is_atext(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c >= 0x80 || (c && strchr("!#$%&'*+-/=?^_`{|}~", c));
}

static bool is_label_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c >= 0x80 || c == '-';
}

/* Dot-atom: runs of OK characters joined by single dots, none empty; for a domain, labels
 * of at most 63 bytes that neither start nor end with a hyphen, and at least two. */
static bool dot_atom(const char *s, size_t len, bool domain)
{
	size_t run = 0, runs = 0;
	for (size_t i = 0; i <= len; i++) {
		unsigned char c = i < len ? (unsigned char)s[i] : '.';
		if (c == '.') {
			if (run == 0 || (domain && (run > 63 || s[i - run] == '-' || s[i - 1] == '-')))
				return false;
			runs++;
			run = 0;
		} else if (domain ? is_label_char(c) : is_atext(c)) {
			run++;
		} else {
			return false;
		}
	}
	return !domain || runs >= 2;
}

bool textcheck_email(const char *addr)
{
	if (!addr)
		return false;
	const char *at = strrchr(addr, '@');
	size_t len = strlen(addr);
	if (!at || len > 254 || at - addr > 64)
		return false;
	return dot_atom(addr, (size_t)(at - addr), false) &&
	       dot_atom(at + 1, len - (size_t)(at - addr) - 1, true);
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)(c | 0x20);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* The addresses of a mailto: link (RFC 6068: before '?', comma-separated, percent-
 * encoded): at least one, and each an addr-spec. */
static bool mailto_addresses(const char *rest)
{
	size_t end = strcspn(rest, "?");
	char *addr = malloc(end + 1);
	if (!addr)
		return false;
	bool ok = end > 0;
	for (size_t i = 0, n = 0; ok && i <= end; i++) {
		if (i == end || rest[i] == ',') {
			addr[n] = '\0';
			ok = textcheck_email(addr);
			n = 0;
		} else if (rest[i] == '%' && i + 2 < end && hex_value(rest[i + 1]) >= 0 &&
			   hex_value(rest[i + 2]) >= 0) {
			addr[n++] = (char)(hex_value(rest[i + 1]) * 16 + hex_value(rest[i + 2]));
			ok = addr[n - 1] != '\0';
			i += 2;
		} else {
			addr[n++] = rest[i];
		}
	}
	free(addr);
	return ok;
}

/* HREF's scheme as a browser reads it, lower-cased with its ':' (at most 7 bytes), into
 * SCHEME; returns what follows it.  Leading and trailing controls and spaces are
 * trimmed, tabs and line breaks inside are dropped. */
static const char *link_scheme(const char *href, char scheme[8])
{
	size_t n = 0;
	const unsigned char *p = (const unsigned char *)href;
	while (*p && *p <= ' ')
		p++;
	for (; *p && n < 7; p++) {
		if (*p == '\t' || *p == '\n' || *p == '\r')
			continue;
		scheme[n++] = (char)tolower(*p);
		if (*p == ':')
			break;
	}
	scheme[n] = '\0';
	const char *rest = (const char *)p + (*p == ':');
	while (*rest && (unsigned char)*rest <= ' ')
		rest++;
	return rest;
}

bool textcheck_is_mailto(const char *href)
{
	char scheme[8];
	link_scheme(href, scheme);
	return strcmp(scheme, "mailto:") == 0;
}

bool textcheck_link(const char *href)
{
	if (!href)
		return false;
	char scheme[8];
	const char *rest = link_scheme(href, scheme);
	if (strcmp(scheme, "http:") == 0 || strcmp(scheme, "https:") == 0)
		return strncmp(rest, "//", 2) == 0 && rest[2] && rest[2] != '/';
	if (strcmp(scheme, "mailto:") == 0)
		return mailto_addresses(rest);
	return false;
}

bool textcheck_is_control(unsigned cp)
{
	return (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || (cp >= 0x7F && cp <= 0x9F);
}

bool textcheck_is_bidi_control(unsigned cp)
{
	return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}
