/* cmd_pdf.h — what `broadside dump --layout` shares with `broadside pdf`: the request the
 * pdf command's options make, those options, and each leaflet of a document laid out as
 * the pdf command lays it out, so that the layout trace shows what the PDF will hold. */
#ifndef BROADSIDE_CMD_PDF_H
#define BROADSIDE_CMD_PDF_H

#include <stdbool.h>
#include <stddef.h>

#include "cli.h"
#include "layout.h"
#include "pdf.h"
#include "resolve.h"
#include "source.h"

struct pdf_request {
	const char *output;      /* -o */
	const char *layout;      /* --layout, or NULL for the document's */
	const char *lang;        /* --lang */
	const char *paper;       /* --paper */
	const char *orientation; /* --orientation */
	bool allow_missing;
	int pages;               /* --pages, 0: the document's <print pages>, or no limit */
	struct pdf_press press;  /* --bleed, --marks, --nup, --duplicate */
	int qr;                  /* --qr 1, --no-qr 0, -1: the document's <print qr> */
	double min_size;         /* --min-size, points */
	int n_files;
};

/* The request with nothing given: the document's <print>, then the defaults. */
struct pdf_request pdf_request_defaults(void);

/* The pdf command's option table (its fields are struct pdf_request's). */
extern const struct cli_option pdf_table[];

/* Copies into TABLE (at most MAX) the entries of pdf_table that say how a document is
 * laid out (--lang, --paper, --pages, --min-size, --qr, --allow-missing, …), leaving out
 * -o, --layout and the press's options; returns how many.  A command whose options
 * struct starts with a struct pdf_request can parse them as pdf does. */
size_t pdf_layout_options(struct cli_option *table, size_t max);

/* What the options say together (--lang means --layout single); a usage error of
 * COMMAND when they do not go together. */
enum cli_status pdf_check_request(const char *command, struct pdf_request *req,
				  const struct cli_args *args);

/* One leaflet of a document as the pdf command makes it: for a single language,
 * options->single_lang is its language. */
struct pdf_leaflet {
	const char *file;
	const struct resolved_doc *rdoc;
	const struct source *src;
	struct layout_options *options;
	const struct pdf_request *req;
	int max_pages;          /* fitted onto at most this many pages; 0: no limit */
	size_t n;               /* the leaflets of this document in this run */
};

typedef enum cli_status pdf_leaflet_fn(const struct pdf_leaflet *leaflet, void *ctx,
				       struct diag_list *diags);

/* Validates FILE and calls FN with CTX for each leaflet REQ asks for (one per language
 * for a single-language layout without --lang), stopping at the first that fails.  The
 * outcome, with the diagnostics in DIAGS. */
enum cli_status pdf_each_leaflet(const char *file, const struct pdf_request *req,
				 pdf_leaflet_fn *fn, void *ctx, struct diag_list *diags);

/* LEAFLET rendered as pdf renders it and written to PATH (atomically), saying nothing;
 * *PAGES is its number of pages.  The outcome, with the errors in DIAGS. */
enum cli_status pdf_write_leaflet(const struct pdf_leaflet *leaflet, const char *path,
				  int *pages, struct diag_list *diags);

/* LEAFLET laid out whole, as pdf lays it out (fitted to max_pages when there is a limit):
 * 0 and a new *OUT (layout_free), or -1 with the errors in DIAGS. */
int pdf_lay_out(const struct pdf_leaflet *leaflet, struct diag_list *diags, struct layout **out);

#endif
