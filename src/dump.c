/* dump.c — printing a resolved document; see dump.h. */
#include "dump.h"

#include <string.h>

static const char *const state_names[] = {"initial", "translated", "reviewed", "final"};

static const char *style_name(enum resolve_style style)
{
	switch (style) {
	case STYLE_EM: return "em";
	case STYLE_STRONG: return "strong";
	case STYLE_NAME: return "name";
	case STYLE_LINK: return "a";
	case STYLE_FOREIGN: return "foreign";
	case STYLE_DATE: return "date";
	}
	return "?";
}

static void open_tag(const struct resolved_span *s, FILE *out)
{
	fprintf(out, "⟨%s", style_name(s->style));
	if (s->style == STYLE_FOREIGN && s->lang)
		fprintf(out, " %s", s->lang);
	if (s->style == STYLE_LINK && s->href)
		fprintf(out, " %s", s->href);
	if (s->style == STYLE_DATE && s->date)
		fprintf(out, " %s", s->date);
	fputs("⟩", out);
}

/* Writes the byte at TEXT[I], or its visible stand-in; returns how many bytes it took. */
static size_t put_char(const char *text, size_t i, FILE *out)
{
	static const struct {
		const char *bytes, *shown;
	} visible[] = {
		{"\xE2\x81\xA6", "⟨LRI⟩"}, {"\xE2\x81\xA7", "⟨RLI⟩"}, {"\xE2\x81\xA8", "⟨FSI⟩"},
		{"\xE2\x81\xA9", "⟨PDI⟩"}, {"\xC2\xAD", "‧"},         {"\xE2\x80\xA8", "⟨br⟩"},
		{"\xC2\xA0", "⍽"},         {"\xE2\x80\xAF", "˽"},
	};
	for (size_t k = 0; k < sizeof visible / sizeof visible[0]; k++) {
		size_t n = strlen(visible[k].bytes);
		if (strncmp(text + i, visible[k].bytes, n) == 0) {
			fputs(visible[k].shown, out);
			return n;
		}
	}
	fputc(text[i], out);
	return 1;
}

void dump_visible(const char *text, size_t len, FILE *out)
{
	for (size_t i = 0; i < len;)
		i += put_char(text, i, out);
}

static void dump_text(const struct resolved_text *rt, FILE *out)
{
	/* Spans are properly nested and in start order: a stack of open ones suffices. */
	size_t stack[64], depth = 0, next = 0;
	for (size_t i = 0; i <= rt->len;) {
		while (depth > 0 && rt->spans[stack[depth - 1]].end == i)
			fprintf(out, "⟨/%s⟩", style_name(rt->spans[stack[--depth]].style));
		while (next < rt->n_spans && rt->spans[next].start == i) {
			open_tag(&rt->spans[next], out);
			if (rt->spans[next].end == i)
				fprintf(out, "⟨/%s⟩", style_name(rt->spans[next].style));
			else if (depth < 64)
				stack[depth++] = next;
			next++;
		}
		if (i == rt->len)
			break;
		i += put_char(rt->text, i, out);
	}
	while (depth > 0)
		fprintf(out, "⟨/%s⟩", style_name(rt->spans[stack[--depth]].style));
}

/* TAG's element around TEXT, with its invisible characters shown. */
static void put_tagged(const char *tag, const char *text, FILE *out)
{
	fprintf(out, " ⟨%s⟩", tag);
	for (size_t i = 0; text[i];)
		i += put_char(text, i, out);
	fprintf(out, "⟨/%s⟩", tag);
}

static void dump_when(const struct model_doc *doc, const struct resolved_when *when, FILE *out)
{
	for (size_t l = 0; l < doc->n_langs; l++) {
		fprintf(out, "  %-6s", doc->langs[l]);
		if (when->date && when->date[l])
			put_tagged("date", when->date[l], out);
		if (when->time && when->time[l])
			put_tagged("time", when->time[l], out);
		fputc('\n', out);
	}
}

static void dump_unit(const struct resolved_doc *rdoc, size_t u, const char *indent, FILE *out)
{
	const struct model_doc *doc = rdoc->doc;
	const struct resolved_unit *ru = &rdoc->units[u];
	fprintf(out, "%s%s [%s]\n", indent, model_unit_kind_name(ru->unit->kind),
		ru->unit->id ? ru->unit->id : "?");
	for (size_t l = 0; l < doc->n_langs; l++) {
		const struct resolved_text *rt = &ru->texts[l];
		fprintf(out, "%s  %-6s %s ", indent, doc->langs[l], rt->dir == RESOLVE_RTL ? "rtl" : "ltr");
		if (!rt->t) {
			fputs("MISSING\n", out);
			continue;
		}
		fprintf(out, "%-10s ", state_names[rt->t->state]);
		dump_text(rt, out);
		fputc('\n', out);
	}
}

static const char *block_name(const struct model_block *block)
{
	static const char *const lists[] = {"bullets", "numbers", "demands"};
	switch (block->kind) {
	case BLOCK_LIST: return lists[block->list_kind];
	case BLOCK_QUOTE: return "quote";
	case BLOCK_EVENT: return "event";
	default: return "unit";
	}
}

void dump_document(const struct resolved_doc *rdoc, FILE *out)
{
	const struct model_doc *doc = rdoc->doc;
	fprintf(out, "%s %s, source %s, langs", doc->root == MODEL_LETTER ? "letter" : "appeal",
		doc->id ? doc->id : "?", doc->source_lang ? doc->source_lang : "?");
	for (size_t l = 0; l < doc->n_langs; l++)
		fprintf(out, " %s (%s)", doc->langs[l], rdoc->dirs[l] == RESOLVE_RTL ? "rtl" : "ltr");
	fputs("\n\nhead\n", out);
	for (size_t u = 0; u < doc->n_head_units; u++)
		dump_unit(rdoc, u, "", out);
	if (doc->date) {
		fprintf(out, "date %s\n", doc->date);
		dump_when(doc, &rdoc->published, out);
	}
	if (doc->contact_email || doc->contact_url)
		fprintf(out, "contact %s %s\n", doc->contact_email ? doc->contact_email : "-",
			doc->contact_url ? doc->contact_url : "-");
	fputs("\nbody\n", out);
	for (size_t b = 0; b < doc->n_blocks; b++) {
		const struct model_block *block = &doc->blocks[b];
		if (block->kind == BLOCK_UNIT) {
			dump_unit(rdoc, block->first_unit, "", out);
			continue;
		}
		fprintf(out, "%s [%s]", block_name(block), block->id ? block->id : "");
		if (block->kind == BLOCK_EVENT) {
			fprintf(out, " %s%s%s%s%s\n", block->when ? block->when : "?",
				block->until ? " to " : "", block->until ? block->until : "",
				block->time ? " at " : "", block->time ? block->time : "");
			dump_when(doc, &rdoc->events[b], out);
		} else {
			fputc('\n', out);
		}
		for (size_t u = block->first_unit; u < block->first_unit + block->n_units; u++)
			dump_unit(rdoc, u, "  ", out);
	}
}
