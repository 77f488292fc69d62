/* edit.c — byte edits of <t> elements, and making edits; see edit.h.
 *
 * The model knows where each <t> starts; the rest (where its attributes, its content and
 * its end tag are) is found by reading the source from there.  The document was parsed
 * and validated, so what is read is well-formed XML: only comments, CDATA sections,
 * processing instructions and quoted attribute values need care, because they may
 * contain what looks like the end tag. */
#include "edit.h"
#include "escape.h"
#include "grow.h"
#include "memfile.h"
#include "order.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct attr_place {
	uint32_t name, name_len;
	uint32_t value, value_len; /* inside the quotes */
};

/* Where the parts of one <t> are in the source.  Of its attributes, however many there
 * are, only the one asked for (if any) is kept. */
struct t_place {
	struct attr_place wanted;
	bool has_wanted;
	uint32_t attrs_end; /* after the last attribute's closing quote (or the name) */
	uint32_t tag_end;   /* the '>' of the start tag, or the '/' of "/>" */
	bool empty;         /* <t …/> */
	uint32_t content_end; /* the '<' of </t> (tag_end for an empty element) */
	uint32_t end;       /* after the element's last '>' */
};

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool starts(const struct source *src, uint32_t at, const char *prefix)
{
	size_t n = strlen(prefix);
	return at + n <= src->len && memcmp(src->bytes + at, prefix, n) == 0;
}

/* The offset after the first TERMINATOR at or after AT, or the end of the source. */
static uint32_t skip_past(const struct source *src, uint32_t at, const char *terminator)
{
	const char *hit = memmem(src->bytes + at, src->len - at, terminator, strlen(terminator));
	return hit ? (uint32_t)(hit - src->bytes + strlen(terminator)) : (uint32_t)src->len;
}

/* The offset after the '>' that ends the tag starting at AT, past quoted values. */
static uint32_t skip_tag(const struct source *src, uint32_t at)
{
	char quote = '\0';
	for (uint32_t i = at; i < src->len; i++) {
		char c = src->bytes[i];
		if (quote) {
			if (c == quote)
				quote = '\0';
		} else if (c == '"' || c == '\'') {
			quote = c;
		} else if (c == '>') {
			return i + 1;
		}
	}
	return (uint32_t)src->len;
}

static bool read_start_tag(const struct source *src, uint32_t at, const char *want,
			   struct t_place *t)
{
	memset(t, 0, sizeof *t);
	if (!starts(src, at, "<t") || at + 2 >= src->len ||
	    !(is_space(src->bytes[at + 2]) || src->bytes[at + 2] == '>' || src->bytes[at + 2] == '/'))
		return false;
	uint32_t i = at + 2;
	t->attrs_end = i;
	for (;;) {
		while (i < src->len && is_space(src->bytes[i]))
			i++;
		if (i >= src->len)
			return false;
		if (src->bytes[i] == '>' || starts(src, i, "/>")) {
			t->tag_end = i;
			t->empty = src->bytes[i] == '/';
			return true;
		}
		struct attr_place a = {.name = i};
		while (i < src->len && !is_space(src->bytes[i]) && src->bytes[i] != '=')
			i++;
		a.name_len = i - a.name;
		while (i < src->len && is_space(src->bytes[i]))
			i++;
		if (i >= src->len || src->bytes[i] != '=')
			return false;
		i++;
		while (i < src->len && is_space(src->bytes[i]))
			i++;
		if (i >= src->len || (src->bytes[i] != '"' && src->bytes[i] != '\''))
			return false;
		char quote = src->bytes[i++];
		a.value = i;
		while (i < src->len && src->bytes[i] != quote)
			i++;
		if (i >= src->len)
			return false;
		a.value_len = i - a.value;
		t->attrs_end = ++i;
		if (want && !t->has_wanted && a.name_len == strlen(want) &&
		    memcmp(src->bytes + a.name, want, a.name_len) == 0) {
			t->wanted = a;
			t->has_wanted = true;
		}
	}
}

/* Finds the parts of the <t> that starts at AT. */
static bool find_t(const struct source *src, uint32_t at, const char *want, struct t_place *t)
{
	if (at == SOURCE_NO_OFFSET || at >= src->len || !read_start_tag(src, at, want, t))
		return false;
	if (t->empty) {
		t->content_end = t->tag_end;
		t->end = t->tag_end + 2;
		return true;
	}
	uint32_t i = t->tag_end + 1;
	while (i < src->len) {
		if (src->bytes[i] != '<') {
			i++;
		} else if (starts(src, i, "<!--")) {
			i = skip_past(src, i + 4, "-->");
		} else if (starts(src, i, "<![CDATA[")) {
			i = skip_past(src, i + 9, "]]>");
		} else if (starts(src, i, "<?")) {
			i = skip_past(src, i + 2, "?>");
		} else if (starts(src, i, "</t") && i + 3 < src->len &&
			   (is_space(src->bytes[i + 3]) || src->bytes[i + 3] == '>')) {
			t->content_end = i;
			t->end = skip_tag(src, i);
			return true;
		} else {
			i = skip_tag(src, i);
		}
	}
	return false;
}

/* ---- the list ---------------------------------------------------------------------- */

void edit_list_init(struct edit_list *edits)
{
	memset(edits, 0, sizeof *edits);
}

void edit_list_clear(struct edit_list *edits)
{
	if (!edits)
		return;
	for (size_t i = 0; i < edits->n; i++)
		free(edits->items[i].text);
	free(edits->items);
	edit_list_init(edits);
}

/* Adds an edit; takes TEXT over (NULL: memory ran out before). */
static enum edit_status add(struct edit_list *edits, uint32_t offset, uint32_t length, char *text)
{
	if (!text)
		return EDIT_NO_MEMORY;
	if (!GROW(edits->items, edits->cap, edits->n + 1)) {
		free(text);
		return EDIT_NO_MEMORY;
	}
	edits->items[edits->n] = (struct edit){offset, length, text, edits->n};
	edits->n++;
	return EDIT_OK;
}

/* VALUE escaped for an attribute in QUOTE quotes, as a new string (or NULL). */
static char *attribute_value(const char *value, char quote)
{
	return escape_string(value, quote == '"'    ? &escape_xml_attr
				    : quote == '\'' ? &escape_xml_attr_single
						    : &escape_xml_minimal);
}

enum edit_status edit_t_attribute(struct edit_list *edits, const struct source *src,
				  const struct model_text *t, const char *name, const char *value)
{
	struct t_place place;
	if (!find_t(src, t->offset, name, &place))
		return EDIT_NOT_FOUND;
	if (place.has_wanted) {
		const struct attr_place *a = &place.wanted;
		return add(edits, a->value, a->value_len,
			   attribute_value(value, src->bytes[a->value - 1]));
	}
	char *escaped = attribute_value(value, '"');
	char *text = NULL;
	if (escaped && asprintf(&text, " %s=\"%s\"", name, escaped) < 0)
		text = NULL;
	free(escaped);
	return add(edits, place.attrs_end, 0, text);
}

enum edit_status edit_t_content(struct edit_list *edits, const struct source *src,
				const struct model_text *t, const char *xml)
{
	struct t_place place;
	if (!find_t(src, t->offset, NULL, &place))
		return EDIT_NOT_FOUND;
	if (!place.empty)
		return add(edits, place.tag_end + 1, place.content_end - place.tag_end - 1,
			   strdup(xml));
	char *text = NULL;
	if (asprintf(&text, ">%s</t>", xml) < 0)
		text = NULL;
	return add(edits, place.tag_end, 2, text);
}

/* The new element's start tag and content, as a new string. */
static char *new_t(const char *lang, const char *state, const char *hash,
		   const char *translator, const char *xml)
{
	struct memfile m;
	FILE *out = memfile_open(&m);
	if (out) {
		fputs("<t", out);
		escape_attribute(out, "xml:lang", lang);
		escape_attribute(out, "state", state);
		escape_attribute(out, "src-hash", hash);
		escape_attribute(out, "translator", translator);
		fprintf(out, ">%s</t>", xml);
	}
	return memfile_close(&m, NULL);
}

/* Inserts ELEMENT (taken) after the last <t> of UNIT, on a line of its own as that <t>. */
static enum edit_status insert_after_t(struct edit_list *edits, const struct source *src,
				       const struct model_unit *unit, char *element)
{
	if (unit->n_texts == 0) {
		free(element);
		return EDIT_NOT_FOUND;
	}
	const struct model_text *last = &unit->texts[unit->n_texts - 1];
	struct t_place place;
	if (!find_t(src, last->offset, NULL, &place)) {
		free(element);
		return EDIT_NOT_FOUND;
	}
	uint32_t line = last->offset;
	while (line > 0 && src->bytes[line - 1] != '\n')
		line--;
	bool own_line = true;
	for (uint32_t i = line; i < last->offset; i++)
		own_line &= src->bytes[i] == ' ' || src->bytes[i] == '\t';
	bool crlf = line >= 2 && src->bytes[line - 2] == '\r';
	char *text = NULL;
	if (element && own_line &&
	    asprintf(&text, "%s%.*s%s", crlf ? "\r\n" : "\n", (int)(last->offset - line),
		     src->bytes + line, element) < 0)
		text = NULL;
	if (element && !own_line) {
		text = element;
		element = NULL;
	}
	free(element);
	return add(edits, place.end, 0, text);
}

enum edit_status edit_insert_t(struct edit_list *edits, const struct source *src,
			       const struct model_unit *unit, const char *lang, const char *state,
			       const char *hash, const char *xml)
{
	return edit_insert_t_by(edits, src, unit, lang, state, hash, NULL, xml);
}

enum edit_status edit_insert_t_by(struct edit_list *edits, const struct source *src,
				  const struct model_unit *unit, const char *lang,
				  const char *state, const char *hash, const char *translator,
				  const char *xml)
{
	return insert_after_t(edits, src, unit, new_t(lang, state, hash, translator, xml));
}

enum edit_status edit_insert_note(struct edit_list *edits, const struct source *src,
				  const struct model_unit *unit, const char *text)
{
	char *escaped = attribute_value(text, '\0');
	char *element = NULL;
	if (escaped && asprintf(&element, "<note>%s</note>", escaped) < 0)
		element = NULL;
	free(escaped);
	return insert_after_t(edits, src, unit, element);
}

/* ---- applying ---------------------------------------------------------------------- */

enum edit_status edit_append_word(struct edit_list *edits, const struct source *src,
				  uint32_t value, const char *word)
{
	if (value == 0 || value > src->len)
		return EDIT_NOT_FOUND;
	char quote = src->bytes[value - 1];
	if (quote != '"' && quote != '\'')
		return EDIT_NOT_FOUND;
	const char *close = memchr(src->bytes + value, quote, src->len - value);
	if (!close)
		return EDIT_NOT_FOUND;
	uint32_t end = (uint32_t)(close - src->bytes);
	while (end > value && is_space(src->bytes[end - 1]))
		end--;
	char *text = NULL;
	if (asprintf(&text, "%s%s", end > value ? " " : "", word) < 0)
		text = NULL;
	return add(edits, end, 0, text);
}

static int compare_edits(const void *a, const void *b)
{
	const struct edit *x = a, *y = b;
	/* At one offset, insertions go before a replacement that starts there. */
	return ORDER(x->offset, y->offset) ?: ORDER(x->length != 0, y->length != 0)
		?: ORDER(x->seq, y->seq);
}

/* The length SRC will have with the edits made, or SIZE_MAX when they do not fit it. */
static size_t spliced_length(const struct source *src, const struct edit *edits, size_t n)
{
	size_t size = src->len, pos = 0;
	for (size_t i = 0; i < n; i++) {
		const struct edit *c = &edits[i];
		if (c->offset < pos || c->offset > src->len || c->length > src->len - c->offset)
			return SIZE_MAX;
		size = size - c->length + strlen(c->text);
		pos = c->offset + c->length;
	}
	return size;
}

int edit_splice(const struct source *src, const struct edit *edits, size_t n, char **out,
		size_t *out_len)
{
	*out = NULL;
	*out_len = 0;
	size_t size = spliced_length(src, edits, n);
	char *buf = size == SIZE_MAX ? NULL : malloc(size + 1);
	if (!buf)
		return -1;
	size_t w = 0, pos = 0;
	for (size_t i = 0; i < n; i++) {
		const struct edit *c = &edits[i];
		size_t len = strlen(c->text);
		memcpy(buf + w, src->bytes + pos, c->offset - pos);
		w += c->offset - pos;
		memcpy(buf + w, c->text, len);
		w += len;
		pos = c->offset + c->length;
	}
	memcpy(buf + w, src->bytes + pos, src->len - pos);
	w += src->len - pos;
	buf[w] = '\0';
	*out = buf;
	*out_len = w;
	return 0;
}

int edit_apply(const struct source *src, struct edit_list *edits, char **out, size_t *out_len)
{
	/* An empty list has no array to sort (qsort of NULL is undefined even for 0 items). */
	if (edits->n > 0)
		qsort(edits->items, edits->n, sizeof *edits->items, compare_edits);
	return edit_splice(src, edits->items, edits->n, out, out_len);
}
