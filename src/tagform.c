/* tagform.c — the tagged form of a segment, written and read; see tagform.h. */
#include "tagform.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "textcheck.h"
#include "utf8.h"
#include "escape.h"
#include "lang.h"
#include "memfile.h"

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
	struct memfile m;
	FILE *out = memfile_open(&m);
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
	return memfile_close(&m, NULL);
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
			escape_write(out, tok->text, &escape_xml_minimal);
		} else if (tok->kind == SEG_OPEN) {
			unsigned number = number_of(nb->elements, nb->n_elements, i);
			if (depth < 64)
				stack[depth] = number;
			depth++;
			if (number)
				fprintf(out, "<%u>", number);
			else
				segment_write_tag(out, tok);
		} else if (tok->kind == SEG_CLOSE) {
			unsigned number = depth > 0 && depth <= 64 ? stack[depth - 1] : 0;
			depth -= depth > 0;
			if (number)
				fprintf(out, "</%u>", number);
			else
				fprintf(out, "</%s>", segment_element_name(tok->element));
		} else if (tok->element == INLINE_BR) {
			fputs("<br/>", out);
		} else {
			unsigned number = number_of(nb->dates, nb->n_dates, i);
			if (number)
				fprintf(out, "<date%u/>", number);
			else
				segment_write_tag(out, tok);
		}
	}
}

char *tagform_make(const struct segment *seg, const struct segment *source)
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
	struct memfile m;
	FILE *out = memfile_open(&m);
	if (out)
		write_tagged(out, seg, &tr);
	numbering_free(&src);
	numbering_free(&tr);
	return memfile_close(&m, NULL);
}

char *tagform_legend(const struct segment *source)
{
	struct memfile m;
	FILE *out = memfile_open(&m);
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
				what[tok->element] ? what[tok->element] : segment_element_name(tok->element));
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
	return memfile_close(&m, NULL);
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
	struct tagform_error *err;
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
	int rc = like ? segment_push_element(r->out, SEG_OPEN, like->element, like->attr, like->attr2,
				     like->is_range, (uint32_t)at)
		      : segment_push_element(r->out, SEG_OPEN, kind, lang, NULL, false, (uint32_t)at);
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
	if (segment_push_element(r->out, SEG_CLOSE, open->element, NULL, NULL, false, (uint32_t)at) != 0)
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
	if (!lang_tag_valid(*lang)) {
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
	if (segment_push_element(r->out, SEG_EMPTY, INLINE_DATE, like->attr, like->attr2, like->is_range,
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
		if (segment_push_element(r->out, SEG_EMPTY, INLINE_BR, NULL, NULL, false, (uint32_t)at) != 0)
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
		if (textcheck_is_control(cp) || cp == 0) {
			free(buf);
			return refuse(r, at, "control character U+%04X", (unsigned)cp);
		}
		if (textcheck_is_bidi_control(cp)) {
			free(buf);
			return refuse(r, at, "bidi control character U+%04X; mark a run in another "
				      "language with <foreign xml:lang=\"…\"> instead", (unsigned)cp);
		}
		memcpy(buf + w, ch, n);
		w += n;
		r->pos = at + consumed;
	}
	int rc = segment_push_text(r->out, buf, w, (uint32_t)start);
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

int tagform_parse(const char *text, size_t len, const struct segment *source,
		  struct segment *out, struct tagform_error *err)
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

int tagform_unit_source(const struct model_doc *doc, const struct model_unit *unit,
			const struct model_text **source, struct segment *seg, char **tagged)
{
	segment_init(seg);
	*tagged = NULL;
	*source = model_unit_text(unit, doc->source_lang);
	if (!*source || !unit->id)
		return 0;
	if (segment_from_text(*source, seg) != 0 || segment_collapse(seg) != 0 ||
	    !(*tagged = tagform_make(seg, seg)))
		return -1;
	return (*tagged)[0] != '\0';
}
