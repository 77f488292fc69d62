/* segment.c — a <t>'s content as tokens, and its XML, canonical and tagged forms; see
 * segment.h. */
#include "segment.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "utf8.h"
#include "validate.h"

void segment_init(struct segment *seg)
{
	memset(seg, 0, sizeof *seg);
}

static void token_free(struct segment_token *tok)
{
	free(tok->text);
	free(tok->attr);
	free(tok->attr2);
}

void segment_clear(struct segment *seg)
{
	if (!seg)
		return;
	for (size_t i = 0; i < seg->n; i++)
		token_free(&seg->items[i]);
	free(seg->items);
	segment_init(seg);
}

/* Appends TOK (whose strings SEG takes over); on failure frees them.  0 or -1. */
static int push(struct segment *seg, struct segment_token *tok)
{
	if (seg->n == seg->cap) {
		size_t cap = seg->cap ? seg->cap * 2 : 16;
		struct segment_token *items = realloc(seg->items, cap * sizeof *items);
		if (!items) {
			token_free(tok);
			return -1;
		}
		seg->items = items;
		seg->cap = cap;
	}
	seg->items[seg->n++] = *tok;
	return 0;
}

/* A copy of S (NULL stays NULL); sets *FAILED when memory ran out. */
static char *dup_or_null(const char *s, bool *failed)
{
	if (!s)
		return NULL;
	char *copy = strdup(s);
	if (!copy)
		*failed = true;
	return copy;
}

/* A token of KIND for ELEMENT with copies of its attributes.  0 or -1. */
static int push_element(struct segment *seg, enum segment_token_kind kind,
			enum model_inline_kind element, const char *attr, const char *attr2,
			bool is_range, uint32_t at)
{
	bool failed = false;
	struct segment_token tok = {
		.kind = kind,
		.element = element,
		.attr = dup_or_null(attr, &failed),
		.attr2 = dup_or_null(attr2, &failed),
		.is_range = is_range,
		.at = at,
	};
	if (failed) {
		token_free(&tok);
		return -1;
	}
	return push(seg, &tok);
}

static int push_text(struct segment *seg, const char *text, size_t len, uint32_t at)
{
	struct segment_token tok = {.kind = SEG_TEXT, .at = at, .text = strndup(text, len)};
	return tok.text ? push(seg, &tok) : -1;
}

/* ---- from the model ---------------------------------------------------------------- */

static int add_runs(struct segment *seg, const struct model_inline *runs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct model_inline *run = &runs[i];
		int rc = 0;
		switch (run->kind) {
		case INLINE_TEXT:
			rc = push_text(seg, run->text, run->text_len, run->offset);
			break;
		case INLINE_DATE:
			rc = run->when ? push_element(seg, SEG_EMPTY, INLINE_DATE, run->when, NULL,
						      false, run->offset)
				       : push_element(seg, SEG_EMPTY, INLINE_DATE, run->from,
						      run->to, true, run->offset);
			break;
		case INLINE_BR:
			rc = push_element(seg, SEG_EMPTY, INLINE_BR, NULL, NULL, false, run->offset);
			break;
		default: {
			const char *attr = run->kind == INLINE_FOREIGN ? run->lang
					   : run->kind == INLINE_LINK  ? run->href
								       : NULL;
			if (push_element(seg, SEG_OPEN, run->kind, attr, NULL, false, run->offset) != 0 ||
			    add_runs(seg, run->children, run->n_children) != 0 ||
			    push_element(seg, SEG_CLOSE, run->kind, NULL, NULL, false, run->offset) != 0)
				rc = -1;
			break;
		}
		}
		if (rc != 0)
			return -1;
	}
	return 0;
}

int segment_from_text(const struct model_text *t, struct segment *seg)
{
	if (add_runs(seg, t->runs, t->n_runs) != 0) {
		segment_clear(seg);
		return -1;
	}
	return 0;
}

/* ---- white space and NFC ----------------------------------------------------------- */

static bool is_xml_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Drops a space that ends the last text token before INDEX, looking back across element
 * starts and ends (but not across a date or a break), as the renderer does. */
static void drop_trailing_space(struct segment *seg, size_t index)
{
	for (size_t i = index; i-- > 0;) {
		struct segment_token *tok = &seg->items[i];
		if (tok->kind == SEG_EMPTY)
			return;
		if (tok->kind != SEG_TEXT)
			continue;
		size_t len = strlen(tok->text);
		if (len > 0 && tok->text[len - 1] == ' ')
			tok->text[len - 1] = '\0';
		return;
	}
}

int segment_collapse(struct segment *seg)
{
	bool at_start = true, last_space = false;
	for (size_t i = 0; i < seg->n; i++) {
		struct segment_token *tok = &seg->items[i];
		if (tok->kind == SEG_EMPTY && tok->element == INLINE_BR) {
			drop_trailing_space(seg, i);
			last_space = true;
			continue;
		}
		if (tok->kind == SEG_EMPTY) {
			at_start = last_space = false;
			continue;
		}
		if (tok->kind != SEG_TEXT)
			continue;
		size_t w = 0;
		for (const char *p = tok->text; *p; p++) {
			if (is_xml_space(*p)) {
				if (!at_start && !last_space)
					tok->text[w++] = ' ';
				last_space = !at_start || last_space;
				continue;
			}
			tok->text[w++] = *p;
			at_start = last_space = false;
		}
		tok->text[w] = '\0';
	}
	drop_trailing_space(seg, seg->n);
	size_t kept = 0;
	for (size_t i = 0; i < seg->n; i++) {
		if (seg->items[i].kind == SEG_TEXT && seg->items[i].text[0] == '\0')
			token_free(&seg->items[i]);
		else
			seg->items[kept++] = seg->items[i];
	}
	seg->n = kept;
	return 0;
}

/* TEXT in NFC, as a new string, or NULL. */
static char *nfc_of(const char *text)
{
	UErrorCode status = U_ZERO_ERROR;
	int32_t n16 = 0;
	u_strFromUTF8(NULL, 0, &n16, text, -1, &status);
	if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status))
		return NULL;
	status = U_ZERO_ERROR;
	const UNormalizer2 *norm = unorm2_getNFCInstance(&status);
	UChar *raw = malloc(((size_t)n16 + 1) * sizeof *raw);
	UChar *nfc = malloc(((size_t)n16 * 3 + 1) * sizeof *nfc);
	char *out = NULL;
	if (!raw || !nfc || U_FAILURE(status))
		goto done;
	u_strFromUTF8(raw, n16 + 1, NULL, text, -1, &status);
	int32_t n = unorm2_normalize(norm, raw, n16, nfc, n16 * 3 + 1, &status);
	int32_t n8 = 0;
	if (U_FAILURE(status))
		goto done;
	u_strToUTF8(NULL, 0, &n8, nfc, n, &status);
	status = U_ZERO_ERROR;
	out = malloc((size_t)n8 + 1);
	if (out)
		u_strToUTF8(out, n8 + 1, NULL, nfc, n, &status);
	if (out && U_FAILURE(status)) {
		free(out);
		out = NULL;
	}
done:
	free(raw);
	free(nfc);
	return out;
}

int segment_nfc(struct segment *seg)
{
	for (size_t i = 0; i < seg->n; i++) {
		struct segment_token *tok = &seg->items[i];
		if (tok->kind != SEG_TEXT)
			continue;
		char *nfc = nfc_of(tok->text);
		if (!nfc)
			return -1;
		free(tok->text);
		tok->text = nfc;
	}
	return 0;
}

/* ---- XML --------------------------------------------------------------------------- */

static const char *element_name(enum model_inline_kind kind)
{
	switch (kind) {
	case INLINE_EM: return "em";
	case INLINE_STRONG: return "strong";
	case INLINE_NAME: return "name";
	case INLINE_FOREIGN: return "foreign";
	case INLINE_LINK: return "a";
	case INLINE_DATE: return "date";
	case INLINE_BR: return "br";
	case INLINE_TEXT: break;
	}
	return "?";
}

/* Writes S with & and < escaped, and in attributes (QUOTE) also ". */
static void write_escaped(FILE *out, const char *s, bool attribute)
{
	for (; *s; s++) {
		if (*s == '&')
			fputs("&amp;", out);
		else if (*s == '<')
			fputs("&lt;", out);
		else if (*s == '>' && !attribute)
			fputs("&gt;", out);
		else if (*s == '"' && attribute)
			fputs("&quot;", out);
		else
			fputc(*s, out);
	}
}

static void write_attribute(FILE *out, const char *name, const char *value)
{
	fprintf(out, " %s=\"", name);
	write_escaped(out, value ? value : "", true);
	fputc('"', out);
}

/* The start tag (or empty element) of TOK, as XML. */
static void write_xml_tag(FILE *out, const struct segment_token *tok)
{
	fprintf(out, "<%s", element_name(tok->element));
	if (tok->element == INLINE_FOREIGN)
		write_attribute(out, "xml:lang", tok->attr);
	else if (tok->element == INLINE_LINK)
		write_attribute(out, "href", tok->attr);
	else if (tok->element == INLINE_DATE && !tok->is_range)
		write_attribute(out, "when", tok->attr);
	else if (tok->element == INLINE_DATE) {
		write_attribute(out, "from", tok->attr);
		write_attribute(out, "to", tok->attr2);
	}
	fputs(tok->kind == SEG_EMPTY ? "/>" : ">", out);
}

/* Ends a memory stream; its text, or NULL if anything failed. */
static char *stream_end(FILE *out, char **buf)
{
	bool failed = ferror(out) != 0;
	if (fclose(out) != 0 || failed) {
		free(*buf);
		return NULL;
	}
	return *buf;
}

char *segment_xml(const struct segment *seg)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&buf, &size);
	if (!out)
		return NULL;
	for (size_t i = 0; i < seg->n; i++) {
		const struct segment_token *tok = &seg->items[i];
		if (tok->kind == SEG_TEXT)
			write_escaped(out, tok->text, false);
		else if (tok->kind == SEG_CLOSE)
			fprintf(out, "</%s>", element_name(tok->element));
		else
			write_xml_tag(out, tok);
	}
	return stream_end(out, &buf);
}

char *segment_canonical_of(struct segment *seg)
{
	if (segment_nfc(seg) != 0 || segment_collapse(seg) != 0)
		return NULL;
	return segment_xml(seg);
}

char *segment_canonical(const struct model_text *t)
{
	struct segment seg;
	segment_init(&seg);
	char *canonical = NULL;
	if (segment_from_text(t, &seg) == 0)
		canonical = segment_canonical_of(&seg);
	segment_clear(&seg);
	return canonical;
}

/* ---- numbering ---------------------------------------------------------------------- */

/* An element with content, or a date, of a segment, with what a translation's elements
 * are matched on. */
struct numbered {
	size_t token;      /* its OPEN or EMPTY token */
	unsigned number;   /* <N> or <dateN/>, 1-based; 0: not (yet) numbered */
	char *inner;       /* the text inside it (elements) */
	bool used;
};

struct numbering {
	struct numbered *elements, *dates;
	size_t n_elements, n_dates;
};

static void numbering_free(struct numbering *nb)
{
	for (size_t i = 0; i < nb->n_elements; i++)
		free(nb->elements[i].inner);
	free(nb->elements);
	free(nb->dates);
	memset(nb, 0, sizeof *nb);
}

/* The text between the OPEN token at START and its CLOSE, as a new string. */
static char *inner_text(const struct segment *seg, size_t start)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&buf, &size);
	if (!out)
		return NULL;
	int depth = 0;
	for (size_t i = start; i < seg->n; i++) {
		const struct segment_token *tok = &seg->items[i];
		if (tok->kind == SEG_OPEN)
			depth++;
		else if (tok->kind == SEG_CLOSE && --depth == 0)
			break;
		else if (tok->kind == SEG_TEXT)
			fputs(tok->text, out);
	}
	return stream_end(out, &buf);
}

/* Lists SEG's elements with content and its dates, numbered in order when NUMBER. */
static int numbering_make(const struct segment *seg, bool number, struct numbering *nb)
{
	memset(nb, 0, sizeof *nb);
	nb->elements = calloc(seg->n + 1, sizeof *nb->elements);
	nb->dates = calloc(seg->n + 1, sizeof *nb->dates);
	if (!nb->elements || !nb->dates)
		goto failed;
	for (size_t i = 0; i < seg->n; i++) {
		const struct segment_token *tok = &seg->items[i];
		if (tok->kind == SEG_OPEN) {
			struct numbered *e = &nb->elements[nb->n_elements++];
			e->token = i;
			e->number = number ? (unsigned)nb->n_elements : 0;
			e->inner = inner_text(seg, i);
			if (!e->inner)
				goto failed;
		} else if (tok->kind == SEG_EMPTY && tok->element == INLINE_DATE) {
			struct numbered *d = &nb->dates[nb->n_dates++];
			d->token = i;
			d->number = number ? (unsigned)nb->n_dates : 0;
		}
	}
	return 0;
failed:
	numbering_free(nb);
	return -1;
}

static bool same_string(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static bool same_element(const struct segment_token *a, const struct segment_token *b)
{
	return a->element == b->element && a->is_range == b->is_range &&
	       same_string(a->attr, b->attr) && same_string(a->attr2, b->attr2);
}

/* Gives each element and date of TR (a translation) the number of an unused source element
 * of the same kind and attributes: first those with the same text inside, then in order. */
static void numbering_match(const struct segment *seg, struct numbering *tr,
			    const struct segment *source, struct numbering *src)
{
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < tr->n_elements; i++) {
			struct numbered *e = &tr->elements[i];
			for (size_t j = 0; j < src->n_elements && e->number == 0; j++) {
				struct numbered *s = &src->elements[j];
				if (s->used || !same_element(&seg->items[e->token], &source->items[s->token]))
					continue;
				if (pass == 0 && strcmp(e->inner, s->inner) != 0)
					continue;
				e->number = s->number;
				s->used = true;
			}
		}
	for (size_t i = 0; i < tr->n_dates; i++)
		for (size_t j = 0; j < src->n_dates && tr->dates[i].number == 0; j++)
			if (!src->dates[j].used &&
			    same_element(&seg->items[tr->dates[i].token], &source->items[src->dates[j].token])) {
				tr->dates[i].number = src->dates[j].number;
				src->dates[j].used = true;
			}
}

/* ---- the tagged form ---------------------------------------------------------------- */

void segment_write_text(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '&')
			fputs("&amp;", out);
		else if (*s == '<')
			fputs("&lt;", out);
		else
			fputc(*s, out);
	}
}

static unsigned number_of(const struct numbered *list, size_t n, size_t token)
{
	for (size_t i = 0; i < n; i++)
		if (list[i].token == token)
			return list[i].number;
	return 0;
}

static void write_tagged(FILE *out, const struct segment *seg, const struct numbering *nb)
{
	unsigned stack[64];
	size_t depth = 0;
	for (size_t i = 0; i < seg->n; i++) {
		const struct segment_token *tok = &seg->items[i];
		if (tok->kind == SEG_TEXT) {
			segment_write_text(out, tok->text);
		} else if (tok->kind == SEG_OPEN) {
			unsigned number = number_of(nb->elements, nb->n_elements, i);
			if (depth < 64)
				stack[depth] = number;
			depth++;
			if (number)
				fprintf(out, "<%u>", number);
			else
				write_xml_tag(out, tok);
		} else if (tok->kind == SEG_CLOSE) {
			unsigned number = depth > 0 && depth <= 64 ? stack[depth - 1] : 0;
			depth -= depth > 0;
			if (number)
				fprintf(out, "</%u>", number);
			else
				fprintf(out, "</%s>", element_name(tok->element));
		} else if (tok->element == INLINE_BR) {
			fputs("<br/>", out);
		} else {
			unsigned number = number_of(nb->dates, nb->n_dates, i);
			if (number)
				fprintf(out, "<date%u/>", number);
			else
				write_xml_tag(out, tok);
		}
	}
}

char *segment_tagged(const struct segment *seg, const struct segment *source)
{
	struct numbering src, tr;
	if (numbering_make(source, true, &src) != 0)
		return NULL;
	if (numbering_make(seg, seg == source, &tr) != 0) {
		numbering_free(&src);
		return NULL;
	}
	if (seg != source)
		numbering_match(seg, &tr, source, &src);
	char *buf = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&buf, &size);
	if (out) {
		write_tagged(out, seg, &tr);
		buf = stream_end(out, &buf);
	}
	numbering_free(&src);
	numbering_free(&tr);
	return out ? buf : NULL;
}

char *segment_tag_legend(const struct segment *source)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&buf, &size);
	if (!out)
		return NULL;
	unsigned elements = 0, dates = 0;
	for (size_t i = 0; i < source->n; i++) {
		const struct segment_token *tok = &source->items[i];
		if (tok->kind == SEG_OPEN) {
			static const char *const what[] = {
				[INLINE_EM] = "emphasis", [INLINE_STRONG] = "strong emphasis",
				[INLINE_NAME] = "a name", [INLINE_FOREIGN] = "in another language,",
				[INLINE_LINK] = "a link to",
			};
			fprintf(out, "%s<%u> %s", elements + dates ? "; " : "", elements + 1,
				what[tok->element] ? what[tok->element] : element_name(tok->element));
			if (tok->element == INLINE_LINK || tok->element == INLINE_FOREIGN)
				fprintf(out, " %s", tok->attr ? tok->attr : "");
			elements++;
		} else if (tok->kind == SEG_EMPTY && tok->element == INLINE_DATE) {
			fprintf(out, "%s<date%u/> a date, ", elements + dates ? "; " : "", dates + 1);
			if (tok->is_range)
				fprintf(out, "%s to %s", tok->attr ? tok->attr : "",
					tok->attr2 ? tok->attr2 : "");
			else
				fputs(tok->attr ? tok->attr : "", out);
			dates++;
		}
	}
	return stream_end(out, &buf);
}

/* ---- reading the tagged form -------------------------------------------------------- */

struct reader {
	const char *text;
	size_t len, pos;
	const struct segment *source;
	struct numbering nb;      /* the source's, numbered */
	unsigned *element_uses;   /* per source element */
	unsigned *date_uses;      /* per source date */
	struct segment *out;
	struct segment_error *err;
	struct { size_t at; size_t number; enum model_inline_kind kind; } stack[64];
	size_t depth;
	bool failed; /* memory */
};

static int refuse(struct reader *r, size_t at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int refuse(struct reader *r, size_t at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->err->message, sizeof r->err->message, fmt, ap);
	va_end(ap);
	r->err->at = at;
	return 1;
}

static bool starts(const struct reader *r, size_t at, const char *prefix)
{
	size_t n = strlen(prefix);
	return at + n <= r->len && memcmp(r->text + at, prefix, n) == 0;
}

/* Reads decimal digits at *AT into *NUMBER (at least one, at most six). */
static bool read_number(const struct reader *r, size_t *at, size_t *number)
{
	size_t i = *at, v = 0;
	while (i < r->len && i - *at < 6 && r->text[i] >= '0' && r->text[i] <= '9')
		v = v * 10 + (size_t)(r->text[i++] - '0');
	if (i == *at || (r->text[*at] == '0'))
		return false;
	*at = i;
	*number = v;
	return true;
}

static const struct {
	const char *name;
	enum model_inline_kind kind;
} named_elements[] = {
	{"em", INLINE_EM}, {"strong", INLINE_STRONG}, {"name", INLINE_NAME}, {"foreign", INLINE_FOREIGN},
};

/* The element named at AT (followed by '>', '/', '=' or white space), or INLINE_TEXT. */
static enum model_inline_kind named_at(const struct reader *r, size_t at, size_t *name_len)
{
	for (size_t i = 0; i < sizeof named_elements / sizeof named_elements[0]; i++) {
		size_t n = strlen(named_elements[i].name);
		if (starts(r, at, named_elements[i].name) && at + n < r->len &&
		    strchr("> \t/", r->text[at + n])) {
			*name_len = n;
			return named_elements[i].kind;
		}
	}
	return INLINE_TEXT;
}

static int open_element(struct reader *r, size_t at, size_t number,
			const struct segment_token *like, enum model_inline_kind kind,
			const char *lang)
{
	if (kind == INLINE_LINK)
		for (size_t i = 0; i < r->depth && i < 64; i++)
			if (r->stack[i].kind == INLINE_LINK)
				return refuse(r, at, "<%zu> is a link inside the link <%zu>; links do not nest",
					      number, r->stack[i].number);
	if (r->depth >= 64)
		return refuse(r, at, "elements nested too deeply");
	r->stack[r->depth].at = at;
	r->stack[r->depth].number = number;
	r->stack[r->depth].kind = kind;
	r->depth++;
	int rc = like ? push_element(r->out, SEG_OPEN, like->element, like->attr, like->attr2,
				     like->is_range, (uint32_t)at)
		      : push_element(r->out, SEG_OPEN, kind, lang, NULL, false, (uint32_t)at);
	if (rc != 0)
		r->failed = true;
	return rc;
}

/* The tag name as written at AT (up to '>'), for messages. */
static void tag_as_written(const struct reader *r, size_t at, char *buf, size_t size)
{
	size_t end = at;
	while (end < r->len && end - at < 40 && r->text[end] != '>')
		end++;
	if (end < r->len && r->text[end] == '>')
		end++;
	snprintf(buf, size, "%.*s", (int)(end - at), r->text + at);
}

/* </N> or </em> at AT. */
static int read_end_tag(struct reader *r, size_t at)
{
	size_t i = at + 2, number = 0, name_len = 0;
	enum model_inline_kind kind = INLINE_TEXT;
	if (read_number(r, &i, &number))
		;
	else if ((kind = named_at(r, i, &name_len)) != INLINE_TEXT)
		i += name_len;
	if (i >= r->len || r->text[i] != '>' || (number == 0 && kind == INLINE_TEXT)) {
		char tag[48];
		tag_as_written(r, at, tag, sizeof tag);
		return refuse(r, at, "unknown tag %s; write a literal < as &lt;", tag);
	}
	if (r->depth == 0)
		return number ? refuse(r, at, "</%zu> ends an element that was not started", number)
			      : refuse(r, at, "</%.*s> ends an element that was not started",
				       (int)name_len, r->text + at + 2);
	size_t top_number = r->stack[r->depth - 1].number;
	if (top_number != number || (number == 0 && r->stack[r->depth - 1].kind != kind)) {
		char start[48];
		tag_as_written(r, r->stack[r->depth - 1].at, start, sizeof start);
		char tag[48];
		tag_as_written(r, at, tag, sizeof tag);
		return refuse(r, at, "%s does not end %s, which is still open", tag, start);
	}
	r->depth--;
	const struct segment_token *open = &r->out->items[r->out->n - 1];
	for (size_t k = r->out->n; k-- > 0;)
		if (r->out->items[k].kind == SEG_OPEN && r->out->items[k].at == r->stack[r->depth].at) {
			open = &r->out->items[k];
			break;
		}
	if (push_element(r->out, SEG_CLOSE, open->element, NULL, NULL, false, (uint32_t)at) != 0)
		r->failed = true;
	r->pos = i + 1;
	return r->failed ? -1 : 0;
}

/* xml:lang="tag" (or '…') at *AT, after <foreign. */
static int read_foreign_lang(struct reader *r, size_t tag_at, size_t *at, char **lang)
{
	size_t i = *at;
	while (i < r->len && (r->text[i] == ' ' || r->text[i] == '\t'))
		i++;
	if (!starts(r, i, "xml:lang"))
		return refuse(r, tag_at, "<foreign> needs its language: <foreign xml:lang=\"en\">");
	i += 8;
	while (i < r->len && r->text[i] == ' ')
		i++;
	if (i >= r->len || r->text[i] != '=')
		return refuse(r, tag_at, "<foreign> needs its language: <foreign xml:lang=\"en\">");
	i++;
	while (i < r->len && r->text[i] == ' ')
		i++;
	char quote = i < r->len ? r->text[i] : '\0';
	if (quote != '"' && quote != '\'')
		return refuse(r, tag_at, "the language of <foreign> must be quoted");
	size_t start = ++i;
	while (i < r->len && r->text[i] != quote)
		i++;
	if (i >= r->len)
		return refuse(r, tag_at, "the language of <foreign> is not closed by %c", quote);
	*lang = strndup(r->text + start, i - start);
	if (!*lang) {
		r->failed = true;
		return -1;
	}
	if (!validate_lang_tag(*lang)) {
		int rc = refuse(r, start, "\"%s\" is not a language tag ICU knows", *lang);
		free(*lang);
		*lang = NULL;
		return rc;
	}
	i++;
	while (i < r->len && r->text[i] == ' ')
		i++;
	*at = i;
	return 0;
}

/* <N> at AT, its number read up to I. */
static int read_numbered(struct reader *r, size_t at, size_t i, size_t number, const char *tag)
{
	if (i >= r->len || r->text[i] != '>')
		return refuse(r, at, "unknown tag %s; write a literal < as &lt;", tag);
	if (number > r->nb.n_elements)
		return r->nb.n_elements
			       ? refuse(r, at, "%s is not in the source, which has <1> to <%zu>", tag,
					r->nb.n_elements)
			       : refuse(r, at, "%s is not in the source, which has no numbered tags", tag);
	if (r->element_uses[number - 1]++ > 0)
		return refuse(r, at, "%s is used twice; each tag of the source at most once", tag);
	const struct segment_token *like = &r->source->items[r->nb.elements[number - 1].token];
	r->pos = i + 1;
	return open_element(r, at, number, like, like->element, NULL);
}

/* <dateN/> at AT, its number read up to I. */
static int read_date(struct reader *r, size_t at, size_t i, size_t number, const char *tag)
{
	if (i + 2 > r->len || memcmp(r->text + i, "/>", 2) != 0)
		return refuse(r, at, "unknown tag %s; a date is <date%zu/>", tag, number);
	if (number > r->nb.n_dates)
		return r->nb.n_dates
			       ? refuse(r, at, "%s is not in the source, which has <date1/> to <date%zu/>",
					tag, r->nb.n_dates)
			       : refuse(r, at, "%s is not in the source, which has no dates", tag);
	if (r->date_uses[number - 1]++ > 0)
		return refuse(r, at, "<date%zu/> is used twice; dates must be the same as in the source",
			      number);
	const struct segment_token *like = &r->source->items[r->nb.dates[number - 1].token];
	r->pos = i + 2;
	if (push_element(r->out, SEG_EMPTY, INLINE_DATE, like->attr, like->attr2, like->is_range,
			 (uint32_t)at) != 0)
		r->failed = true;
	return r->failed ? -1 : 0;
}

/* <N>, <dateN/>, <br/>, <em>, <foreign xml:lang="…"> at AT. */
static int read_start_tag(struct reader *r, size_t at)
{
	size_t i = at + 1, number = 0, name_len = 0;
	char tag[48];
	tag_as_written(r, at, tag, sizeof tag);
	if (read_number(r, &i, &number))
		return read_numbered(r, at, i, number, tag);
	if (starts(r, i, "date") && (i += 4, read_number(r, &i, &number)))
		return read_date(r, at, i, number, tag);
	i = at + 1;
	if (starts(r, i, "br/>")) {
		r->pos = i + 4;
		if (push_element(r->out, SEG_EMPTY, INLINE_BR, NULL, NULL, false, (uint32_t)at) != 0)
			r->failed = true;
		return r->failed ? -1 : 0;
	}
	enum model_inline_kind kind = named_at(r, i, &name_len);
	if (kind == INLINE_TEXT) {
		if (starts(r, i, "a ") || starts(r, i, "a>") || starts(r, i, "date"))
			return refuse(r, at, "%s: links and dates come from the source; use its numbered tags",
				      tag);
		return refuse(r, at, "unknown tag %s; write a literal < as &lt;", tag);
	}
	i += name_len;
	char *lang = NULL;
	if (kind == INLINE_FOREIGN) {
		int rc = read_foreign_lang(r, at, &i, &lang);
		if (rc != 0)
			return rc;
	}
	if (i >= r->len || r->text[i] != '>') {
		free(lang);
		return refuse(r, at, "unknown tag %s; write a literal < as &lt;", tag);
	}
	r->pos = i + 1;
	int rc = open_element(r, at, 0, NULL, kind, lang);
	free(lang);
	return rc;
}

/* A character reference or entity at AT: its character in BUF, or 0 if there is none. */
static size_t read_reference(const struct reader *r, size_t at, char *buf, size_t *consumed)
{
	uint32_t cp;
	*consumed = utf8_decode_reference(r->text + at, r->len - at, &cp);
	return *consumed ? utf8_encode(cp, buf) : 0;
}

/* Text up to the next tag, with references decoded and characters checked. */
static int read_text(struct reader *r)
{
	size_t start = r->pos;
	char *buf = malloc(r->len - start + 1);
	if (!buf) {
		r->failed = true;
		return -1;
	}
	size_t w = 0;
	while (r->pos < r->len && r->text[r->pos] != '<') {
		size_t at = r->pos, consumed = 0, n = 0;
		char ch[4];
		if (r->text[at] == '&')
			n = read_reference(r, at, ch, &consumed);
		if (n == 0) {
			uint32_t cp;
			consumed = n = utf8_decode(r->text + at, r->len - at, &cp);
			memcpy(ch, r->text + at, n);
			if (cp == 0xFFFD && !(n == 3 && memcmp(ch, "\xEF\xBF\xBD", 3) == 0)) {
				free(buf);
				return refuse(r, at, "not UTF-8");
			}
		}
		uint32_t cp;
		utf8_decode(ch, n, &cp);
		if (validate_is_control(cp) || cp == 0) {
			free(buf);
			return refuse(r, at, "control character U+%04X", (unsigned)cp);
		}
		if (validate_is_bidi_control(cp)) {
			free(buf);
			return refuse(r, at, "bidi control character U+%04X; mark a run in another "
				      "language with <foreign xml:lang=\"…\"> instead", (unsigned)cp);
		}
		memcpy(buf + w, ch, n);
		w += n;
		r->pos = at + consumed;
	}
	int rc = push_text(r->out, buf, w, (uint32_t)start);
	free(buf);
	if (rc != 0)
		r->failed = true;
	return rc;
}

/* After the whole string: every element ended, every date and link used once. */
static int check_complete(struct reader *r)
{
	if (r->depth > 0) {
		char tag[48];
		tag_as_written(r, r->stack[r->depth - 1].at, tag, sizeof tag);
		return refuse(r, r->stack[r->depth - 1].at, "%s is never ended", tag);
	}
	for (size_t i = 0; i < r->nb.n_dates; i++)
		if (r->date_uses[i] == 0) {
			const struct segment_token *d = &r->source->items[r->nb.dates[i].token];
			return refuse(r, r->len, "<date%zu/> (%s%s%s) is missing; every date of the source "
				      "must be kept", i + 1, d->attr ? d->attr : "",
				      d->is_range ? " to " : "", d->is_range && d->attr2 ? d->attr2 : "");
		}
	for (size_t i = 0; i < r->nb.n_elements; i++) {
		const struct segment_token *e = &r->source->items[r->nb.elements[i].token];
		if (e->element == INLINE_LINK && r->element_uses[i] == 0)
			return refuse(r, r->len, "the link <%zu>…</%zu> (%s) is missing; every link of the "
				      "source must be kept", i + 1, i + 1, e->attr ? e->attr : "");
	}
	return 0;
}

int segment_parse_tagged(const char *text, size_t len, const struct segment *source,
			 struct segment *out, struct segment_error *err)
{
	struct reader r = {.text = text, .len = len, .source = source, .out = out, .err = err};
	if (numbering_make(source, true, &r.nb) != 0)
		return -1;
	r.element_uses = calloc(r.nb.n_elements + 1, sizeof *r.element_uses);
	r.date_uses = calloc(r.nb.n_dates + 1, sizeof *r.date_uses);
	int rc = r.element_uses && r.date_uses ? 0 : -1;
	while (rc == 0 && r.pos < len) {
		if (text[r.pos] != '<')
			rc = read_text(&r);
		else if (r.pos + 1 < len && text[r.pos + 1] == '/')
			rc = read_end_tag(&r, r.pos);
		else
			rc = read_start_tag(&r, r.pos);
	}
	if (rc == 0)
		rc = check_complete(&r);
	if (r.failed)
		rc = -1;
	if (rc != 0)
		segment_clear(out);
	numbering_free(&r.nb);
	free(r.element_uses);
	free(r.date_uses);
	return rc;
}
