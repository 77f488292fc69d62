/* layout_para.c — paragraphs: a unit's text shaped once with its style's font and its
 * spans' attributes, broken into lines by its model while fitting measures, set in lines
 * (para.h) when drawing; the glyph check; Pango as the tests' reference. */
#include "layout_engine.h"
#include "uri.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hb.h>
#include <unicode/uchar.h>

/* Pango 1.50 looks for a break in an item of text up to its end on every line, so a word
 * longer than a line (no break opportunity but between characters) took time quadratic
 * in its length: 61 s for a word of 100 KB.  An attribute boundary every few dozen bytes
 * of such a word ends Pango's item there, which bounds that search; the attribute
 * itself (font fallback on, as by default) changes nothing. */
#define LONG_WORD 256
#define WORD_PIECE 64

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
/* Vazirmatn's letters look smaller than Roboto's at the same size (Arabic script's bowls
 * and dots sit in less than Latin's x-height), and Persian dots fill in on photocopies
 * below about 9 pt: Arabic script is set a tenth larger, to look the same size. */
#define ARABIC_SCRIPT_SCALE 1.1
/* The footer's contact and page numbers stay legible when fitting shrinks the type. */
#define MIN_FOOTER_SIZE 7.0

static double style_scale(const struct engine *e, const struct para_spec *spec)
{
	double size = e->body * layout_styles[spec->style].size;
	if (!layout_latin_family(spec->lang))
		size *= ARABIC_SCRIPT_SCALE;
	if (spec->style == ST_FOOTER || spec->style == ST_LABEL)
		size = fmax(size, MIN_FOOTER_SIZE);
	return size / REF_SIZE;
}

/* A URL or an e-mail address is broken, if it must be, only after a slash: UAX #14 lets
 * Pango break after any hyphen in it (`example.org/free-` / `them-all`), which reads as a
 * hyphenated word and cannot be typed back.  Each piece up to a slash is kept whole, the
 * first with the brackets and quotation marks before the address (uri_token_address)
 * and the last with the punctuation after it: no line ends in "(" or starts with ")," or
 * a full stop.  (A piece wider than the column stays whole and sticks out: a limit.) */
static void keep_urls_whole(PangoAttrList *attrs, const char *text)
{
	for (size_t i = 0; text[i];) {
		size_t end = i, start, n;
		while (text[end] && text[end] != ' ' && text[end] != '\n')
			end++;
		if (uri_token_address(text + i, end - i, &start, &n)) {
			size_t last = i + start + n; /* a slash ending the address ends no piece */
			for (size_t piece = i, k = i + start; k <= last; k++) {
				if (k < last && (text[k] != '/' || k + 1 == last))
					continue;
				size_t stop = k < last ? k + 1 : end;
				PangoAttribute *a = pango_attr_allow_breaks_new(FALSE);
				a->start_index = (guint)piece;
				a->end_index = (guint)stop;
				pango_attr_list_insert(attrs, a);
				piece = stop;
			}
		}
		i = text[end] ? end + 1 : end;
	}
}

/* The layout of a paragraph as SPEC says, with ATTRS (taken), at REF_SIZE and not yet
 * given a width. */
static PangoLayout *paragraph_layout(struct engine *e, const struct para_spec *spec,
				     PangoAttrList *attrs)
{
	PangoLayout *layout = pango_layout_new(e->ctx[spec->dir == RESOLVE_RTL]);
	PangoFontDescription *font = pango_font_description_from_string(fonts_family_for(spec->lang));
	pango_font_description_set_absolute_size(font, REF_SIZE * PANGO_SCALE);
	pango_font_description_set_weight(font, layout_styles[spec->style].weight);
	if (layout_styles[spec->style].italic && layout_latin_family(spec->lang))
		pango_font_description_set_style(font, PANGO_STYLE_ITALIC);
	pango_layout_set_font_description(layout, font);
	pango_font_description_free(font);
	pango_layout_set_auto_dir(layout, FALSE);
	pango_layout_set_line_spacing(layout, (float)LEADING);
	PangoAttribute *language = pango_attr_language_new(pango_language_from_string(spec->lang));
	pango_attr_list_insert_before(attrs, language);
	split_long_words(attrs, spec->text);
	keep_urls_whole(attrs, spec->text);
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
	bool latin = layout_latin_family(rt->lang);
	for (size_t i = 0; i < rt->n_spans; i++) {
		const struct resolved_span *s = &rt->spans[i];
		switch (s->style) {
		case STYLE_EM:
			/* Arabic script has no italics: emphasis is a heavier weight there. */
			if (latin && !layout_styles[style].italic)
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
	return layout_styles[spec->style].hyphenate && spec_wrap(spec) != PANGO_WRAP_CHAR;
}

static struct para_set_options spec_options(const struct para_spec *spec, const struct para *p);

/* A headline (balanced display text, never hyphenated) whose widest word is wider than
 * its column would be broken between letters (`Sonderberichterstatteri` / `n`): it is set
 * smaller instead, as a typographer would, as far as the body size of its script. */
static void fit_headline(struct engine *e, const struct para_spec *spec, struct para *p,
			 const struct para_model *model)
{
	if (!spec_balance(spec))
		return;
	int widest = para_model_widest_word(model);
	if (widest <= 0)
		return;
	double fits = spec->width * PANGO_SCALE / (double)widest;
	double floor_scale = e->body * (layout_latin_family(spec->lang) ? 1 : 1.1) / REF_SIZE;
	if (fits < p->scale)
		p->scale = fmax(fits, fmin(floor_scale, p->scale));
}

/* The extents of MODEL's lines broken at WIDTH points into P. */
static int model_lines(const struct para_model *model, const struct para_spec *spec,
		       struct para *p)
{
	int *y = NULL;
	struct para_set_options o = spec_options(spec, p);
	int n = para_model_break_ends(model, &o, &y, &p->hyphen);
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
				: pango_align(layout_styles[spec->style].align, spec->dir == RESOLVE_RTL);
}

/* Arabic script is justified by stretching letters (kashida), which Pango 1.50 does not
 * do; stretched spaces leave holes in narrow columns, so it is set ragged. */
static bool spec_justify(const struct para_spec *spec)
{
	return layout_styles[spec->style].align == AL_JUSTIFY && layout_latin_family(spec->lang);
}

static int spec_width(const struct para_spec *spec, const struct para *p)
{
	return (int)(spec->width / p->scale * PANGO_SCALE);
}

/* Running text is broken by total fit (linebreak.h, as TeX breaks a paragraph), over the
 * glyph widths of its one shaping: justified in a Latin column of about 40 characters or
 * more; narrower, stretched spaces open rivers whatever the breaks, so it is set ragged,
 * broken for an even edge, as Arabic script always is.  Display and machine text keeps
 * Pango's own breaking (balanced, or between letters). */
#define JUSTIFY_MIN_CHARS 40

static enum para_breaker spec_breaker(const struct para_spec *spec, const struct para *p)
{
	if (!spec_hyphenate(spec) || spec_balance(spec) || spec->first_fit)
		return PARA_BREAK_PANGO;
	double chars = spec->width / (0.5 * p->scale * REF_SIZE);
	return spec_justify(spec) && chars >= JUSTIFY_MIN_CHARS ? PARA_BREAK_JUSTIFIED
								: PARA_BREAK_RAGGED;
}

static struct para_set_options spec_options(const struct para_spec *spec, const struct para *p)
{
	enum para_breaker breaker = spec_breaker(spec, p);
	return (struct para_set_options){
		.width = spec_width(spec, p), .wrap = spec_wrap(spec), .spacing = (float)LEADING,
		.align = spec_align(spec), .hyphenate = spec_hyphenate(spec),
		.justify = breaker == PARA_BREAK_PANGO ? spec_justify(spec)
						       : breaker == PARA_BREAK_JUSTIFIED,
		.balance = spec_balance(spec), .breaker = breaker,
	};
}

/* SPEC's paragraph shaped once and set in lines (para.h), into P. */
static int set_lines(struct engine *e, const struct para_spec *spec, struct para *p)
{
	PangoAttrList *attrs = spec->rt ? span_attributes(spec->rt, spec->style) : pango_attr_list_new();
	PangoLayout *layout = paragraph_layout(e, spec, attrs);
	if (spec->check)
		check_glyphs(e, layout, spec->unit, spec->lang);
	draw_joiners(layout);
	if (spec_balance(spec)) {
		struct para_model *model = para_model_new(layout);
		if (model)
			fit_headline(e, spec, p, model);
		para_model_free(model);
	}
	struct para_set_options o = spec_options(spec, p);
	p->set = para_set_new(layout, &o);
	g_object_unref(layout);
	if (!p->set)
		return -1;
	int n = para_set_lines(p->set);
	p->line_y = calloc(2 * (size_t)n + 2, sizeof *p->line_y);
	if (!p->line_y)
		return -1;
	p->hyphen = calloc((size_t)n + 1, sizeof *p->hyphen);
	if (!p->hyphen)
		return -1;
	for (int i = 0; i < n; i++) {
		int x, top, width, bottom;
		struct para_line_info info;
		para_set_line_info(p->set, i, &info);
		p->hyphen[i] = info.hyphen;
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
	if (spec_breaker(spec, p) != PARA_BREAK_PANGO) {
		/* Total fit is not Pango's breaking: test_linebreak.c holds it to Pango (every
		 * break one Pango allows, every line within the width as Pango measures it). */
		check->total_fit++;
		return;
	}
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
int layout_make_para(struct engine *e, const struct para_spec *given, struct para *p)
{
	struct para_spec first_fit = *given;
	first_fit.first_fit = e->check && e->check->first_fit;
	const struct para_spec *spec = &first_fit;
	memset(p, 0, sizeof *p);
	p->scale = style_scale(e, spec);
	p->style = spec->style;
	p->width = spec->width;
	snprintf(p->lang, sizeof p->lang, "%s", spec->lang ? spec->lang : "");
	int rc;
	if (e->models) {
		bool owned;
		struct para_model *model = model_of(e, spec, &owned);
		if (model)
			fit_headline(e, spec, p, model);
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

void layout_free_para(struct para *p)
{
	para_set_unref(p->set);
	free(p->line_y);
	free(p->hyphen);
	memset(p, 0, sizeof *p);
}

const char *layout_style_name(enum style style)
{
	static const char *const names[] = {
		[ST_TITLE] = "title", [ST_SUBTITLE] = "subtitle", [ST_ISSUER] = "issuer",
		[ST_META] = "meta", [ST_HEADING] = "heading", [ST_BODY] = "body", [ST_ITEM] = "item",
		[ST_DEMAND] = "demand", [ST_QUOTE] = "quote", [ST_CITE] = "cite", [ST_WHEN] = "when",
		[ST_VENUE] = "venue", [ST_ADDRESS] = "address", [ST_SUBJECT] = "subject",
		[ST_LETTER] = "letter", [ST_CLOSING] = "closing", [ST_SIGNATURE] = "signature", [ST_MARKER] = "marker",
		[ST_FOOTER] = "footer", [ST_LABEL] = "label", [ST_MISSING] = "missing",
	};
	return names[style];
}
