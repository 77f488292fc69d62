/* layout.h — the leaflet laid out with Pango: blocks, rows, pages.
 *
 * Reads a resolved document (resolve.h) and places every unit on pages as Pango layouts
 * in parallel columns (one per language, row by row), stacked (each unit in every language
 * in turn) or in a single language.  The result is a display list that pdf.c draws; it
 * holds no cairo state.  Each paragraph is laid out with its language's own base
 * direction (never guessed), alignment, font and the text stage's hyphenation points.
 *
 * A layout owns its Pango objects and borrows the resolved document, which must outlive
 * it; layout_free releases it. */
#ifndef BROADSIDE_LAYOUT_H
#define BROADSIDE_LAYOUT_H

#include <pango/pango.h>
#include <stdbool.h>

#include "diag.h"
#include "para.h"
#include "resolve.h"
#include "source.h"

enum layout_kind { LAYOUT_PARALLEL, LAYOUT_STACKED, LAYOUT_SINGLE };

struct layout_options {
	enum layout_kind kind;
	size_t single_lang;  /* LAYOUT_SINGLE: index into the document's langs */
	double page_width, page_height; /* points */
	double type_scale;   /* 1.0: the paper's natural size; fit-to-pages shrinks it */
	double space_scale;  /* 0 or 1: the natural space between paragraphs; less: tightened
			      * (to save a nearly empty last page) */
	bool allow_missing;  /* a missing translation is marked, not refused */
	bool bleed;          /* the print has a bleed: backgrounds may touch the sheet's edges */
	const char *qr;      /* a QR code of this URL at the end, with the URL beneath; or NULL */
};

enum item_kind {
	ITEM_TEXT,  /* lines [first_line, first_line + n_lines) of a paragraph */
	ITEM_FILL,  /* a tinted rectangle (event boxes, missing cells) */
	ITEM_RULE,  /* a line from (x, y) to (x2, y2) */
	ITEM_QR,    /* a QR code of qr, width × width points with its quiet zone */
};

/* One thing to draw on one page.  Coordinates in points from the page's top left. */
struct layout_item {
	enum item_kind kind;
	int page;
	double x, y;            /* ITEM_TEXT: the paragraph's box origin on this page */
	double width, height;
	double x2, y2;          /* ITEM_RULE */
	double gray;            /* ITEM_FILL, ITEM_RULE: 0 black … 1 white */
	struct para_set *set;   /* ITEM_TEXT: the paragraph's lines; the layout owns a reference */
	double scale;           /* ITEM_TEXT: points on the page per point of the paragraph (it
				 * is shaped at a reference size; see layout.c) */
	int first_line, n_lines;
	double line_offset;     /* ITEM_TEXT: y of first_line within the layout */
	const struct resolved_text *text; /* for its links; NULL for generated text */
	char *qr;               /* ITEM_QR: what it encodes */
	char *hrefs[2];         /* generated text that is a link as a whole (the contact) */
	double href_x[2], href_w[2]; /* … where in the item's line it stands */
	char *bookmark;         /* a heading: its text for the PDF outline, or NULL */
	int bookmark_level;
	const char *role;       /* ITEM_TEXT: what the paragraph is ("body", "heading", …) */
	double size;            /* ITEM_TEXT: its font size, points */
	int group;              /* > 0: the rows kept together on one page share this number */
	char lang[16];          /* ITEM_TEXT: its language (BCP 47), for the PDF's structure */
};

struct layout {
	struct layout_item *items;
	size_t n_items, cap_items;
	int n_pages;
	double body_size;       /* points, after type_scale */
	double last_fill;       /* how far down its text area the last page is filled, 0 … 1 */
	double least_fill;      /* ... and the least filled page but the last */
	const char *footer_lang; /* the language of page numbers and footer */
	double text_top, text_bottom; /* the text area's top and bottom on every page, points */
};

/* Lays out RDOC (resolved from the document in SRC).  Returns 0 and a new layout, or -1
 * with errors in DIAGS: a missing translation (unless allowed), a character no font in
 * fonts/ has (naming unit, language and code point), no fonts. */
int layout_document(const struct resolved_doc *rdoc, const struct source *src,
		    const struct layout_options *options, struct diag_list *diags,
		    struct layout **out);

void layout_free(struct layout *layout);

/* Lays out RDOC on at most MAX_PAGES pages, scaling the type (and leading) down as little
 * as needed — the largest scale that fits, found by bisection — but never below a body
 * size of MIN_BODY points.  When even that needs more pages, returns -1 with an error
 * saying how many it needs; *NEEDED is that count.  On success the layout's body_size is
 * the size chosen. */
int layout_fit(const struct resolved_doc *rdoc, const struct source *src,
	       const struct layout_options *options, int max_pages, double min_body,
	       struct diag_list *diags, struct layout **out);

/* The paper sizes the format knows, in points (portrait).  false for an unknown name. */
bool layout_paper_size(const char *name, double *width, double *height);

/* What fitting did to a layout: the body size it would have had unshrunk, and the space
 * between paragraphs (1: as designed; less: tightened to save a nearly empty page). */
struct layout_fit_report {
	double natural_size;
	double space_scale;
	const char *why;        /* why, when the type was made smaller without a page limit */
};

/* Where layout_stream sends the pages. */
struct layout_sink {
	/* Called before the first page; called again when the pages so far must be
	 * forgotten and laid out again (see layout_stream).  0, or -1 to stop. */
	int (*begin)(void *ctx);
	/* Page PAGE is finished: its items are those of LAYOUT whose page is PAGE (with its
	 * footer).  They are released when this returns.  0, or -1 to stop. */
	int (*page)(void *ctx, const struct layout *layout, int page);
	void *ctx;
};

/* Lays out RDOC as layout_document does (as layout_fit does when MAX_PAGES > 0) but
 * hands each page to SINK as soon as it is finished and releases it, so that memory does
 * not grow with the length of the document.  A last page that would hold less than a
 * fifth of a page is saved, when type a little smaller saves it (here and in layout_fit).
 * Returns 0 with the page count, the body size chosen and (REPORT may be NULL) what
 * fitting did, or -1 with errors in DIAGS. */
int layout_stream(const struct resolved_doc *rdoc, const struct source *src,
		  const struct layout_options *options, int max_pages, double min_body,
		  const struct layout_sink *sink, struct diag_list *diags, int *n_pages,
		  double *body_size, struct layout_fit_report *report);

/* For the tests: lays out RDOC as layout_document does, and every paragraph with Pango's
 * own wrapping too, its reference: counts the paragraphs whose lines come out different
 * (how many, where each starts, its top and bottom), the justified lines that do not fill
 * their width, and the largest difference where a ragged line starts or ends.
 * layout_model_check_clear releases what CHECK holds. */
struct layout_model_check {
	bool first_fit;         /* given: break running text as Pango does too (not by total
				 * fit), to hold the replica of Pango's breaking to Pango */
	size_t compared, different;
	char *first;            /* the first difference, described; or NULL */
	double worst_x;         /* the largest difference where a ragged line starts or ends,
				 * points at the reference size */
	size_t unfilled;        /* justified lines that do not fill the width */
	size_t unhyphenated;    /* of them display and machine text, not hyphenated */
	size_t total_fit;       /* paragraphs broken by total fit, not compared with Pango */
};

int layout_check_models(const struct resolved_doc *rdoc, const struct source *src,
			const struct layout_options *options, struct diag_list *diags,
			struct layout_model_check *check);

void layout_model_check_clear(struct layout_model_check *check);

#endif
