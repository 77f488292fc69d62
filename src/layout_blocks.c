/* layout_blocks.c — the document's blocks: what each element looks like (its style, its
 * indent, bar, marker, tint) and the rows it becomes, in the order of the document. */
#include "layout_engine.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct layout_style layout_styles[] = {
	[ST_TITLE] = {2.2, PANGO_WEIGHT_BOLD, false, AL_CENTER, 0, false},
	[ST_SUBTITLE] = {1.3, PANGO_WEIGHT_MEDIUM, false, AL_CENTER, 0.2, false},
	[ST_ISSUER] = {1.0, PANGO_WEIGHT_MEDIUM, false, AL_START, 0.6, false},
	[ST_META] = {0.9, PANGO_WEIGHT_NORMAL, false, AL_START, 0.1, false},
	[ST_HEADING] = {1.3, PANGO_WEIGHT_BOLD, false, AL_START, 0.9, false},
	[ST_BODY] = {1.0, PANGO_WEIGHT_NORMAL, false, AL_JUSTIFY, 0.45, true},
	[ST_ITEM] = {1.0, PANGO_WEIGHT_NORMAL, false, AL_JUSTIFY, 0.25, true},
	[ST_DEMAND] = {1.15, PANGO_WEIGHT_BOLD, false, AL_START, 0.35, false},
	[ST_QUOTE] = {1.05, PANGO_WEIGHT_NORMAL, true, AL_JUSTIFY, 0.35, true},
	[ST_CITE] = {0.95, PANGO_WEIGHT_MEDIUM, false, AL_END, 0.2, false},
	[ST_WHEN] = {1.1, PANGO_WEIGHT_BOLD, false, AL_START, 0.3, false},
	[ST_VENUE] = {1.0, PANGO_WEIGHT_MEDIUM, false, AL_START, 0.25, false},
	[ST_ADDRESS] = {1.0, PANGO_WEIGHT_NORMAL, false, AL_START, 0.5, false},
	[ST_SUBJECT] = {1.25, PANGO_WEIGHT_BOLD, false, AL_START, 0.8, false},
	[ST_LETTER] = {1.0, PANGO_WEIGHT_NORMAL, false, AL_START, 0.8, false},
	[ST_CLOSING] = {1.0, PANGO_WEIGHT_NORMAL, false, AL_START, 0.8, false},
	[ST_SIGNATURE] = {1.0, PANGO_WEIGHT_MEDIUM, false, AL_START, 1.6, false},
	[ST_MARKER] = {1.0, PANGO_WEIGHT_BOLD, false, AL_END, 0, false},
	[ST_FOOTER] = {0.75, PANGO_WEIGHT_NORMAL, false, AL_START, 0, false},
	[ST_LABEL] = {0.7, PANGO_WEIGHT_MEDIUM, false, AL_END, 0, false},
	[ST_MISSING] = {0.9, PANGO_WEIGHT_NORMAL, true, AL_CENTER, 0.45, false},
};

struct unit_look {
	enum style style;
	double indent;       /* on the start side, in body sizes */
	bool bar;            /* a bar on the start side */
	const char *marker;  /* "•", or "#" for a number, or NULL */
	int number;
	bool tinted;
	bool keep_with_next;
	int bookmark_level;  /* > 0: goes in the PDF outline */
};

/* Languages shown, and where their columns go (mirrored for a right-to-left source). */
void layout_set_columns(struct engine *e)
{
	const struct model_doc *doc = e->doc;
	if (e->opt->kind == LAYOUT_PARALLEL) {
		e->n_cols = doc->n_langs < MAX_COLUMNS ? doc->n_langs : MAX_COLUMNS;
		double gutter = e->body * 1.6;
		double w = (e->width - gutter * (double)(e->n_cols - 1)) / (double)e->n_cols;
		size_t source = 0;
		for (size_t l = 0; l < doc->n_langs; l++)
			if (doc->source_lang && strcmp(doc->langs[l], doc->source_lang) == 0)
				source = l;
		bool mirrored = layout_is_rtl(e, source);
		for (size_t c = 0; c < e->n_cols; c++) {
			size_t slot = mirrored ? e->n_cols - 1 - c : c;
			e->col_lang[c] = c;
			e->col_x[c] = e->left + (double)slot * (w + gutter);
			e->col_w[c] = w;
		}
	} else {
		e->n_cols = 1;
		e->col_lang[0] = e->opt->kind == LAYOUT_SINGLE ? e->opt->single_lang : 0;
		e->col_x[0] = e->left;
		e->col_w[0] = e->width;
	}
}

/* Languages to draw one after another (stacked: all; otherwise the column's). */
static size_t stack_langs(const struct engine *e, size_t *langs)
{
	if (e->opt->kind == LAYOUT_STACKED) {
		for (size_t l = 0; l < e->doc->n_langs; l++)
			langs[l] = l;
		return e->doc->n_langs;
	}
	langs[0] = e->col_lang[0];
	return 1;
}

static char *bookmark_of(const struct resolved_text *rt)
{
	if (!rt || !rt->text)
		return NULL;
	/* The outline shows plain text: no isolates, soft hyphens or line separators. */
	char *copy = malloc(rt->len + 1);
	size_t n = 0;
	for (size_t i = 0; copy && i < rt->len;) {
		gunichar c = g_utf8_get_char(rt->text + i);
		size_t len = (size_t)(g_utf8_next_char(rt->text + i) - (rt->text + i));
		if (!(c == 0xAD || (c >= 0x2066 && c <= 0x2069)))
			memcpy(copy + n, rt->text + i, len), n += len;
		else if (c == 0x2028)
			copy[n++] = ' ';
		i += len;
	}
	if (copy)
		copy[n] = '\0';
	return copy;
}

/* A right-to-left letter puts its place and date, closing and signature on the end side,
 * as Persian letters do; a left-to-right one keeps them on the start side.  -1: as the
 * style says. */
static int letter_align(const struct engine *e, enum style style, enum resolve_dir dir)
{
	bool end = style == ST_META || style == ST_CLOSING || style == ST_SIGNATURE;
	if (e->doc->root == MODEL_LETTER && end && dir == RESOLVE_RTL)
		return PANGO_ALIGN_LEFT;
	return -1;
}

/* The cell of unit U in language L: its paragraph, or the mark of a missing one. */
static void fill_cell(struct engine *e, struct cell *cell, size_t u, size_t l, enum style style,
		      double x, double width)
{
	const struct resolved_text *rt = &e->rdoc->units[u].texts[l];
	const struct model_unit *unit = &e->doc->units[u];
	cell->x = x;
	cell->width = width;
	cell->bar_x = -1;
	if (!rt->t) {
		if (!e->opt->allow_missing) {
			diag_at(e->diags, e->src, unit->offset, DIAG_ERROR, "translation-missing",
				"unit \"%s\" has no %s translation; add it, or render with --allow-missing",
				unit->id ? unit->id : "?", e->doc->langs[l]);
			e->refused = true; /* laid out as marked, to find every other one */
		}
		char text[96];
		snprintf(text, sizeof text, "[ %s: missing ]", e->doc->langs[l]);
		struct para_spec spec = {.text = text, .lang = "en", .dir = RESOLVE_LTR,
					 .style = ST_MISSING, .width = width, .align = -1};
		layout_make_para(e, &spec, &cell->para);
		cell->missing = true;
		return;
	}
	cell->text = rt;
	struct para_spec spec = {.text = rt->text, .lang = rt->lang, .dir = rt->dir, .style = style,
				 .width = width, .rt = rt, .align = letter_align(e, style, rt->dir),
				 .check = true, .unit = unit};
	layout_make_para(e, &spec, &cell->para);
}

/* The cells of one row: unit U in every column, or in one language L when STACK_L < SIZE_MAX. */
static void build_cells(struct engine *e, struct row *row, size_t u, size_t stack_l,
			const struct unit_look *look)
{
	size_t n = stack_l == SIZE_MAX ? e->n_cols : 1;
	for (size_t c = 0; c < n; c++) {
		size_t l = stack_l == SIZE_MAX ? e->col_lang[c] : stack_l;
		bool rtl = layout_is_rtl(e, l);
		double x = e->col_x[stack_l == SIZE_MAX ? c : 0];
		double w = e->col_w[stack_l == SIZE_MAX ? c : 0];
		double indent = look->indent * e->body;
		struct cell *cell = &row->cells[row->n_cells++];
		fill_cell(e, cell, u, l, look->style, rtl ? x : x + indent, w - indent);
		if (!cell->para.n_lines)
			continue;
		if (look->bar)
			cell->bar_x = rtl ? x + w - e->body * 0.22 : x;
		if (look->marker) {
			char *text = look->marker[0] == '#' ? lang_format_number(e->doc->langs[l], look->number)
							    : strdup(look->marker);
			char *label = NULL;
			if (text && asprintf(&label, "%s%s", text, look->marker[0] == '#' ? "." : "") < 0)
				label = NULL;
			free(text);
			if (!label) {
				e->failed = true;
				continue;
			}
			double mw = indent - e->body * 0.5;
			struct para_spec spec = {
				.text = label, .lang = e->doc->langs[l],
				.dir = rtl ? RESOLVE_RTL : RESOLVE_LTR,
				.style = look->style == ST_DEMAND ? ST_DEMAND : ST_MARKER, .width = mw,
				.align = rtl ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT,
			};
			layout_make_para(e, &spec, &cell->marker);
			free(label);
			cell->marker_x = rtl ? x + w - indent + e->body * 0.5 : x;
		}
	}
}

/* Whether unit U says the same in every language (an acronym, an address, a name): the
 * stacked layout prints it once. */
static bool same_in_every_language(const struct engine *e, size_t u)
{
	const struct resolved_unit *unit = &e->rdoc->units[u];
	char *first = bookmark_of(&unit->texts[0]);
	bool same = first != NULL && e->doc->n_langs > 1;
	for (size_t l = 1; same && l < e->doc->n_langs; l++) {
		char *other = bookmark_of(&unit->texts[l]);
		same = other && strcmp(first, other) == 0;
		free(other);
	}
	free(first);
	return same;
}

/* The stacked layout's mark of language L: its name in its own language, small, in the
 * margin on its start side beside its first line. */
static void language_label(struct engine *e, struct row *row, size_t l)
{
	const char *lang = e->doc->langs[l];
	const char *name = e->rdoc->langs[l].label;
	bool rtl = layout_is_rtl(e, l);
	double width = fmin(e->left - e->body * 1.5, e->body * 6);
	if (width < e->body * 2)
		return; /* no margin to speak of */
	struct para_spec spec = {.text = name, .lang = lang, .dir = rtl ? RESOLVE_RTL : RESOLVE_LTR,
				 .style = ST_LABEL, .width = width,
				 .align = rtl ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT, .check = true};
	layout_make_para(e, &spec, &row->label);
	row->label_right = rtl;
}

/* Arabic script's lines stand further apart (its fonts are taller: Vazirmatn's line is
 * half as high again as Roboto's), so the space between its paragraphs is larger too, or
 * it is lost between the lines. */
#define ARABIC_PARAGRAPH_SPACE 1.6

static double script_spacing(const struct row *row, enum style style)
{
	if (!layout_styles[style].hyphenate)
		return 1; /* running text only: headings keep their own space */
	for (size_t c = 0; c < row->n_cells; c++)
		if (row->cells[c].text && !layout_latin_family(row->cells[c].text->lang))
			return ARABIC_PARAGRAPH_SPACE;
	return 1;
}

static void emit_unit(struct engine *e, size_t u, const struct unit_look *look)
{
	size_t langs[MAX_LANGS];
	bool stacked = e->opt->kind == LAYOUT_STACKED;
	size_t n = stacked ? stack_langs(e, langs) : 1;
	bool once = stacked && same_in_every_language(e, u);
	if (once)
		n = 1;
	for (size_t k = 0; k < n && !e->failed; k++) {
		struct row row = {0};
		row.before = (k == 0 ? layout_styles[look->style].before * 1.0 : 0.15) * e->body * LEADING;
		if (stacked && k == 0) {
			row.before += e->body * 0.6;
			row.rule_above = !look->tinted && look->style != ST_HEADING;
		}
		if (stacked && !once)
			language_label(e, &row, langs[k]);
		row.tinted = look->tinted;
		/* Stacked: a quote's author, a closing or a signature in every language is one
		 * block, kept together. */
		bool together = look->style == ST_CITE || look->style == ST_CLOSING ||
				look->style == ST_SIGNATURE;
		row.keep_with_next = look->keep_with_next || (together && k + 1 < n);
		/* Display text and a letter's parts are short blocks read as one. */
		row.whole = together || look->style == ST_HEADING || look->style == ST_SUBJECT ||
			    look->style == ST_ADDRESS;
		row.unit = &e->doc->units[u];
		build_cells(e, &row, u, stacked ? langs[k] : SIZE_MAX, look);
		row.before *= script_spacing(&row, look->style);
		if (look->bookmark_level && k == 0) {
			size_t l = stacked ? langs[0] : e->col_lang[0];
			row.bookmark = bookmark_of(&e->rdoc->units[u].texts[l]);
			row.bookmark_level = look->bookmark_level;
		}
		if (!e->failed)
			layout_place_row(e, &row);
		layout_free_row(&row);
	}
}

/* A full-width paragraph per language (titles): generated rows of one cell each. */
static void emit_across(struct engine *e, size_t u, enum style style, int bookmark_level)
{
	size_t langs[MAX_LANGS], n;
	if (e->opt->kind == LAYOUT_SINGLE) {
		langs[0] = e->opt->single_lang;
		n = 1;
	} else {
		n = e->doc->n_langs;
		for (size_t l = 0; l < n; l++)
			langs[l] = l;
	}
	for (size_t k = 0; k < n && !e->failed; k++) {
		struct row row = {.unit = &e->doc->units[u]};
		row.before = (k == 0 ? layout_styles[style].before : 0.1) * e->body * LEADING;
		struct cell *cell = &row.cells[row.n_cells++];
		fill_cell(e, cell, u, langs[k], style, e->left, e->width);
		if (k == 0 && bookmark_level) {
			row.bookmark = bookmark_of(&e->rdoc->units[u].texts[langs[k]]);
			row.bookmark_level = bookmark_level;
		}
		if (!e->failed)
			layout_place_row(e, &row);
		layout_free_row(&row);
	}
}

/* An array for a generated text in every language (NULL, and the engine failed, when
 * out of memory); emit_generated takes it. */
static char **new_texts(struct engine *e)
{
	char **texts = calloc(e->doc->n_langs, sizeof *texts);
	if (!texts)
		e->failed = true;
	return texts;
}

/* A row of generated text per column (event dates, the place and date of a letter), from
 * TEXTS (new_texts), which it frees. */
static void emit_generated(struct engine *e, char **texts, enum style style, bool tinted,
			   bool keep_with_next)
{
	size_t langs[MAX_LANGS];
	bool stacked = e->opt->kind == LAYOUT_STACKED;
	size_t n = stacked ? stack_langs(e, langs) : 1;
	bool once = stacked;
	for (size_t l = 1; once && l < e->doc->n_langs; l++)
		once = texts[l] && texts[0] && strcmp(texts[l], texts[0]) == 0;
	if (once)
		n = 1;
	for (size_t k = 0; k < n && !e->failed; k++) {
		struct row row = {.before = layout_styles[style].before * e->body * LEADING,
				  .tinted = tinted, .keep_with_next = keep_with_next, .whole = true};
		if (stacked && !once)
			language_label(e, &row, langs[k]);
		size_t cols = stacked ? 1 : e->n_cols;
		for (size_t c = 0; c < cols; c++) {
			size_t l = stacked ? langs[k] : e->col_lang[c];
			struct cell *cell = &row.cells[row.n_cells++];
			cell->x = e->col_x[stacked ? 0 : c];
			cell->width = e->col_w[stacked ? 0 : c];
			cell->bar_x = -1;
			if (!texts[l] || !*texts[l])
				continue;
			struct para_spec spec = {.text = texts[l], .lang = e->doc->langs[l],
						 .dir = e->rdoc->dirs[l], .style = style,
						 .width = cell->width,
						 .align = letter_align(e, style, e->rdoc->dirs[l]), .check = true};
			layout_make_para(e, &spec, &cell->para);
		}
		if (!e->failed)
			layout_place_row(e, &row);
		layout_free_row(&row);
	}
	for (size_t l = 0; l < e->doc->n_langs; l++)
		free(texts[l]);
	free(texts);
}

static void emit_event_when(struct engine *e, size_t b)
{
	const struct resolved_when *when = &e->rdoc->events[b];
	size_t n = e->doc->n_langs;
	char **texts = new_texts(e);
	if (!texts)
		return;
	for (size_t l = 0; l < n; l++) {
		const char *date = when->date && when->date[l] ? when->date[l] : "";
		const char *time = when->time && when->time[l] ? when->time[l] : NULL;
		if (asprintf(&texts[l], "%s%s%s", date, time ? " · " : "", time ? time : "") < 0)
			texts[l] = NULL;
	}
	emit_generated(e, texts, ST_WHEN, true, true); /* an event's date goes with its text */
}

static struct unit_look plain_look(enum style style)
{
	return (struct unit_look){.style = style};
}

/* "Hamburg, 20. Juni 2023" in every language: a letter's place and date on one line. */
static void emit_place_and_date(struct engine *e, size_t place)
{
	size_t n = e->doc->n_langs;
	char **texts = new_texts(e);
	if (!texts)
		return;
	for (size_t l = 0; l < n; l++) {
		char *where = place != SIZE_MAX ? bookmark_of(&e->rdoc->units[place].texts[l]) : NULL;
		const char *date = e->rdoc->published.date ? e->rdoc->published.date[l] : NULL;
		const char *comma = strncmp(e->rdoc->langs[l].fonts, "Vazirmatn", 9) == 0 ? "، " : ", ";
		if (asprintf(&texts[l], "%s%s%s", where ? where : "", where && date ? comma : "",
			     date ? date : "") < 0)
			texts[l] = NULL;
		free(where);
	}
	emit_generated(e, texts, ST_META, false, false);
}

static size_t head_unit(const struct model_doc *doc, enum model_unit_kind kind)
{
	for (size_t u = 0; u < doc->n_head_units; u++)
		if (doc->units[u].kind == kind)
			return u;
	return SIZE_MAX;
}

/* A letter: sender, addressee, place and date, then the subject. */
static void emit_letter_head(struct engine *e)
{
	const struct model_doc *doc = e->doc;
	static const enum model_unit_kind order[] = {UNIT_FROM, UNIT_TO};
	for (size_t k = 0; k < 2; k++) {
		size_t u = head_unit(doc, order[k]);
		struct unit_look look = plain_look(ST_ADDRESS);
		if (u != SIZE_MAX)
			emit_unit(e, u, &look);
	}
	size_t place = head_unit(doc, UNIT_PLACE);
	if (place != SIZE_MAX || doc->date)
		emit_place_and_date(e, place);
	struct unit_look subject = {.style = ST_SUBJECT, .bookmark_level = 1, .keep_with_next = true};
	struct unit_look rest = plain_look(ST_BODY);
	size_t u = head_unit(doc, UNIT_TITLE);
	if (u != SIZE_MAX)
		emit_unit(e, u, &subject);
	if ((u = head_unit(doc, UNIT_SUBTITLE)) != SIZE_MAX)
		emit_unit(e, u, &rest);
	if ((u = head_unit(doc, UNIT_ISSUER)) != SIZE_MAX)
		emit_unit(e, u, &rest);
}

/* The band behind an appeal's titles, down to below their last line.  With a bleed it
 * runs from the top edge across the whole width (and on past the trim); without one it
 * stays half a margin inside the sheet's edges, which an office printer cannot reach and
 * would leave as a ragged white rim. */
static void band_to(struct engine *e)
{
	layout_flush(e);
	if (e->page != 1)
		return;
	double inset = e->opt->bleed ? 0 : e->margin * 0.5;
	for (size_t i = 0; i < e->out->n_items; i++)
		if (e->out->items[i].kind == ITEM_FILL && e->out->items[i].x == inset &&
		    e->out->items[i].y == inset) {
			e->out->items[i].height = e->y + e->body * 0.9 - inset;
			return;
		}
	layout_place_fill(e, inset, inset, e->opt->page_width - 2 * inset, e->y + e->body * 0.9 - inset,
		   0.93);
}

void layout_emit_head(struct engine *e)
{
	const struct model_doc *doc = e->doc;
	if (doc->root == MODEL_LETTER) {
		emit_letter_head(e);
		return;
	}
	for (size_t u = 0; u < doc->n_head_units && !e->failed; u++) {
		struct unit_look look = plain_look(ST_ISSUER);
		switch (doc->units[u].kind) {
		case UNIT_TITLE:
			emit_across(e, u, ST_TITLE, 1);
			band_to(e);
			continue;
		case UNIT_SUBTITLE:
			emit_across(e, u, ST_SUBTITLE, 0);
			band_to(e);
			continue;
		case UNIT_PLACE:
			continue; /* with the date, below */
		default:
			break;
		}
		emit_unit(e, u, &look);
	}
	size_t place = head_unit(doc, UNIT_PLACE);
	if (place != SIZE_MAX || doc->date)
		emit_place_and_date(e, place);
	/* A leaflet in one language: lines across the whole sheet would run to 100
	 * characters and more; its body is set in two columns below the head. */
	if (e->opt->kind == LAYOUT_SINGLE && e->width > MEASURE_CHARS * 0.5 * e->body) {
		e->frames_rtl = layout_is_rtl(e, e->opt->single_lang);
		layout_begin_frames(e, 2, e->body * 1.6);
		e->col_w[0] = e->frame_w;
	}
}

/* Whether block B + 1 is a unit of KIND. */
static bool next_is(const struct model_doc *doc, size_t b, enum model_unit_kind kind)
{
	return b + 1 < doc->n_blocks && doc->blocks[b + 1].kind == BLOCK_UNIT &&
	       doc->units[doc->blocks[b + 1].first_unit].kind == kind;
}

void layout_emit_body(struct engine *e)
{
	const struct model_doc *doc = e->doc;
	for (size_t b = 0; b < doc->n_blocks && !e->failed; b++) {
		const struct model_block *block = &doc->blocks[b];
		if (block->kind == BLOCK_UNIT) {
			struct unit_look look = plain_look(ST_BODY);
			switch (doc->units[block->first_unit].kind) {
			case UNIT_HEADING:
				look = (struct unit_look){.style = ST_HEADING, .keep_with_next = true,
							  .bookmark_level = 2};
				break;
			case UNIT_SALUTATION:
				look.style = ST_LETTER;
				break;
			case UNIT_CLOSING:
				/* A letter's closing and its signatures stay together. */
				look = (struct unit_look){.style = ST_CLOSING, .keep_with_next = true};
				break;
			case UNIT_SIGNATURE:
				look.style = ST_SIGNATURE;
				look.keep_with_next = next_is(doc, b, UNIT_SIGNATURE);
				break;
			default:
				/* The paragraph that leads into a list goes with its first item. */
				look.keep_with_next = b + 1 < doc->n_blocks &&
						      doc->blocks[b + 1].kind == BLOCK_LIST;
				break;
			}
			emit_unit(e, block->first_unit, &look);
			continue;
		}
		if (block->kind == BLOCK_EVENT)
			emit_event_when(e, b);
		for (size_t k = 0; k < block->n_units && !e->failed; k++) {
			size_t u = block->first_unit + k;
			struct unit_look look = plain_look(ST_BODY);
			if (block->kind == BLOCK_LIST) {
				bool demand = block->list_kind == LIST_DEMANDS;
				look = (struct unit_look){
					.style = demand ? ST_DEMAND : ST_ITEM,
					.indent = demand ? 1.0 : 1.6,
					.bar = demand,
					.marker = block->list_kind == LIST_NUMBERS ? "#"
						  : demand ? NULL : "•",
					.number = (int)k + 1,
				};
			} else if (block->kind == BLOCK_QUOTE) {
				bool cite = doc->units[u].kind == UNIT_CITE;
				/* A quote's end stays with its author. */
				bool cited = k + 1 < block->n_units &&
					     doc->units[u + 1].kind == UNIT_CITE;
				look = (struct unit_look){.style = cite ? ST_CITE : ST_QUOTE,
							  .indent = 1.5, .bar = !cite,
							  .keep_with_next = cited};
			} else if (block->kind == BLOCK_EVENT) {
				look.style = doc->units[u].kind == UNIT_VENUE ? ST_VENUE : ST_BODY;
				look.tinted = true;
			}
			emit_unit(e, u, &look);
		}
	}
}
