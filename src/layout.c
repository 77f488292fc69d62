/* layout.c — Pango layout of a leaflet; see layout.h. */
#include "layout.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hb.h>
#include <pango/pangocairo.h>
#include <unicode/uchar.h>
#include <unicode/unum.h>
#include <unicode/ustring.h>

#include "fonts.h"
#include "para.h"
#include "uri.h"

#define A4_AREA (595.28 * 841.89)
#define MAX_COLUMNS 8
/* Languages one leaflet shows in turn (validation takes at most 100 in langs). */
#define MAX_LANGS 128
#define LEADING 1.3
/* Every paragraph is shaped with its font at REF_SIZE and drawn scaled to its real size
 * (see layout.h): with unhinted metrics the line breaks are the same as at the real size
 * in a width scaled alike, and the fonts, their fontconfig matches and HarfBuzz's caches
 * are made once per face, not for every style and every size layout_fit tries (each new
 * size cost Pango an FcFontSort and two threads). */
#define REF_SIZE 10.0

/* ---- paper ------------------------------------------------------------------------- */

bool layout_paper_size(const char *name, double *width, double *height)
{
	static const struct {
		const char *name;
		double w, h;
	} papers[] = {
		{"a3", 841.89, 1190.55}, {"a4", 595.28, 841.89},   {"a5", 419.53, 595.28},
		{"a6", 297.64, 419.53},  {"letter", 612, 792},     {"legal", 612, 1008},
		{"tabloid", 792, 1224},
	};
	for (size_t i = 0; name && i < sizeof papers / sizeof papers[0]; i++)
		if (strcmp(name, papers[i].name) == 0) {
			*width = papers[i].w;
			*height = papers[i].h;
			return true;
		}
	return false;
}

/* ---- paragraph styles ---------------------------------------------------------------- */

enum style {
	ST_TITLE, ST_SUBTITLE, ST_ISSUER, ST_META, ST_HEADING, ST_BODY, ST_ITEM, ST_DEMAND,
	ST_QUOTE, ST_CITE, ST_WHEN, ST_VENUE, ST_ADDRESS, ST_SUBJECT, ST_LETTER, ST_SIGNATURE,
	ST_MARKER, ST_FOOTER, ST_MISSING,
};

enum align { AL_START, AL_CENTER, AL_END, AL_JUSTIFY };

static const struct {
	double size;      /* times the body size */
	PangoWeight weight;
	bool italic;      /* in Latin scripts; Arabic script has no italics */
	enum align align;
	double before;    /* space before, in body lines */
	bool hyphenate;   /* running text; display and machine text is never hyphenated */
} styles[] = {
	[ST_TITLE] = {2.2, PANGO_WEIGHT_BOLD, false, AL_CENTER, 0},
	[ST_SUBTITLE] = {1.3, PANGO_WEIGHT_MEDIUM, false, AL_CENTER, 0.2},
	[ST_ISSUER] = {1.0, PANGO_WEIGHT_MEDIUM, false, AL_START, 0.6},
	[ST_META] = {0.9, PANGO_WEIGHT_NORMAL, false, AL_START, 0.1},
	[ST_HEADING] = {1.3, PANGO_WEIGHT_BOLD, false, AL_START, 0.9},
	[ST_BODY] = {1.0, PANGO_WEIGHT_NORMAL, false, AL_JUSTIFY, 0.45, true},
	[ST_ITEM] = {1.0, PANGO_WEIGHT_NORMAL, false, AL_JUSTIFY, 0.25, true},
	[ST_DEMAND] = {1.15, PANGO_WEIGHT_BOLD, false, AL_START, 0.35},
	[ST_QUOTE] = {1.05, PANGO_WEIGHT_NORMAL, true, AL_JUSTIFY, 0.35, true},
	[ST_CITE] = {0.95, PANGO_WEIGHT_MEDIUM, false, AL_END, 0.2},
	[ST_WHEN] = {1.1, PANGO_WEIGHT_BOLD, false, AL_START, 0.3},
	[ST_VENUE] = {1.0, PANGO_WEIGHT_MEDIUM, false, AL_START, 0.25},
	[ST_ADDRESS] = {1.0, PANGO_WEIGHT_NORMAL, false, AL_START, 0.5},
	[ST_SUBJECT] = {1.25, PANGO_WEIGHT_BOLD, false, AL_START, 1.0},
	[ST_LETTER] = {1.0, PANGO_WEIGHT_NORMAL, false, AL_START, 0.8},
	[ST_SIGNATURE] = {1.0, PANGO_WEIGHT_MEDIUM, false, AL_START, 1.6},
	[ST_MARKER] = {1.0, PANGO_WEIGHT_BOLD, false, AL_END, 0},
	[ST_FOOTER] = {0.75, PANGO_WEIGHT_NORMAL, false, AL_START, 0},
	[ST_MISSING] = {0.9, PANGO_WEIGHT_NORMAL, true, AL_CENTER, 0.45},
};

/* ---- the engine -------------------------------------------------------------------- */

/* A paragraph as the engine places it: its lines' extents, and when drawing, its layout. */
struct para {
	struct para_set *set;   /* when drawing: its lines, to draw; NULL while measuring */
	double scale;           /* points on the page per point of the layout */
	double *line_y;         /* the top and bottom of each line, points */
	int n_lines;            /* 0: no paragraph */
	double height;          /* points */
	double width;           /* points */
};

/* What a paragraph is made of. */
struct para_spec {
	const char *text;       /* UTF-8 */
	const char *lang;
	enum resolve_dir dir;
	enum style style;
	double width;           /* points */
	const struct resolved_text *rt; /* its spans' attributes; NULL: none */
	PangoWrapMode wrap;     /* 0: by words (PANGO_WRAP_WORD_CHAR) */
	int align;              /* a PangoAlignment; -1: the style's */
	bool check;             /* refuse a character no font has ... */
	const struct model_unit *unit; /* ... naming this unit (or none) */
};

struct cell {
	struct para para;       /* n_lines 0: nothing in this column */
	const struct resolved_text *text;
	double x, width;
	double marker_x;        /* where a list marker's box starts */
	struct para marker;
	double bar_x;           /* a demand's or quote's bar on the start side; < 0: none */
	bool missing;
	int next_line;          /* while splitting across pages */
};

struct row {
	struct cell cells[MAX_COLUMNS];
	size_t n_cells;
	double before;          /* points */
	bool keep_with_next;
	bool tinted;            /* part of an event box */
	bool rule_above;        /* stacked: a hairline between one unit's group and the next */
	const struct model_unit *unit; /* for messages */
	char *bookmark;
	int bookmark_level;
};

struct engine {
	const struct resolved_doc *rdoc;
	const struct model_doc *doc;
	const struct source *src;
	const struct layout_options *opt;
	struct diag_list *diags;
	struct layout *out;
	PangoContext *ctx[2];   /* by direction */
	GHashTable *models;     /* measuring (layout_fit's trials): key → struct para_model */
	bool keep;              /* measuring: keep each model in models for the next trial */
	struct layout_model_check *check; /* drawing, for the tests: compare models with Pango */
	const struct layout_sink *sink; /* streaming: where each finished page goes */
	int total_pages;        /* streaming: the page count, measured beforehand */
	double body;            /* body size, points */
	double margin, left, width, top, bottom;
	size_t n_cols;
	double col_x[MAX_COLUMNS], col_w[MAX_COLUMNS];
	size_t col_lang[MAX_COLUMNS]; /* language index shown in each column */
	int page;
	double y;
	bool failed;            /* out of memory: stop now */
	bool refused;           /* a missing translation or glyph: go on, to list them all */
};

static struct layout_item *add_item(struct engine *e, enum item_kind kind)
{
	struct layout *out = e->out;
	if (out->n_items == out->cap_items) {
		size_t cap = out->cap_items ? out->cap_items * 2 : 64;
		struct layout_item *items = realloc(out->items, cap * sizeof *items);
		if (!items) {
			e->failed = true;
			return NULL;
		}
		out->items = items;
		out->cap_items = cap;
	}
	struct layout_item *item = &out->items[out->n_items++];
	memset(item, 0, sizeof *item);
	item->kind = kind;
	item->page = e->page;
	return item;
}

static bool is_rtl(const struct engine *e, size_t lang)
{
	return e->rdoc->dirs[lang] == RESOLVE_RTL;
}

static bool latin_family(const char *lang)
{
	return strncmp(fonts_family_for(lang), "Roboto", 6) == 0;
}

static PangoAlignment pango_align(enum align align, bool rtl)
{
	switch (align) {
	case AL_CENTER: return PANGO_ALIGN_CENTER;
	case AL_END: return rtl ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT;
	default: return rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
	}
}

/* Copy and paste: Pango draws a zero-width non-joiner (and joiner) as no glyph at all, a
 * cluster cairo can give no text to, so the ZWNJ of Persian words (همه‌ی) was lost when
 * text was copied out of the PDF.  Drawing the font's own zero-width glyph for it instead
 * (same advance: none) gives it a place in the PDF's text. */
static void draw_joiners(PangoLayout *layout)
{
	const char *text = pango_layout_get_text(layout);
	PangoLayoutIter *iter = pango_layout_get_iter(layout);
	do {
		PangoLayoutRun *run = pango_layout_iter_get_run(iter);
		if (!run)
			continue;
		PangoGlyphString *g = run->glyphs;
		hb_font_t *font = pango_font_get_hb_font(run->item->analysis.font);
		for (int i = 0; font && i < g->num_glyphs; i++) {
			if (g->glyphs[i].glyph != PANGO_GLYPH_EMPTY)
				continue;
			gunichar c = g_utf8_get_char(text + run->item->offset + g->log_clusters[i]);
			hb_codepoint_t glyph;
			if ((c == 0x200C || c == 0x200D) && hb_font_get_nominal_glyph(font, c, &glyph) &&
			    glyph != 0)
				g->glyphs[i].glyph = glyph;
		}
	} while (pango_layout_iter_next_run(iter));
	pango_layout_iter_free(iter);
}

/* Pango 1.50 looks for a break in an item of text up to its end on every line, so a word
 * longer than a line (no break opportunity but between characters) took time quadratic
 * in its length: 61 s for a word of 100 KB.  An attribute boundary every few dozen bytes
 * of such a word ends Pango's item there, which bounds that search; the attribute
 * itself (font fallback on, as by default) changes nothing. */
#define LONG_WORD 256
#define WORD_PIECE 64

static void split_long_words(PangoAttrList *attrs, const char *text)
{
	size_t run = 0, piece = 0;
	for (size_t i = 0; text[i]; i++) {
		unsigned char c = (unsigned char)text[i];
		run = c <= ' ' ? 0 : run + 1;
		bool boundary = (c & 0xC0) != 0x80; /* a character starts here */
		if (run > LONG_WORD && boundary && i - piece >= WORD_PIECE) {
			PangoAttribute *a = pango_attr_fallback_new(TRUE);
			a->start_index = (guint)piece;
			a->end_index = (guint)i;
			pango_attr_list_insert(attrs, a);
			piece = i;
		} else if (run <= LONG_WORD && boundary) {
			piece = i;
		}
	}
}

/* How much larger than the layout at REF_SIZE a paragraph in STYLE is drawn. */
static double style_scale(const struct engine *e, enum style style)
{
	return e->body * styles[style].size / REF_SIZE;
}

/* The layout of a paragraph as SPEC says, with ATTRS (taken), at REF_SIZE and not yet
 * given a width. */
static PangoLayout *paragraph_layout(struct engine *e, const struct para_spec *spec,
				     PangoAttrList *attrs)
{
	PangoLayout *layout = pango_layout_new(e->ctx[spec->dir == RESOLVE_RTL]);
	PangoFontDescription *font = pango_font_description_from_string(fonts_family_for(spec->lang));
	pango_font_description_set_absolute_size(font, REF_SIZE * PANGO_SCALE);
	pango_font_description_set_weight(font, styles[spec->style].weight);
	if (styles[spec->style].italic && latin_family(spec->lang))
		pango_font_description_set_style(font, PANGO_STYLE_ITALIC);
	pango_layout_set_font_description(layout, font);
	pango_font_description_free(font);
	pango_layout_set_auto_dir(layout, FALSE);
	pango_layout_set_line_spacing(layout, (float)LEADING);
	PangoAttribute *language = pango_attr_language_new(pango_language_from_string(spec->lang));
	pango_attr_list_insert_before(attrs, language);
	split_long_words(attrs, spec->text);
	pango_layout_set_attributes(layout, attrs);
	pango_attr_list_unref(attrs);
	/* A forced line break (U+2028 from <br/>) ends a justified line like a paragraph
	 * end does: Pango does that for U+2029, of the same length, so spans stay put. */
	char *copy = strdup(spec->text);
	for (char *p = copy; p && (p = strstr(p, "\xE2\x80\xA8")); p += 3)
		p[2] = (char)0xA9;
	pango_layout_set_text(layout, copy ? copy : spec->text, -1);
	free(copy);
	return layout;
}

static void add_attr(PangoAttrList *attrs, PangoAttribute *attr, size_t start, size_t end)
{
	attr->start_index = (guint)start;
	attr->end_index = (guint)end;
	pango_attr_list_insert(attrs, attr);
}

/* The attributes of a resolved paragraph's spans: emphasis, links, languages. */
static PangoAttrList *span_attributes(const struct resolved_text *rt, enum style style)
{
	PangoAttrList *attrs = pango_attr_list_new();
	bool latin = latin_family(rt->lang);
	for (size_t i = 0; i < rt->n_spans; i++) {
		const struct resolved_span *s = &rt->spans[i];
		switch (s->style) {
		case STYLE_EM:
			/* Arabic script has no italics: emphasis is a heavier weight there. */
			if (latin && !styles[style].italic)
				add_attr(attrs, pango_attr_style_new(PANGO_STYLE_ITALIC), s->start, s->end);
			else
				add_attr(attrs, pango_attr_weight_new(PANGO_WEIGHT_SEMIBOLD), s->start, s->end);
			break;
		case STYLE_STRONG:
			add_attr(attrs, pango_attr_weight_new(PANGO_WEIGHT_BOLD), s->start, s->end);
			break;
		case STYLE_LINK:
			add_attr(attrs, pango_attr_underline_new(PANGO_UNDERLINE_SINGLE), s->start, s->end);
			add_attr(attrs, pango_attr_foreground_new(0x1a00, 0x3d00, 0x8a00), s->start, s->end);
			break;
		case STYLE_FOREIGN:
			if (s->lang) {
				add_attr(attrs, pango_attr_language_new(pango_language_from_string(s->lang)),
					 s->start, s->end);
				add_attr(attrs, pango_attr_family_new(fonts_family_for(s->lang)), s->start,
					 s->end);
			}
			break;
		default:
			break;
		}
	}
	return attrs;
}

/* The unit, language and code point of the first character no font could draw. */
static bool find_unknown_glyph(PangoLayout *layout, const char *text, gunichar *cp)
{
	if (pango_layout_get_unknown_glyphs_count(layout) == 0)
		return false;
	PangoLayoutIter *iter = pango_layout_get_iter(layout);
	bool found = false;
	do {
		PangoLayoutRun *run = pango_layout_iter_get_run_readonly(iter);
		if (!run)
			continue;
		for (int g = 0; g < run->glyphs->num_glyphs && !found; g++) {
			if (!(run->glyphs->glyphs[g].glyph & PANGO_GLYPH_UNKNOWN_FLAG))
				continue;
			int index = run->item->offset + run->glyphs->log_clusters[g];
			*cp = g_utf8_get_char(text + index);
			found = true;
		}
	} while (!found && pango_layout_iter_next_run(iter));
	pango_layout_iter_free(iter);
	return found;
}

static void check_glyphs(struct engine *e, PangoLayout *layout, const struct model_unit *unit,
			 const char *lang)
{
	gunichar cp;
	if (!find_unknown_glyph(layout, pango_layout_get_text(layout), &cp))
		return;
	char name[128] = "";
	UErrorCode status = U_ZERO_ERROR;
	u_charName((UChar32)cp, U_UNICODE_CHAR_NAME, name, sizeof name, &status);
	diag_at(e->diags, e->src, unit ? unit->offset : SOURCE_NO_OFFSET, DIAG_ERROR, "missing-glyph",
		"unit \"%s\" (%s): no font in fonts/ has U+%04X %s; it would print as a box",
		unit && unit->id ? unit->id : "?", lang, (unsigned)cp, name);
	e->refused = true;
}

/* ---- paragraphs: set in lines to be drawn, or broken by a model while measuring ------- */

static PangoWrapMode spec_wrap(const struct para_spec *spec)
{
	return spec->wrap ? spec->wrap : PANGO_WRAP_WORD_CHAR;
}

/* Headlines — titles, subtitles, headings, demands, a letter's subject — are balanced. */
static bool spec_balance(const struct para_spec *spec)
{
	enum style st = spec->style;
	return st == ST_TITLE || st == ST_SUBTITLE || st == ST_HEADING || st == ST_DEMAND ||
	       st == ST_SUBJECT;
}

/* Running text is hyphenated; titles, headings, demands, names, addresses, dates and the
 * URL under the QR code (broken between letters, if at all, without a hyphen) are not. */
static bool spec_hyphenate(const struct para_spec *spec)
{
	return styles[spec->style].hyphenate && spec_wrap(spec) != PANGO_WRAP_CHAR;
}

/* The extents of MODEL's lines broken at WIDTH points into P. */
static int model_lines(const struct para_model *model, const struct para_spec *spec,
		       struct para *p)
{
	int *y = NULL;
	int width = (int)(spec->width / p->scale * PANGO_SCALE);
	int n = para_model_break(model, width, spec_wrap(spec), (float)LEADING,
				 spec_hyphenate(spec), spec_balance(spec), &y);
	if (n < 0)
		return -1;
	p->line_y = malloc(2 * (size_t)n * sizeof *p->line_y + 1);
	if (!p->line_y) {
		free(y);
		return -1;
	}
	for (int i = 0; i < 2 * n; i++)
		p->line_y[i] = (double)y[i] / PANGO_SCALE * p->scale;
	p->n_lines = n;
	p->height = n ? p->line_y[2 * n - 1] : 0;
	free(y);
	return 0;
}

/* The model of SPEC's paragraph, made once per document and kept for every trial (unless
 * e->keep is false: then *OWNED is set and the caller frees it). */
static struct para_model *model_of(struct engine *e, const struct para_spec *spec, bool *owned)
{
	*owned = false;
	if (!e->keep) {
		PangoAttrList *attrs = spec->rt ? span_attributes(spec->rt, spec->style)
						: pango_attr_list_new();
		PangoLayout *layout = paragraph_layout(e, spec, attrs);
		if (spec->check)
			check_glyphs(e, layout, spec->unit, spec->lang);
		struct para_model *model = para_model_new(layout);
		g_object_unref(layout);
		*owned = true;
		return model;
	}
	char *key = NULL;
	/* A unit's text is known by its resolved text; generated text by what it says. */
	if (asprintf(&key, "%d %d %d %s %p %s", (int)spec->style, (int)spec->dir,
		     (int)spec_wrap(spec), spec->lang, (const void *)spec->rt,
		     spec->rt ? "" : spec->text) < 0)
		return NULL;
	struct para_model *model = g_hash_table_lookup(e->models, key);
	if (model) {
		free(key);
		return model;
	}
	PangoAttrList *attrs = spec->rt ? span_attributes(spec->rt, spec->style) : pango_attr_list_new();
	PangoLayout *layout = paragraph_layout(e, spec, attrs);
	if (spec->check)
		check_glyphs(e, layout, spec->unit, spec->lang);
	model = para_model_new(layout);
	g_object_unref(layout);
	if (!model) {
		free(key);
		return NULL;
	}
	g_hash_table_insert(e->models, key, model);
	return model;
}

static PangoAlignment spec_align(const struct para_spec *spec)
{
	return spec->align >= 0 ? (PangoAlignment)spec->align
				: pango_align(styles[spec->style].align, spec->dir == RESOLVE_RTL);
}

/* Arabic script is justified by stretching letters (kashida), which Pango 1.50 does not
 * do; stretched spaces leave holes in narrow columns, so it is set ragged. */
static bool spec_justify(const struct para_spec *spec)
{
	return styles[spec->style].align == AL_JUSTIFY && latin_family(spec->lang);
}

static int spec_width(const struct para_spec *spec, const struct para *p)
{
	return (int)(spec->width / p->scale * PANGO_SCALE);
}

/* SPEC's paragraph shaped once and set in lines (para.h), into P. */
static int set_lines(struct engine *e, const struct para_spec *spec, struct para *p)
{
	PangoAttrList *attrs = spec->rt ? span_attributes(spec->rt, spec->style) : pango_attr_list_new();
	PangoLayout *layout = paragraph_layout(e, spec, attrs);
	if (spec->check)
		check_glyphs(e, layout, spec->unit, spec->lang);
	draw_joiners(layout);
	struct para_set_options o = {.width = spec_width(spec, p), .wrap = spec_wrap(spec),
				     .spacing = (float)LEADING, .align = spec_align(spec),
				     .justify = spec_justify(spec), .hyphenate = spec_hyphenate(spec),
				     .balance = spec_balance(spec)};
	p->set = para_set_new(layout, &o);
	g_object_unref(layout);
	if (!p->set)
		return -1;
	int n = para_set_lines(p->set);
	p->line_y = calloc(2 * (size_t)n + 2, sizeof *p->line_y);
	if (!p->line_y)
		return -1;
	for (int i = 0; i < n; i++) {
		int x, top, width, bottom;
		para_set_line_extents(p->set, i, &x, &top, &width, &bottom);
		p->line_y[2 * i] = (double)top / PANGO_SCALE * p->scale;
		p->line_y[2 * i + 1] = (double)bottom / PANGO_SCALE * p->scale;
	}
	p->n_lines = n;
	p->height = n ? p->line_y[2 * n - 1] : 0;
	return 0;
}

/* For the tests: Pango's own layout of SPEC's paragraph with a width, the reference the
 * lines of P (a para_set) are held to: the same lines, starting at the same characters,
 * with the same tops and bottoms; a line Pango leaves ragged starts and ends where Pango's
 * does, within a tolerance (pieces of one shaping against Pango's shaping of each line
 * again); a justified one fills the width (Pango 1.50's overshoot by a space, or falls
 * short by a hyphen, where it counts that width twice). */
static void check_model(struct engine *e, const struct para_spec *spec, const struct para *p)
{
	struct layout_model_check *check = e->check;
	PangoAttrList *attrs = spec->rt ? span_attributes(spec->rt, spec->style) : pango_attr_list_new();
	struct para_spec plain = *spec;
	char *text = NULL;
	if (!spec_hyphenate(spec)) {
		/* Pango cannot be told not to break at a soft hyphen: it is given the text with a
		 * combining grapheme joiner in its place (as long in UTF-8, as invisible, and no
		 * break opportunity), and told to add no hyphens. */
		check->unhyphenated++;
		text = strdup(spec->text);
		for (char *c = text; c && (c = strstr(c, "\xC2\xAD")); c += 2)
			c[0] = (char)0xCD, c[1] = (char)0x8F;
		plain.text = text ? text : spec->text;
		pango_attr_list_insert(attrs, pango_attr_insert_hyphens_new(FALSE));
	}
	PangoLayout *layout = paragraph_layout(e, &plain, attrs);
	free(text);
	/* A balanced headline: Pango breaks at the same narrower width (placed otherwise). */
	int width = para_set_break_width(p->set);
	bool placed_alike = width == spec_width(spec, p);
	pango_layout_set_width(layout, width);
	pango_layout_set_wrap(layout, spec_wrap(spec));
	pango_layout_set_alignment(layout, spec_align(spec));
	pango_layout_set_justify(layout, spec_justify(spec));
	int n = pango_layout_get_line_count(layout);
	check->compared++;
	bool same = n == p->n_lines;
	PangoLayoutIter *iter = pango_layout_get_iter(layout);
	for (int i = 0; same && i < n; i++, pango_layout_iter_next_line(iter)) {
		int y0, y1, x, top, ours, bottom;
		pango_layout_iter_get_line_yrange(iter, &y0, &y1);
		PangoRectangle logical;
		pango_layout_iter_get_line_extents(iter, NULL, &logical);
		PangoLayoutLine *line = pango_layout_iter_get_line_readonly(iter);
		para_set_line_extents(p->set, i, &x, &top, &ours, &bottom);
		same = y0 == top && y1 == bottom && line->start_index == para_set_line_start(p->set, i);
		PangoLayoutLine *next = i + 1 < n ? pango_layout_get_line_readonly(layout, i + 1) : NULL;
		bool wrapped = next && !next->is_paragraph_start;
		if (spec_justify(spec) && wrapped) {
			/* Filled (to what an equal share per gap between letters leaves over),
			 * unless the line is one cluster (nothing to spread). */
			if (abs(ours - width) > 64 + line->length && line->length > 4)
				check->unfilled++;
			continue;
		}
		if (!same)
			break;
		if (!placed_alike)
			continue;
		double dx = fabs((double)(x - logical.x)) / PANGO_SCALE;
		double dw = fabs((double)(x + ours - logical.x - logical.width)) / PANGO_SCALE;
		check->worst_x = fmax(check->worst_x, fmax(dx, dw));
	}
	pango_layout_iter_free(iter);
	g_object_unref(layout);
	if (!same) {
		check->different++;
		if (!check->first && asprintf(&check->first, "%.60s… (%s, %.1f pt wide)", spec->text,
					      spec->lang, spec->width) < 0)
			check->first = NULL;
	}
}

/* SPEC's paragraph into P: broken by its model while measuring, set in lines when
 * drawing.  Returns -1 when out of memory (and marks the engine failed). */
static int make_para(struct engine *e, const struct para_spec *spec, struct para *p)
{
	memset(p, 0, sizeof *p);
	p->scale = style_scale(e, spec->style);
	p->width = spec->width;
	int rc;
	if (e->models) {
		bool owned;
		struct para_model *model = model_of(e, spec, &owned);
		rc = model ? model_lines(model, spec, p) : -1;
		if (owned)
			para_model_free(model);
	} else {
		rc = set_lines(e, spec, p);
		if (rc == 0 && e->check)
			check_model(e, spec, p);
	}
	if (rc != 0)
		e->failed = true;
	return rc;
}

static void free_para(struct para *p)
{
	para_set_unref(p->set);
	free(p->line_y);
	memset(p, 0, sizeof *p);
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
		make_para(e, &spec, &cell->para);
		cell->missing = true;
		return;
	}
	cell->text = rt;
	struct para_spec spec = {.text = rt->text, .lang = rt->lang, .dir = rt->dir, .style = style,
				 .width = width, .rt = rt, .align = -1, .check = true, .unit = unit};
	make_para(e, &spec, &cell->para);
}

static double row_height(const struct row *row)
{
	double h = 0;
	for (size_t c = 0; c < row->n_cells; c++)
		if (row->cells[c].para.height > h)
			h = row->cells[c].para.height;
	return h;
}

static void free_row(struct row *row)
{
	for (size_t c = 0; c < row->n_cells; c++) {
		free_para(&row->cells[c].para);
		free_para(&row->cells[c].marker);
	}
	free(row->bookmark);
	memset(row, 0, sizeof *row);
}

/* ---- placing rows on pages ----------------------------------------------------------- */

static void finish_page(struct engine *e);

static void new_page(struct engine *e)
{
	if (e->sink)
		finish_page(e);
	e->page++;
	e->y = e->top;
}

static void place_fill(struct engine *e, double x, double y, double w, double h, double gray)
{
	struct layout_item *item = add_item(e, ITEM_FILL);
	if (!item)
		return;
	item->x = x;
	item->y = y;
	item->width = w;
	item->height = h;
	item->gray = gray;
}

/* Lines [first, last) of P: their top within the paragraph, and their total height. */
static void line_span(const struct para *p, int first, int last, double *top, double *height)
{
	double y0 = 0, y1 = 0;
	if (first >= 0 && first < p->n_lines)
		y0 = p->line_y[2 * first];
	if (last >= 1 && last <= p->n_lines)
		y1 = p->line_y[2 * (last - 1) + 1];
	*top = y0;
	*height = y1 - y0;
}

/* A text item for lines [FIRST, FIRST + N) of P at (X, Y), drawn from its layout (when
 * drawing: while measuring, the item only takes its place). */
static struct layout_item *place_para(struct engine *e, const struct para *p, double x, double y,
				      double width, int first, int n)
{
	struct layout_item *item = add_item(e, ITEM_TEXT);
	if (!item)
		return NULL;
	double top, height;
	line_span(p, first, first + n, &top, &height);
	item->x = x;
	item->y = y;
	item->width = width;
	item->height = height;
	item->set = p->set ? para_set_ref(p->set) : NULL;
	item->scale = p->scale;
	item->first_line = first;
	item->n_lines = n;
	item->line_offset = top;
	return item;
}

static void place_lines(struct engine *e, struct row *row, struct cell *cell, int first, int n,
			double y)
{
	struct layout_item *item = place_para(e, &cell->para, cell->x, y, cell->width, first, n);
	if (!item)
		return;
	item->text = cell->text;
	if (first == 0 && row->bookmark && cell == &row->cells[0]) {
		item->bookmark = row->bookmark;
		item->bookmark_level = row->bookmark_level;
		row->bookmark = NULL;
	}
	if (first == 0 && cell->marker.n_lines)
		place_para(e, &cell->marker, cell->marker_x, y, cell->marker.width, 0,
			   cell->marker.n_lines);
	if (cell->bar_x >= 0)
		place_fill(e, cell->bar_x, y, e->body * 0.22, item->height, 0.25);
	if (cell->missing)
		place_fill(e, cell->x, y, cell->width, item->height, 0.9);
}

/* How many of P's lines from FIRST fit in HEIGHT points. */
static int lines_that_fit(const struct para *p, int first, double height)
{
	int n = 0;
	for (int k = first + 1; k <= p->n_lines; k++) {
		double top, h;
		line_span(p, first, k, &top, &h);
		if (h > height)
			break;
		n = k - first;
	}
	return n;
}

static void place_row(struct engine *e, struct row *row)
{
	double height = row_height(row);
	double available = e->bottom - e->y;
	double needed = row->before + height + (row->keep_with_next ? 3 * e->body * LEADING : 0);
	if (e->y > e->top && needed > available)
		new_page(e);
	else if (e->y > e->top)
		e->y += row->before;
	if (row->rule_above && e->y > e->top) {
		struct layout_item *rule = add_item(e, ITEM_RULE);
		if (rule) {
			rule->x = e->left;
			rule->x2 = e->left + e->width;
			rule->y = rule->y2 = e->y - row->before * 0.5;
			rule->gray = 0.8;
		}
	}
	if (height <= e->bottom - e->y) {
		if (row->tinted)
			place_fill(e, e->left - e->body * 0.5, e->y - e->body * 0.25,
				   e->width + e->body, height + e->body * 0.5, 0.93);
		for (size_t c = 0; c < row->n_cells; c++)
			if (row->cells[c].para.n_lines)
				place_lines(e, row, &row->cells[c], 0, row->cells[c].para.n_lines, e->y);
		e->y += height;
		return;
	}
	/* Taller than what is left of the page: each column goes on line by line. */
	for (bool done = false; !done;) {
		done = true;
		double used = 0;
		bool fresh = e->y <= e->top;
		for (size_t c = 0; c < row->n_cells; c++) {
			struct cell *cell = &row->cells[c];
			int total = cell->para.n_lines;
			if (cell->next_line >= total)
				continue;
			int n = lines_that_fit(&cell->para, cell->next_line, e->bottom - e->y);
			if (n == 0 && fresh) {
				/* One line taller than a whole page: it would be cut off. */
				diag_at(e->diags, e->src, row->unit ? row->unit->offset : SOURCE_NO_OFFSET,
					DIAG_ERROR, "overflow",
					"unit \"%s\" (%s): a line is taller than the page; use larger paper",
					row->unit && row->unit->id ? row->unit->id : "?",
					cell->text ? cell->text->lang : "?");
				e->failed = true;
				return;
			}
			if (n > 0) {
				double top, h;
				line_span(&cell->para, cell->next_line, cell->next_line + n, &top, &h);
				place_lines(e, row, cell, cell->next_line, n, e->y);
				cell->next_line += n;
				if (h > used)
					used = h;
			}
			if (cell->next_line < total)
				done = false;
		}
		if (!done)
			new_page(e);
		else
			e->y += used;
	}
}

/* ---- rows of the document ---------------------------------------------------------- */

/* Languages shown, and where their columns go (mirrored for a right-to-left source). */
static void set_columns(struct engine *e)
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
		bool mirrored = is_rtl(e, source);
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

static char *format_number(const char *lang, int n)
{
	UErrorCode status = U_ZERO_ERROR;
	char locale[64];
	snprintf(locale, sizeof locale, "%s", lang);
	for (char *p = locale; *p; p++)
		if (*p == '-')
			*p = '_';
	UNumberFormat *fmt = unum_open(UNUM_DECIMAL, NULL, 0, locale, NULL, &status);
	UChar buf[32];
	int32_t len = U_FAILURE(status) ? 0 : unum_format(fmt, n, buf, 32, NULL, &status);
	unum_close(fmt);
	char *out = malloc(64);
	if (out) {
		if (U_FAILURE(status) || len <= 0)
			snprintf(out, 64, "%d", n);
		else
			u_strToUTF8(out, 64, NULL, buf, len, &status);
	}
	return out;
}

/* The cells of one row: unit U in every column, or in one language L when STACK_L < SIZE_MAX. */
static void build_cells(struct engine *e, struct row *row, size_t u, size_t stack_l,
			const struct unit_look *look)
{
	size_t n = stack_l == SIZE_MAX ? e->n_cols : 1;
	for (size_t c = 0; c < n; c++) {
		size_t l = stack_l == SIZE_MAX ? e->col_lang[c] : stack_l;
		bool rtl = is_rtl(e, l);
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
			char *text = look->marker[0] == '#' ? format_number(e->doc->langs[l], look->number)
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
			make_para(e, &spec, &cell->marker);
			free(label);
			cell->marker_x = rtl ? x + w - indent + e->body * 0.5 : x;
		}
	}
}

static void emit_unit(struct engine *e, size_t u, const struct unit_look *look)
{
	size_t langs[MAX_LANGS];
	bool stacked = e->opt->kind == LAYOUT_STACKED;
	size_t n = stacked ? stack_langs(e, langs) : 1;
	for (size_t k = 0; k < n && !e->failed; k++) {
		struct row row = {0};
		row.before = (k == 0 ? styles[look->style].before * 1.0 : 0.15) * e->body * LEADING;
		if (stacked && k == 0) {
			row.before += e->body * 0.6;
			row.rule_above = !look->tinted && look->style != ST_HEADING;
		}
		row.tinted = look->tinted;
		row.keep_with_next = look->keep_with_next;
		row.unit = &e->doc->units[u];
		build_cells(e, &row, u, stacked ? langs[k] : SIZE_MAX, look);
		if (look->bookmark_level && k == 0) {
			size_t l = stacked ? langs[0] : e->col_lang[0];
			row.bookmark = bookmark_of(&e->rdoc->units[u].texts[l]);
			row.bookmark_level = look->bookmark_level;
		}
		if (!e->failed)
			place_row(e, &row);
		free_row(&row);
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
		row.before = (k == 0 ? styles[style].before : 0.1) * e->body * LEADING;
		struct cell *cell = &row.cells[row.n_cells++];
		fill_cell(e, cell, u, langs[k], style, e->left, e->width);
		if (k == 0 && bookmark_level) {
			row.bookmark = bookmark_of(&e->rdoc->units[u].texts[langs[k]]);
			row.bookmark_level = bookmark_level;
		}
		if (!e->failed)
			place_row(e, &row);
		free_row(&row);
	}
}

/* A row of generated text per column (event dates, the place and date of a letter). */
static void emit_generated(struct engine *e, char **texts, enum style style, bool tinted)
{
	size_t langs[MAX_LANGS];
	bool stacked = e->opt->kind == LAYOUT_STACKED;
	size_t n = stacked ? stack_langs(e, langs) : 1;
	for (size_t k = 0; k < n && !e->failed; k++) {
		struct row row = {.before = styles[style].before * e->body * LEADING, .tinted = tinted};
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
						 .width = cell->width, .align = -1, .check = true};
			make_para(e, &spec, &cell->para);
		}
		if (!e->failed)
			place_row(e, &row);
		free_row(&row);
	}
}

static void emit_event_when(struct engine *e, size_t b)
{
	const struct resolved_when *when = &e->rdoc->events[b];
	size_t n = e->doc->n_langs;
	char **texts = calloc(n, sizeof *texts);
	if (!texts) {
		e->failed = true;
		return;
	}
	for (size_t l = 0; l < n; l++) {
		const char *date = when->date && when->date[l] ? when->date[l] : "";
		const char *time = when->time && when->time[l] ? when->time[l] : NULL;
		if (asprintf(&texts[l], "%s%s%s", date, time ? " · " : "", time ? time : "") < 0)
			texts[l] = NULL;
	}
	emit_generated(e, texts, ST_WHEN, true);
	for (size_t l = 0; l < n; l++)
		free(texts[l]);
	free(texts);
}

static struct unit_look plain_look(enum style style)
{
	return (struct unit_look){.style = style};
}

/* "Hamburg, 20. Juni 2023" in every language: a letter's place and date on one line. */
static void emit_place_and_date(struct engine *e, size_t place)
{
	size_t n = e->doc->n_langs;
	char **texts = calloc(n, sizeof *texts);
	if (!texts) {
		e->failed = true;
		return;
	}
	for (size_t l = 0; l < n; l++) {
		char *where = place != SIZE_MAX ? bookmark_of(&e->rdoc->units[place].texts[l]) : NULL;
		const char *date = e->rdoc->published.date ? e->rdoc->published.date[l] : NULL;
		const char *comma = strncmp(fonts_family_for(e->doc->langs[l]), "Vazirmatn", 9) == 0 ? "، " : ", ";
		if (asprintf(&texts[l], "%s%s%s", where ? where : "", where && date ? comma : "",
			     date ? date : "") < 0)
			texts[l] = NULL;
		free(where);
	}
	emit_generated(e, texts, ST_META, false);
	for (size_t l = 0; l < n; l++)
		free(texts[l]);
	free(texts);
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
	struct unit_look subject = {.style = ST_SUBJECT, .bookmark_level = 1};
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
	if (e->page != 1)
		return;
	double inset = e->opt->bleed ? 0 : e->margin * 0.5;
	for (size_t i = 0; i < e->out->n_items; i++)
		if (e->out->items[i].kind == ITEM_FILL && e->out->items[i].x == inset &&
		    e->out->items[i].y == inset) {
			e->out->items[i].height = e->y + e->body * 0.9 - inset;
			return;
		}
	place_fill(e, inset, inset, e->opt->page_width - 2 * inset, e->y + e->body * 0.9 - inset,
		   0.93);
}

static void emit_head(struct engine *e)
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
}

static void emit_body(struct engine *e)
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
			case UNIT_CLOSING:
				look.style = ST_LETTER;
				break;
			case UNIT_SIGNATURE:
				look.style = ST_SIGNATURE;
				break;
			default:
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
				look = (struct unit_look){.style = cite ? ST_CITE : ST_QUOTE,
							  .indent = 1.5, .bar = !cite};
			} else if (block->kind == BLOCK_EVENT) {
				look.style = doc->units[u].kind == UNIT_VENUE ? ST_VENUE : ST_BODY;
				look.tinted = true;
			}
			emit_unit(e, u, &look);
		}
	}
}

/* ---- QR code ----------------------------------------------------------------------- */

/* A QR code of the contact URL at the end, on the end side, with the URL beneath: 22 mm
 * with its quiet zone, which phones read from a printed A6 flyer at arm's length. */
static void emit_qr(struct engine *e, const char *url)
{
	double size = 22 / 25.4 * 72, gap = e->body * 0.4;
	struct para caption;
	struct para_spec spec = {.text = url, .lang = "en", .dir = RESOLVE_LTR, .style = ST_FOOTER,
				 .width = size * 2, .wrap = PANGO_WRAP_CHAR, .align = PANGO_ALIGN_CENTER};
	if (make_para(e, &spec, &caption) != 0) {
		free_para(&caption);
		return;
	}
	double total = e->body * LEADING + size + gap + caption.height;
	if (e->y + total > e->bottom)
		new_page(e);
	else
		e->y += e->body * LEADING;
	size_t l = e->opt->kind == LAYOUT_SINGLE ? e->opt->single_lang : 0;
	for (size_t i = 0; i < e->doc->n_langs && e->opt->kind != LAYOUT_SINGLE; i++)
		if (e->doc->source_lang && strcmp(e->doc->langs[i], e->doc->source_lang) == 0)
			l = i;
	double x = is_rtl(e, l) ? e->left : e->left + e->width - size;
	struct layout_item *qr = add_item(e, ITEM_QR);
	if (qr) {
		qr->x = x;
		qr->y = e->y;
		qr->width = qr->height = size;
		qr->qr = strdup(url);
		if (!qr->qr)
			e->failed = true;
	}
	/* The URL beneath, centred under the code but kept within the text area (on the end
	 * side it ran off the page's edge). */
	double cx = fmax(e->left, fmin(x + size / 2 - size, e->left + e->width - size * 2));
	struct layout_item *text = place_para(e, &caption, cx, e->y + size + gap, size * 2, 0,
					      caption.n_lines);
	if (text) {
		text->hrefs[0] = strdup(url);
		text->href_x[0] = 0;
		text->href_w[0] = size * 2;
	}
	free_para(&caption);
	e->y += total;
}

/* ---- footer ------------------------------------------------------------------------ */

/* Makes the e-mail address and the URL in the footer's CONTACT text links. */
static void link_contact(struct engine *e, struct layout_item *item, const struct para_set *set,
			 const char *contact)
{
	const char *parts[2] = {e->doc->contact_email, e->doc->contact_url};
	int x, top, width, bottom;
	para_set_line_extents(set, 0, &x, &top, &width, &bottom);
	for (int k = 0; k < 2; k++) {
		const char *at = parts[k] ? strstr(contact, parts[k]) : NULL;
		if (!at)
			continue;
		int start = (int)(at - contact), end = start + (int)strlen(parts[k]);
		int ranges[2 * 8], n = para_set_x_ranges(set, 0, start, end, ranges, 8);
		if (n == 0)
			continue;
		int lo = ranges[0], hi = ranges[1];
		for (int r = 1; r < n; r++) {
			lo = ranges[2 * r] < lo ? ranges[2 * r] : lo;
			hi = ranges[2 * r + 1] > hi ? ranges[2 * r + 1] : hi;
		}
		item->href_x[k] = (double)(lo - x) / PANGO_SCALE * item->scale;
		item->href_w[k] = (double)(hi - lo) / PANGO_SCALE * item->scale;
		item->hrefs[k] = k == 0 ? uri_mailto(parts[k]) : strdup(parts[k]);
	}
}

/* The footer of page P of TOTAL: the contact on the start side, the page number on the end
 * side, above them a rule. */
static void emit_footer(struct engine *e, int p, int total)
{
	size_t l = e->opt->kind == LAYOUT_SINGLE ? e->opt->single_lang : 0;
	for (size_t i = 0; i < e->doc->n_langs && e->opt->kind != LAYOUT_SINGLE; i++)
		if (e->doc->source_lang && strcmp(e->doc->langs[i], e->doc->source_lang) == 0)
			l = i;
	const char *lang = e->doc->langs[l];
	e->out->footer_lang = lang;
	bool rtl = is_rtl(e, l);
	double y = e->opt->page_height - e->margin * 0.75;
	char contact[512] = "";
	snprintf(contact, sizeof contact, "%s%s%s", e->doc->contact_email ? e->doc->contact_email : "",
		 e->doc->contact_email && e->doc->contact_url ? "  ·  " : "",
		 e->doc->contact_url ? e->doc->contact_url : "");
	char *a = format_number(lang, p), *b = format_number(lang, total), *text = NULL;
	if (a && b && asprintf(&text, "%s / %s", a, b) < 0)
		text = NULL;
	free(a);
	free(b);
	if (!text) {
		e->failed = true;
		return;
	}
	struct layout_item *rule = add_item(e, ITEM_RULE);
	if (rule) {
		rule->page = p;
		rule->x = e->left;
		rule->y = rule->y2 = y - e->body * 0.35;
		rule->x2 = e->left + e->width;
		rule->gray = 0.6;
	}
	const char *parts[2] = {contact, text};
	for (int k = 0; k < 2 && !e->failed; k++) {
		if (!*parts[k])
			continue;
		/* Addresses are Latin and run left to right whatever the language. */
		bool at_right = (k == 1) != rtl;
		struct para_spec spec = {
			.text = parts[k], .lang = k == 0 ? "en" : lang,
			.dir = k == 0 ? RESOLVE_LTR : e->rdoc->dirs[l], .style = ST_FOOTER,
			.width = e->width, .align = at_right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT,
		};
		struct para footer;
		if (make_para(e, &spec, &footer) == 0) {
			struct layout_item *item = place_para(e, &footer, e->left, y, e->width, 0,
							      footer.n_lines);
			if (item)
				item->page = p;
			if (item && k == 0)
				link_contact(e, item, footer.set, contact);
		}
		free_para(&footer);
	}
	free(text);
}

static void emit_footers(struct engine *e)
{
	if (e->models)
		return; /* measuring: footers take no room from the text */
	for (int p = 1; p <= e->page && !e->failed; p++)
		emit_footer(e, p, e->page);
}

static void free_items(struct layout *layout)
{
	for (size_t i = 0; i < layout->n_items; i++) {
		para_set_unref(layout->items[i].set);
		free(layout->items[i].bookmark);
		free(layout->items[i].qr);
		free(layout->items[i].hrefs[0]);
		free(layout->items[i].hrefs[1]);
	}
	layout->n_items = 0;
}

/* Streaming: the page being laid out is done; with its footer it goes to the sink, and its
 * Pango layouts are released. */
static void finish_page(struct engine *e)
{
	if (e->failed)
		return;
	emit_footer(e, e->page, e->total_pages);
	if (!e->failed && e->sink->page(e->sink->ctx, e->out, e->page) != 0)
		e->failed = true;
	free_items(e->out);
}

/* ---- the document ------------------------------------------------------------------ */

void layout_free(struct layout *layout)
{
	if (!layout)
		return;
	free_items(layout);
	free(layout->items);
	free(layout);
}

static PangoContext *new_context(PangoFontMap *map, PangoDirection dir)
{
	PangoContext *ctx = pango_font_map_create_context(map);
	/* Device-independent metrics: no hinting, no rounding, 72 units per inch. */
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	pango_cairo_context_set_font_options(ctx, fo);
	cairo_font_options_destroy(fo);
	pango_cairo_context_set_resolution(ctx, 72);
	pango_context_set_round_glyph_positions(ctx, FALSE);
	pango_context_set_base_dir(ctx, dir);
	return ctx;
}

/* How run_layout lays out. */
struct run {
	GHashTable *models;     /* measure with paragraph models (kept here when keep) ... */
	bool keep;
	struct layout_model_check *check; /* ... or draw, comparing models (tests) ... */
	const struct layout_sink *sink;   /* ... or draw, streaming pages to a sink */
	int total_pages;        /* with sink: the page count measured beforehand */
};

/* Lays out RDOC as HOW says (NULL: to be drawn, the pages held in *OUT). */
static int run_layout(const struct resolved_doc *rdoc, const struct source *src,
		      const struct layout_options *options, struct diag_list *diags,
		      const struct run *how, struct layout **out)
{
	static const struct run draw = {0};
	if (!how)
		how = &draw;
	*out = NULL;
	const char *why = NULL;
	PangoFontMap *map = fonts_font_map(&why);
	if (!map) {
		diag_at(diags, src, SOURCE_NO_OFFSET, DIAG_ERROR, "fonts", "%s", why);
		return -1;
	}
	size_t n_langs = rdoc->doc->n_langs;
	if ((options->kind == LAYOUT_PARALLEL && n_langs > MAX_COLUMNS) || n_langs > MAX_LANGS) {
		diag_at(diags, src, rdoc->doc->langs_offset, DIAG_ERROR, "layout-columns",
			"the document has %zu languages; the parallel layout sets at most %d side "
			"by side (and a leaflet at most %d): use --layout stacked or --layout single",
			n_langs, MAX_COLUMNS, MAX_LANGS);
		return -1;
	}
	struct engine e = {.rdoc = rdoc, .doc = rdoc->doc, .src = src, .opt = options, .diags = diags,
			   .models = how->models, .keep = how->keep, .check = how->check,
			   .sink = how->sink, .total_pages = how->total_pages};
	e.out = calloc(1, sizeof *e.out);
	if (!e.out)
		return -1;
	e.ctx[0] = new_context(map, PANGO_DIRECTION_LTR);
	e.ctx[1] = new_context(map, PANGO_DIRECTION_RTL);
	double area = options->page_width * options->page_height;
	/* Body sizes for A4, smaller for narrower columns; scaled gently with the paper. */
	double base = options->kind == LAYOUT_STACKED ? 11.5 : options->kind == LAYOUT_SINGLE ? 12.5
		      : n_langs <= 1 ? 12.5 : n_langs == 2 ? 10.5 : 9.5;
	e.body = base * pow(area / A4_AREA, 0.3) * (options->type_scale > 0 ? options->type_scale : 1);
	e.out->body_size = e.body;
	e.margin = fmin(options->page_width, options->page_height) * 0.075;
	e.left = e.margin;
	e.width = options->page_width - 2 * e.margin;
	e.top = e.margin;
	e.bottom = options->page_height - e.margin * 1.35;
	e.page = 1;
	e.y = e.top;
	set_columns(&e);
	emit_head(&e);
	emit_body(&e);
	if (!e.failed && options->qr)
		emit_qr(&e, options->qr);
	if (!e.failed && e.sink)
		finish_page(&e);
	else if (!e.failed)
		emit_footers(&e);
	e.out->n_pages = e.page;
	g_object_unref(e.ctx[0]);
	g_object_unref(e.ctx[1]);
	if (e.failed || e.refused) {
		layout_free(e.out);
		return -1;
	}
	*out = e.out;
	return 0;
}

int layout_document(const struct resolved_doc *rdoc, const struct source *src,
		    const struct layout_options *options, struct diag_list *diags,
		    struct layout **out)
{
	return run_layout(rdoc, src, options, diags, NULL, out);
}

/* The pages RDOC takes at SCALE, measured with MODELS; -1 when it cannot be laid out.
 * Diagnostics go to DIAGS, or are dropped when it is NULL. */
static int pages_at(const struct resolved_doc *rdoc, const struct source *src,
		    const struct layout_options *options, double scale, GHashTable *models,
		    struct diag_list *diags, double *body)
{
	struct layout_options trial = *options;
	trial.type_scale = scale;
	struct diag_list quiet;
	diag_list_init(&quiet);
	struct layout *layout = NULL;
	struct run how = {.models = models, .keep = true};
	run_layout(rdoc, src, &trial, diags ? diags : &quiet, &how, &layout);
	diag_list_clear(&quiet);
	int pages = layout ? layout->n_pages : -1;
	if (layout && body)
		*body = layout->body_size;
	layout_free(layout);
	return pages;
}

static void free_model(gpointer model)
{
	para_model_free(model);
}

int layout_check_models(const struct resolved_doc *rdoc, const struct source *src,
			const struct layout_options *options, struct diag_list *diags,
			struct layout_model_check *check)
{
	struct layout *layout = NULL;
	struct run how = {.check = check};
	int rc = run_layout(rdoc, src, options, diags, &how, &layout);
	layout_free(layout);
	return rc;
}

void layout_model_check_clear(struct layout_model_check *check)
{
	free(check->first);
	memset(check, 0, sizeof *check);
}

/* The largest scale at which RDOC fits on MAX_PAGES pages (not below a body of MIN_BODY),
 * measured with the paragraph models in MODELS: into *SCALE, with the pages it takes in
 * *PAGES and the body size at scale 1 in *NATURAL.  -1 with errors in DIAGS. */
static int fit_scale(const struct resolved_doc *rdoc, const struct source *src,
		     const struct layout_options *options, int max_pages, double min_body,
		     GHashTable *models, struct diag_list *diags, double *scale, int *pages,
		     double *natural)
{
	*scale = 1;
	/* At full size, with every error reported (a missing translation or glyph). */
	int full_pages = pages_at(rdoc, src, options, 1.0, models, diags, natural);
	*pages = full_pages;
	if (full_pages < 0)
		return -1;
	if (full_pages <= max_pages)
		return 0;
	double lo = min_body / *natural; /* the smallest scale allowed */
	int at_lo = lo < 1 ? pages_at(rdoc, src, options, lo, models, NULL, NULL) : -1;
	if (at_lo < 0 || at_lo > max_pages) {
		diag_at(diags, src, SOURCE_NO_OFFSET, DIAG_ERROR, "fit",
			"does not fit on %d page%s: at the smallest body size, %.1f pt, it needs %d "
			"(at full size, %d)", max_pages, max_pages == 1 ? "" : "s", min_body,
			at_lo < 0 ? full_pages : at_lo, full_pages);
		return -1;
	}
	/* Bisection: lo always fits, hi never does; stop at a hundredth of a point. */
	double hi = 1.0;
	*pages = at_lo;
	while ((hi - lo) * *natural > 0.01) {
		double mid = (lo + hi) / 2;
		int n = pages_at(rdoc, src, options, mid, models, NULL, NULL);
		if (n >= 0 && n <= max_pages) {
			lo = mid;
			*pages = n;
		} else {
			hi = mid;
		}
	}
	*scale = lo;
	return 0;
}

static void fit_failed(const struct source *src, int max_pages, double min_body,
		       struct diag_list *diags)
{
	diag_at(diags, src, SOURCE_NO_OFFSET, DIAG_ERROR, "fit",
		"does not fit on %d page%s at %.1f pt or more", max_pages, max_pages == 1 ? "" : "s",
		min_body);
}

/* Fitting measures: each trial breaks every paragraph by the model made from its one
 * shaping (para.h), at the trial's width; only the size chosen is set in lines to be
 * drawn, and those are the model's lines.  The page count is checked all the same: should
 * it come out larger, the type is made a little smaller until it fits. */
int layout_fit(const struct resolved_doc *rdoc, const struct source *src,
	       const struct layout_options *options, int max_pages, double min_body,
	       struct diag_list *diags, struct layout **out)
{
	*out = NULL;
	GHashTable *models = g_hash_table_new_full(g_str_hash, g_str_equal, free, free_model);
	double scale, natural;
	int pages, rc = fit_scale(rdoc, src, options, max_pages, min_body, models, diags, &scale,
				  &pages, &natural);
	g_hash_table_destroy(models);
	if (rc != 0)
		return -1;
	rc = -1;
	for (int step = 0; step < 50 && rc != 0 && scale * natural >= min_body; step++) {
		struct layout_options final = *options;
		final.type_scale = scale;
		struct layout *layout = NULL;
		if (run_layout(rdoc, src, &final, diags, NULL, &layout) != 0)
			return -1;
		if (layout->n_pages <= max_pages) {
			*out = layout;
			rc = 0;
		} else {
			layout_free(layout);
			scale -= 0.002; /* measured otherwise than drawn: never seen */
		}
	}
	if (rc != 0)
		fit_failed(src, max_pages, min_body, diags);
	return rc;
}

/* Streaming: the pages are measured first (with the paragraph models: fitting does that
 * anyway; otherwise it is one pass that shapes each paragraph once and keeps nothing), so
 * that every footer can say "3 / 12"; then each page is set in lines, handed to the sink
 * and released.  Should the pages come out otherwise than measured, the sink is
 * told to start over with the right count. */
int layout_stream(const struct resolved_doc *rdoc, const struct source *src,
		  const struct layout_options *options, int max_pages, double min_body,
		  const struct layout_sink *sink, struct diag_list *diags, int *n_pages,
		  double *body_size)
{
	GHashTable *models = g_hash_table_new_full(g_str_hash, g_str_equal, free, free_model);
	double scale = 1, natural = 0;
	int pages, rc;
	if (max_pages > 0) {
		rc = fit_scale(rdoc, src, options, max_pages, min_body, models, diags, &scale,
			       &pages, &natural);
	} else {
		struct layout_options full = *options;
		full.type_scale = 1;
		struct layout *measured = NULL;
		struct run how = {.models = models, .keep = false};
		rc = run_layout(rdoc, src, &full, diags, &how, &measured);
		pages = measured ? measured->n_pages : 0;
		layout_free(measured);
	}
	g_hash_table_destroy(models);
	for (int step = 0; rc == 0 && step < 50; step++) {
		struct layout_options final = *options;
		final.type_scale = scale;
		struct run how = {.sink = sink, .total_pages = pages};
		struct layout *layout = NULL;
		if (sink->begin(sink->ctx) != 0 || run_layout(rdoc, src, &final, diags, &how, &layout) != 0)
			return -1;
		int drawn = layout->n_pages;
		*body_size = layout->body_size;
		layout_free(layout);
		if (drawn == pages && (max_pages <= 0 || drawn <= max_pages)) {
			*n_pages = drawn;
			return 0;
		}
		if (max_pages > 0 && drawn > max_pages) {
			scale -= 0.002; /* measured otherwise than drawn: never seen */
			if (scale * natural < min_body)
				break;
		} else {
			pages = drawn; /* the footers must say so: again */
		}
	}
	if (rc == 0)
		fit_failed(src, max_pages, min_body, diags);
	return -1;
}
