/* layout_engine.h — what the parts of the layout share (not a public header).
 *
 * The layout is four files, one concern each:
 *   layout.c         the document: the engine's set-up, fitting to pages, streaming;
 *   layout_para.c    paragraphs: shaping once, breaking into lines, measuring;
 *   layout_flow.c    page flow: rows placed on pages, kept together, split across pages,
 *                    the QR code, the footers;
 *   layout_blocks.c  the document's blocks: what each element looks like, as rows.
 * The engine is the state of one run; each part reads and advances it. */
#ifndef BROADSIDE_LAYOUT_ENGINE_H
#define BROADSIDE_LAYOUT_ENGINE_H

#include <string.h>

#include <pango/pangocairo.h>

#include "fonts.h"
#include "layout.h"
#include "para.h"

#define MAX_COLUMNS 8
/* Languages one leaflet shows in turn (validation takes at most 100 in langs). */
#define MAX_LANGS 128
#define LEADING 1.3
/* The longest line, in characters of the body size (half an em each), a reader follows. */
#define MEASURE_CHARS 72
/* Every paragraph is shaped with its font at REF_SIZE and drawn scaled to its real size
 * (see layout.h): with unhinted metrics the line breaks are the same as at the real size
 * in a width scaled alike, and the fonts, their fontconfig matches and HarfBuzz's caches
 * are made once per face, not for every style and every size layout_fit tries (each new
 * size cost Pango an FcFontSort and two threads). */
#define REF_SIZE 10.0

enum style {
	ST_TITLE, ST_SUBTITLE, ST_ISSUER, ST_META, ST_HEADING, ST_BODY, ST_ITEM, ST_DEMAND,
	ST_QUOTE, ST_CITE, ST_WHEN, ST_VENUE, ST_ADDRESS, ST_SUBJECT, ST_LETTER, ST_CLOSING, ST_SIGNATURE,
	ST_MARKER, ST_FOOTER, ST_LABEL, ST_MISSING,
};

enum align { AL_START, AL_CENTER, AL_END, AL_JUSTIFY };

struct layout_style {
	double size;      /* times the body size */
	PangoWeight weight;
	bool italic;      /* in Latin scripts; Arabic script has no italics */
	enum align align;
	double before;    /* space before, in body lines */
	bool hyphenate;   /* running text; display and machine text is never hyphenated */
};

/* What each style looks like (layout_blocks.c). */
extern const struct layout_style layout_styles[];

/* ---- the engine -------------------------------------------------------------------- */

/* A paragraph as the engine places it: its lines' extents, and when drawing, its layout. */
struct para {
	struct para_set *set;   /* when drawing: its lines, to draw; NULL while measuring */
	double scale;           /* points on the page per point of the layout */
	double *line_y;         /* the top and bottom of each line, points */
	bool *hyphen;           /* whether each line ends in an added hyphen */
	int n_lines;            /* 0: no paragraph */
	double height;          /* points */
	double width;           /* points */
	enum style style;
	char lang[16];          /* its language (BCP 47), for the PDF's structure */
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
	bool first_fit;         /* broken as Pango breaks, even running text (the tests) */
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
	bool whole;             /* never split across pages (unless taller than a page) */
	bool tinted;            /* part of an event box */
	bool rule_above;        /* stacked: a hairline between one unit's group and the next */
	const struct model_unit *unit; /* for messages */
	char *bookmark;
	int bookmark_level;
	int group;              /* > 0: kept on one page with the rows of the same group */
	char *qr;               /* the QR code of this URL, cells[0] its caption (layout_emit_qr) */
	double qr_size;         /* points, with its quiet zone */
	bool qr_left;           /* the QR code on the left (a right-to-left document) */
	struct para label;      /* stacked: the language's name in the margin (n_lines 0: none) */
	bool label_right;       /* ... in the right-hand margin (a right-to-left language) */
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
	/* Page flow (layout_flow.c): rows wait here until what follows them is known, so that
	 * a row kept with the next goes to a new page with it. */
	struct row *queue;
	size_t n_queue, cap_queue;
	int groups;             /* kept groups numbered so far */
	/* Text frames on a page: the single layout of a leaflet sets its body in two columns
	 * side by side below the head; frame 0 is on the start side. */
	size_t n_frames, frame;
	double frame_top, frame_w, frame_gutter;
	bool frames_rtl;
	bool failed;            /* out of memory: stop now */
	bool refused;           /* a missing translation or glyph: go on, to list them all */
};

static inline bool layout_is_rtl(const struct engine *e, size_t lang)
{
	return e->rdoc->dirs[lang] == RESOLVE_RTL;
}

static inline bool layout_latin_family(const char *lang)
{
	return strncmp(fonts_family_for(lang), "Roboto", 6) == 0;
}

/* ---- paragraphs (layout_para.c) ---- */

/* The name of STYLE, as the layout trace shows it. */
const char *layout_style_name(enum style style);

/* SPEC's paragraph into P: broken by its model while measuring, set in lines when
 * drawing.  Returns -1 when out of memory (and marks the engine failed). */
int layout_make_para(struct engine *e, const struct para_spec *spec, struct para *p);
void layout_free_para(struct para *p);

/* ---- page flow (layout_flow.c) ---- */

void layout_place_fill(struct engine *e, double x, double y, double w, double h, double gray);
/* Places ROW on the pages (taking its cells; it is left empty). */
void layout_place_row(struct engine *e, struct row *row);
/* Places every row still waiting (before a head's band is measured, at the end). */
void layout_flush(struct engine *e);
/* The body from here on in N frames side by side (the rows waiting placed first). */
void layout_begin_frames(struct engine *e, size_t n, double gutter);
/* How far the frames from the current page's top are filled, 0 … 1 (the last page's fill). */
double layout_page_fill(const struct engine *e);
void layout_free_row(struct row *row);
void layout_emit_qr(struct engine *e, const char *url);
void layout_emit_footers(struct engine *e);
void layout_finish_page(struct engine *e);
void layout_free_items(struct layout *layout);

/* ---- the document's blocks (layout_blocks.c) ---- */

void layout_set_columns(struct engine *e);
void layout_emit_head(struct engine *e);
void layout_emit_body(struct engine *e);

#endif
