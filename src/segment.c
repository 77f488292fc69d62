/* segment.c — a <t>'s content as tokens, and its XML and canonical forms; see segment.h. */
#include "segment.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "grow.h"
#include "memfile.h"
#include "textnorm.h"

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
	if (seg) {
		GROW_FREE(seg->items, seg->n, token_free);
		segment_init(seg);
	}
}

/* Appends TOK (whose strings SEG takes over); on failure frees them.  0 or -1. */
static int push(struct segment *seg, struct segment_token *tok)
{
	if (!GROW(seg->items, seg->cap, seg->n + 1)) {
		token_free(tok);
		return -1;
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

int segment_push_element(struct segment *seg, enum segment_token_kind kind,
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

int segment_push_text(struct segment *seg, const char *text, size_t len, uint32_t at)
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
			rc = segment_push_text(seg, run->text, run->text_len, run->offset);
			break;
		case INLINE_DATE:
			rc = run->when ? segment_push_element(seg, SEG_EMPTY, INLINE_DATE, run->when, NULL,
						      false, run->offset)
				       : segment_push_element(seg, SEG_EMPTY, INLINE_DATE, run->from,
						      run->to, true, run->offset);
			break;
		case INLINE_BR:
			rc = segment_push_element(seg, SEG_EMPTY, INLINE_BR, NULL, NULL, false, run->offset);
			break;
		default: {
			const char *attr = run->kind == INLINE_FOREIGN ? run->lang
					   : run->kind == INLINE_LINK  ? run->href
								       : NULL;
			if (segment_push_element(seg, SEG_OPEN, run->kind, attr, NULL, false, run->offset) != 0 ||
			    add_runs(seg, run->children, run->n_children) != 0 ||
			    segment_push_element(seg, SEG_CLOSE, run->kind, NULL, NULL, false, run->offset) != 0)
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
	struct textnorm_collapse ws = {.at_start = true};
	for (size_t i = 0; i < seg->n; i++) {
		struct segment_token *tok = &seg->items[i];
		if (tok->kind == SEG_EMPTY && tok->element == INLINE_BR) {
			drop_trailing_space(seg, i);
			ws.last_space = true;
			continue;
		}
		if (tok->kind == SEG_EMPTY) {
			ws.at_start = ws.last_space = false;
			continue;
		}
		if (tok->kind == SEG_TEXT)
			textnorm_collapse(tok->text, &ws);
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

int segment_nfc(struct segment *seg)
{
	for (size_t i = 0; i < seg->n; i++) {
		struct segment_token *tok = &seg->items[i];
		if (tok->kind != SEG_TEXT)
			continue;
		char *nfc = textnorm_nfc(tok->text);
		if (!nfc)
			return -1;
		free(tok->text);
		tok->text = nfc;
	}
	return 0;
}

/* ---- XML --------------------------------------------------------------------------- */

const char *segment_element_name(enum model_inline_kind kind)
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

void segment_write_tag(FILE *out, const struct segment_token *tok)
{
	fprintf(out, "<%s", segment_element_name(tok->element));
	if (tok->element == INLINE_FOREIGN)
		escape_attribute(out, "xml:lang", tok->attr ? tok->attr : "");
	else if (tok->element == INLINE_LINK)
		escape_attribute(out, "href", tok->attr ? tok->attr : "");
	else if (tok->element == INLINE_DATE && !tok->is_range)
		escape_attribute(out, "when", tok->attr ? tok->attr : "");
	else if (tok->element == INLINE_DATE) {
		escape_attribute(out, "from", tok->attr ? tok->attr : "");
		escape_attribute(out, "to", tok->attr2 ? tok->attr2 : "");
	}
	fputs(tok->kind == SEG_EMPTY ? "/>" : ">", out);
}

char *segment_xml(const struct segment *seg)
{
	struct memfile m;
	FILE *out = memfile_open(&m);
	if (!out)
		return NULL;
	for (size_t i = 0; i < seg->n; i++) {
		const struct segment_token *tok = &seg->items[i];
		if (tok->kind == SEG_TEXT)
			escape_write(out, tok->text, &escape_xml_content);
		else if (tok->kind == SEG_CLOSE)
			fprintf(out, "</%s>", segment_element_name(tok->element));
		else
			segment_write_tag(out, tok);
	}
	return memfile_close(&m, NULL);
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
