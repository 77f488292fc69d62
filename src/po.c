/* po.c — reading and writing PO files; see po.h. */
#include "po.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utf16.h>

#include "escape.h"
#include "grow.h"
#include "utf8.h"

void po_file_init(struct po_file *po)
{
	memset(po, 0, sizeof *po);
}

static void string_free(struct po_string *s)
{
	free(s->text);
	free(s->offsets);
	memset(s, 0, sizeof *s);
}

static void entry_free(struct po_entry *e)
{
	string_free(&e->msgctxt);
	string_free(&e->msgid);
	string_free(&e->msgstr);
	string_free(&e->prev_msgid);
	memset(e, 0, sizeof *e);
}

void po_file_clear(struct po_file *po)
{
	if (po) {
		GROW_FREE(po->entries, po->n, entry_free);
		po_file_init(po);
	}
}

/* ---- reading ----------------------------------------------------------------------- */

struct parser {
	const struct source *src;
	struct po_file *po;
	struct diag_list *diags;
	struct po_entry cur;     /* the entry being read */
	bool started;            /* cur has had a line */
	struct po_string *last;  /* what a continuation line adds to */
	struct po_string ignored; /* msgid_plural, msgstr[1], #| msgctxt: read, not kept */
	bool errors, failed;
};

static void error_at(struct parser *p, uint32_t offset, const char *message)
{
	diag_at(p->diags, p->src, offset, DIAG_ERROR, "po-syntax", "%s", message);
	p->errors = true;
}

/* Appends N bytes of BYTES, which came from file offset AT, to S. */
static bool string_append(struct parser *p, struct po_string *s, const char *bytes, size_t n,
			  uint32_t at)
{
	if (!GROW(s->text, s->cap_text, s->len + n + 1) ||
	    !GROW(s->offsets, s->cap_offsets, s->len + n + 1)) {
		p->failed = true;
		return false;
	}
	memcpy(s->text + s->len, bytes, n);
	for (size_t i = 0; i < n; i++)
		s->offsets[s->len + i] = at;
	s->len += n;
	s->text[s->len] = '\0';
	s->offsets[s->len] = at;
	return true;
}

/* Reads the escape after the backslash at I (of a line ending at END) into OUT. */
static size_t read_escape(const char *bytes, size_t i, size_t end, char *out)
{
	static const char from[] = "\\\"ntrabfv?'", to[] = "\\\"\n\t\r\a\b\f\v?'";
	if (i + 1 >= end)
		return 0;
	const char *hit = strchr(from, bytes[i + 1]);
	if (hit && bytes[i + 1]) {
		*out = to[hit - from];
		return 2;
	}
	unsigned v = 0;
	size_t k = i + 1;
	if (bytes[k] >= '0' && bytes[k] <= '7') {
		while (k < end && k < i + 4 && bytes[k] >= '0' && bytes[k] <= '7')
			v = v * 8 + (unsigned)(bytes[k++] - '0');
	} else if (bytes[k] == 'x') {
		k++;
		while (k < end && k < i + 4 && strchr("0123456789abcdefABCDEF", bytes[k]) && bytes[k]) {
			char c = bytes[k++];
			v = v * 16 + (unsigned)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
		}
		if (k == i + 2)
			return 0;
	} else {
		return 0;
	}
	if (v == 0 || v > 0xFF)
		return 0;
	*out = (char)v;
	return k - i;
}

/* Reads the quoted string at AT (a '"') of the line ending at END into S. */
static void read_quoted(struct parser *p, size_t at, size_t end, struct po_string *s)
{
	const char *bytes = p->src->bytes;
	if (at >= end || bytes[at] != '"') {
		error_at(p, (uint32_t)at, "a quoted string was expected here");
		return;
	}
	size_t i = at + 1;
	while (i < end && bytes[i] != '"') {
		if (bytes[i] == '\\') {
			char c;
			size_t n = read_escape(bytes, i, end, &c);
			if (n == 0) {
				error_at(p, (uint32_t)i, "an unknown escape sequence");
				return;
			}
			if (!string_append(p, s, &c, 1, (uint32_t)i))
				return;
			i += n;
			continue;
		}
		size_t run = i;
		while (run < end && bytes[run] != '"' && bytes[run] != '\\')
			run++;
		/* Each byte maps to itself. */
		size_t start_len = s->len;
		if (!string_append(p, s, bytes + i, run - i, (uint32_t)i))
			return;
		for (size_t k = 0; k < run - i; k++)
			s->offsets[start_len + k] = (uint32_t)(i + k);
		i = run;
	}
	if (i >= end) {
		error_at(p, (uint32_t)at, "this string is not closed by a \" on its line");
		return;
	}
	s->offsets[s->len] = (uint32_t)i; /* the end of the string: its closing quote */
	for (i++; i < end; i++)
		if (bytes[i] != ' ' && bytes[i] != '\t') {
			error_at(p, (uint32_t)i, "nothing may follow a string on its line");
			return;
		}
}

/* Starts string S of the current entry at the keyword at AT; the string is at VALUE. */
static void start_string(struct parser *p, struct po_string *s, size_t at, size_t value,
			 size_t end)
{
	string_free(s);
	s->present = true;
	s->offset = (uint32_t)at;
	if (!string_append(p, s, "", 0, (uint32_t)value))
		return;
	p->last = s;
	read_quoted(p, value, end, s);
}

/* Ends the entry being read: it joins the file if it is complete. */
static void finish(struct parser *p)
{
	if (!p->started)
		return;
	struct po_entry *e = &p->cur;
	if (!e->msgid.present || !e->msgstr.present) {
		if (e->msgid.present || e->msgstr.present || e->msgctxt.present)
			error_at(p, e->offset, "this entry has no msgid or no msgstr");
		entry_free(e);
	} else if (!p->failed && !GROW(p->po->entries, p->po->cap, p->po->n + 1)) {
		p->failed = true;
		entry_free(e);
	}
	if (e->msgid.present && !p->failed)
		p->po->entries[p->po->n++] = *e;
	memset(e, 0, sizeof *e);
	p->started = false;
	p->last = NULL;
}

/* A new line of the entry: a comment, flag or keyword line at AT. */
static void entry_line(struct parser *p, size_t at, bool keyword_msgid_or_ctxt)
{
	if (p->cur.msgstr.present && (keyword_msgid_or_ctxt || p->src->bytes[at] == '#'))
		finish(p);
	if (!p->started) {
		p->started = true;
		p->cur.offset = (uint32_t)at;
	}
}

static void flags_line(struct parser *p, size_t at, size_t end)
{
	entry_line(p, at, false);
	const char *bytes = p->src->bytes;
	for (size_t i = at + 2; i < end;) {
		while (i < end && (bytes[i] == ' ' || bytes[i] == ',' || bytes[i] == '\t'))
			i++;
		size_t start = i;
		while (i < end && bytes[i] != ' ' && bytes[i] != ',' && bytes[i] != '\t')
			i++;
		if (i - start == 5 && memcmp(bytes + start, "fuzzy", 5) == 0)
			p->cur.fuzzy = true;
	}
}

static size_t skip_blanks(const char *bytes, size_t i, size_t end)
{
	while (i < end && (bytes[i] == ' ' || bytes[i] == '\t'))
		i++;
	return i;
}

/* "#| msgid …", "#| "…"" and the like: the previous source, kept for msgid. */
static void previous_line(struct parser *p, size_t at, size_t end)
{
	const char *bytes = p->src->bytes;
	if (p->cur.msgstr.present)
		finish(p);
	entry_line(p, at, false);
	size_t i = skip_blanks(bytes, at + 2, end);
	if (i < end && bytes[i] == '"') {
		if (p->last == &p->cur.prev_msgid || p->last == &p->ignored)
			read_quoted(p, i, end, p->last);
		else
			error_at(p, (uint32_t)i, "a #| string continues nothing");
		return;
	}
	size_t word = i;
	while (i < end && bytes[i] != ' ' && bytes[i] != '\t')
		i++;
	size_t value = skip_blanks(bytes, i, end);
	if (i - word == 5 && memcmp(bytes + word, "msgid", 5) == 0)
		start_string(p, &p->cur.prev_msgid, word, value, end);
	else
		start_string(p, &p->ignored, word, value, end);
}

static void keyword_line(struct parser *p, size_t at, size_t end)
{
	const char *bytes = p->src->bytes;
	size_t i = at;
	while (i < end && bytes[i] != ' ' && bytes[i] != '\t' && bytes[i] != '"')
		i++;
	size_t len = i - at, value = skip_blanks(bytes, i, end);
	const char *word = bytes + at;
#define IS(w) (len == strlen(w) && memcmp(word, w, len) == 0)
	struct po_entry *e = &p->cur;
	if (IS("msgctxt") || IS("msgid")) {
		entry_line(p, at, true);
		if (IS("msgctxt") && (e->msgctxt.present || e->msgid.present))
			error_at(p, (uint32_t)at, "msgctxt must come first in its entry, and once");
		else if (IS("msgid") && e->msgid.present)
			error_at(p, (uint32_t)at, "a second msgid in one entry");
		else
			start_string(p, IS("msgid") ? &e->msgid : &e->msgctxt, at, value, end);
	} else if (IS("msgid_plural")) {
		entry_line(p, at, false);
		e->plural = true;
		start_string(p, &p->ignored, at, value, end);
	} else if (IS("msgstr") || (len > 7 && memcmp(word, "msgstr[", 7) == 0)) {
		entry_line(p, at, false);
		bool first = IS("msgstr") || IS("msgstr[0]");
		if (!e->msgid.present)
			error_at(p, (uint32_t)at, "msgstr without a msgid before it");
		else if (first && e->msgstr.present)
			error_at(p, (uint32_t)at, "a second msgstr in one entry");
		else
			start_string(p, first ? &e->msgstr : &p->ignored, at, value, end);
		if (!IS("msgstr"))
			e->plural = true;
	} else {
		error_at(p, (uint32_t)at, "not PO syntax: a line starts with a keyword (msgctxt, "
			 "msgid, msgstr), a \"string\" or a # comment");
	}
#undef IS
}

static void parse_line(struct parser *p, size_t start, size_t end)
{
	const char *bytes = p->src->bytes;
	if (end > start && bytes[end - 1] == '\r')
		end--;
	size_t at = skip_blanks(bytes, start, end);
	if (at == end)
		return;
	if (bytes[at] == '#') {
		char kind = at + 1 < end ? bytes[at + 1] : ' ';
		if (kind == '~') {
			if (p->cur.msgstr.present)
				finish(p);
			p->last = NULL;
		} else if (kind == '|') {
			previous_line(p, at, end);
		} else if (kind == ',') {
			flags_line(p, at, end);
		} else {
			entry_line(p, at, false);
			p->last = NULL;
		}
	} else if (bytes[at] == '"') {
		if (p->last)
			read_quoted(p, at, end, p->last);
		else
			error_at(p, (uint32_t)at, "a string continues nothing");
	} else {
		keyword_line(p, at, end);
	}
}

/* The offset of the first byte that is not UTF-8, or SOURCE_NO_OFFSET. */
static uint32_t invalid_utf8(const struct source *src)
{
	for (size_t i = 0; i < src->len;) {
		uint32_t cp;
		size_t n = utf8_decode(src->bytes + i, src->len - i, &cp);
		if (cp == 0xFFFD && !(n == 3 && memcmp(src->bytes + i, "\xEF\xBF\xBD", 3) == 0))
			return (uint32_t)i;
		if (cp == 0)
			return (uint32_t)i;
		i += n;
	}
	return SOURCE_NO_OFFSET;
}

/* Escapes (\\300\\200, \\xED\\xA0\\x80) can make bytes that are not UTF-8 in a file that is. */
static void check_decoded(struct parser *p, const struct po_string *s)
{
	size_t bad;
	if (s->present && s->text && !utf8_valid(s->text, s->len, &bad))
		error_at(p, s->offsets[bad], "this string is not UTF-8 once its escapes are "
			 "decoded (an overlong form, a surrogate or a value past U+10FFFF)");
}

int po_parse(const struct source *src, struct po_file *po, struct diag_list *diags)
{
	uint32_t bad = invalid_utf8(src);
	if (bad != SOURCE_NO_OFFSET) {
		diag_at(diags, src, bad, DIAG_ERROR, "po-syntax",
			"not UTF-8 (an invalid or overlong sequence, a surrogate, a value past "
			"U+10FFFF, or a NUL byte); broadside reads and writes PO files in UTF-8");
		return 1;
	}
	struct parser p = {.src = src, .po = po, .diags = diags};
	size_t start = 0;
	if (src->len >= 3 && memcmp(src->bytes, "\xEF\xBB\xBF", 3) == 0)
		start = 3;
	while (start < src->len && !p.failed) {
		const char *nl = memchr(src->bytes + start, '\n', src->len - start);
		size_t end = nl ? (size_t)(nl - src->bytes) : src->len;
		parse_line(&p, start, end);
		start = end + 1;
	}
	finish(&p);
	entry_free(&p.cur);
	string_free(&p.ignored);
	for (size_t i = 0; i < po->n; i++) {
		const struct po_entry *e = &po->entries[i];
		check_decoded(&p, &e->msgctxt);
		check_decoded(&p, &e->msgid);
		check_decoded(&p, &e->msgstr);
		check_decoded(&p, &e->prev_msgid);
	}
	if (p.failed || diags->out_of_memory)
		return -1;
	return p.errors ? 1 : 0;
}

const struct po_entry *po_header(const struct po_file *po)
{
	for (size_t i = 0; i < po->n; i++)
		if (!po->entries[i].msgctxt.present && po->entries[i].msgid.len == 0)
			return &po->entries[i];
	return NULL;
}

char *po_header_field(const struct po_entry *header, const char *name, uint32_t *offset)
{
	size_t name_len = strlen(name);
	const char *text = header->msgstr.text;
	for (size_t i = 0; i < header->msgstr.len;) {
		const char *nl = strchr(text + i, '\n');
		size_t end = nl ? (size_t)(nl - text) : header->msgstr.len;
		if (end - i > name_len && strncasecmp(text + i, name, name_len) == 0 &&
		    text[i + name_len] == ':') {
			size_t v = i + name_len + 1;
			while (v < end && (text[v] == ' ' || text[v] == '\t'))
				v++;
			size_t e = end;
			while (e > v && (text[e - 1] == ' ' || text[e - 1] == '\t'))
				e--;
			if (offset)
				*offset = header->msgstr.offsets[v];
			return strndup(text + v, e - v);
		}
		i = end + 1;
	}
	return NULL;
}

/* ---- writing ----------------------------------------------------------------------- */

void po_write_comment(FILE *out, const char *prefix, const char *text)
{
	const char *p = text;
	do {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (len == 0)
			fprintf(out, "%s\n", prefix);
		else
			fprintf(out, "%s %.*s\n", prefix, (int)len, p);
		p = nl ? nl + 1 : NULL;
	} while (p && *p);
}


/* Terminal columns of N bytes of S, as gettext counts them when it wraps: combining
 * marks and format characters (the ZWNJ of Farsi) take none, East Asian wide characters
 * two, the others one. */
static size_t columns(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		i += utf8_decode(s + i, n - i, &cp);
		int8_t type = u_charType((UChar32)cp);
		if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_FORMAT_CHAR)
			continue;
		int ea = u_getIntPropertyValue((UChar32)cp, UCHAR_EAST_ASIAN_WIDTH);
		c += ea == U_EA_WIDE || ea == U_EA_FULLWIDTH ? 2 : 1;
	}
	return c;
}

#define PO_WIDTH 79

/* Where a line of the escaped string S (LEN bytes) may end: before byte k when
 * BREAKS[k].  The Unicode line breaking rules (UAX #14, ICU) decide, as in gettext (which
 * uses libunistring's), and never inside an escape sequence.  New array, or NULL. */
static bool *line_breaks(const char *s, size_t len)
{
	bool *breaks = calloc(len + 1, sizeof *breaks);
	UChar *text = malloc((len + 1) * sizeof *text);
	size_t *byte_of = malloc((len + 1) * sizeof *byte_of);
	UBreakIterator *it = NULL;
	if (!breaks || !text || !byte_of)
		goto failed;
	int32_t n = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t step = utf8_decode(s + i, len - i, &cp);
		byte_of[n] = i;
		if (cp > 0xFFFF)
			byte_of[n + 1] = i;
		U16_APPEND_UNSAFE(text, n, (UChar32)cp);
		i += step;
	}
	byte_of[n] = len;
	UErrorCode status = U_ZERO_ERROR;
	it = ubrk_open(UBRK_LINE, "", text, n, &status);
	if (U_FAILURE(status))
		goto failed;
	for (int32_t b = ubrk_first(it); b != UBRK_DONE; b = ubrk_next(it))
		breaks[byte_of[b]] = true;
	for (size_t i = 0; i + 1 < len; i++) {
		/* Nor between a slash and a digit, which libunistring keeps together ("</4>"). */
		if (s[i] == '/' && s[i + 1] >= '0' && s[i + 1] <= '9')
			breaks[i + 1] = false;
		if (s[i] == '\\') {
			breaks[i + 1] = false;
			i++;
		}
	}
	ubrk_close(it);
	free(text);
	free(byte_of);
	return breaks;
failed:
	if (it)
		ubrk_close(it);
	free(breaks);
	free(text);
	free(byte_of);
	return NULL;
}

/* Writes ESCAPED (LEN bytes) as continuation lines of at most ROOM columns inside their
 * quotes: each line as long as it can be, ending where a line may end or after a \n; a
 * piece without such a place that fits overflows its line. */
static int write_wrapped(FILE *out, const char *prefix, const char *escaped, size_t len,
			 size_t room)
{
	bool *breaks = line_breaks(escaped, len);
	if (!breaks)
		return -1;
	for (size_t i = 0; i < len;) {
		size_t best = 0;
		for (size_t end = i + 1; end <= len; end++) {
			if (!breaks[end] && end < len)
				continue;
			if (best && columns(escaped + i, end - i) > room)
				break;
			best = end;
			if (end >= 2 && escaped[end - 2] == '\\' && escaped[end - 1] == 'n' &&
			    (end < 3 || escaped[end - 3] != '\\'))
				break; /* after a \n, always */
		}
		fprintf(out, "%s\"%.*s\"\n", prefix, (int)(best - i), escaped + i);
		i = best;
	}
	free(breaks);
	return 0;
}

int po_write_continued(FILE *out, const char *text)
{
	char *escaped = escape_string(text, &escape_c);
	if (!escaped)
		return -1;
	int rc = write_wrapped(out, "", escaped, strlen(escaped), PO_WIDTH - 2);
	free(escaped);
	return rc;
}

int po_write_string(FILE *out, const char *prefix, const char *keyword, const char *text)
{
	char *escaped = escape_string(text, &escape_c);
	if (!escaped)
		return -1;
	size_t len = strlen(escaped);
	const char *nl = strstr(escaped, "\\n");
	bool inner_newline = nl && (size_t)(nl - escaped) + 2 < len;
	size_t head = columns(prefix, strlen(prefix)) + strlen(keyword) + 3;
	int rc = 0;
	if (!inner_newline && head + columns(escaped, len) <= PO_WIDTH) {
		fprintf(out, "%s%s \"%s\"\n", prefix, keyword, escaped);
	} else {
		fprintf(out, "%s%s \"\"\n", prefix, keyword);
		rc = write_wrapped(out, prefix, escaped, len,
				   PO_WIDTH - columns(prefix, strlen(prefix)) - 2);
	}
	free(escaped);
	return rc;
}
