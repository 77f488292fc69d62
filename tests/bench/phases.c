/* tests/bench/phases.c — where a `broadside pdf` run spends its time, stage by stage.
 *
 * `make bench` runs it on the benchmark leaflets: it goes through the same stages as the
 * pdf command, in one process, ROUNDS times after a warm-up, and prints each stage's
 * median CPU time in milliseconds.  Process start-up (the dynamic loader mapping ~60
 * shared libraries) is not in it: `broadside --version` measures that.  Numbers are
 * printed, never asserted. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fonts.h"
#include "layout.h"
#include "pdf.h"
#include "pipeline.h"
#include "resolve.h"

enum { LOAD, RESOLVE, FIT, DRAW, FINISH, N_PHASES };
static const char *const names[N_PHASES] = {
	"load+validate", "resolve (ICU, hyphenation)", "measure, fit (paragraph models)",
	"layout+draw pages (Pango, cairo)", "finish (cairo, qpdf, link check)",
};

static double cpu_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int compare(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

struct timing {
	struct pdf_writer *w;
	double begun;           /* CPU ms when the pages began: the measuring is done */
};

static int begin(void *ctx)
{
	struct timing *timing = ctx;
	timing->begun = cpu_ms();
	return pdf_writer_restart(timing->w);
}

static int page(void *ctx, const struct layout *layout, int n)
{
	return pdf_writer_page(((struct timing *)ctx)->w, layout, n);
}

/* One run through the stages; T gets each phase's CPU milliseconds. */
static int run(const char *path, double *t)
{
	struct diag_list diags;
	diag_list_init(&diags);
	struct source *src = NULL;
	struct model_doc *doc = NULL;
	double t0 = cpu_ms();
	if (pipeline_check(path, &diags, &src, &doc) != PIPELINE_OK) {
		fprintf(stderr, "%s: not valid\n", path);
		return -1;
	}
	double t1 = cpu_ms();
	struct resolve_options ropt = {.hyphenate = true};
	struct resolved_doc *rdoc = NULL;
	if (resolve_document(doc, &ropt, &rdoc) != 0)
		return -1;
	double t2 = cpu_ms();
	struct layout_options o = {.kind = LAYOUT_PARALLEL, .type_scale = 1, .qr = doc->contact_url};
	layout_paper_size("a4", &o.page_width, &o.page_height);
	struct pdf_info info = {.title = "bench", .lang = doc->langs[0], .date = 1};
	struct pdf_writer *w = pdf_writer_new(o.page_width, o.page_height, &info, NULL);
	struct timing timing = {.w = w};
	struct layout_sink sink = {.begin = begin, .page = page, .ctx = &timing};
	int pages = 0;
	double body = 0;
	int max_pages = (int)doc->print.pages;
	int rc = layout_stream(rdoc, src, &o, max_pages, 6.5, &sink, &diags, &pages, &body, NULL);
	double t3 = timing.begun, t4 = cpu_ms();
	char *bytes = NULL;
	size_t len = 0;
	const char *why = NULL;
	if (rc == 0)
		rc = pdf_writer_finish(w, &bytes, &len, &why);
	double t5 = cpu_ms();
	pdf_writer_free(w);
	free(bytes);
	resolved_doc_free(rdoc);
	model_doc_free(doc);
	source_free(src);
	diag_list_clear(&diags);
	t[LOAD] = t1 - t0;
	t[RESOLVE] = t2 - t1;
	t[FIT] = t3 - t2;
	t[DRAW] = t4 - t3;
	t[FINISH] = t5 - t4;
	return rc;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: phases FILE [ROUNDS]\n");
		return 2;
	}
	int rounds = argc > 2 ? atoi(argv[2]) : 9;
	if (rounds < 1)
		rounds = 1;
	if (pipeline_init() != 0)
		return 1;
	double (*t)[N_PHASES] = calloc((size_t)rounds, sizeof *t);
	double warm[N_PHASES];
	if (!t || run(argv[1], warm) != 0)
		return 1;
	for (int r = 0; r < rounds; r++)
		if (run(argv[1], t[r]) != 0)
			return 1;
	printf("phases of `pdf %s`, CPU ms: the first run in a process (fonts, ICU data and "
	       "HarfBuzz's tables loaded on first use), then the median of %d more:\n", argv[1],
	       rounds);
	double total = 0, first = 0;
	for (int p = 0; p < N_PHASES; p++) {
		double *v = malloc((size_t)rounds * sizeof *v);
		for (int r = 0; r < rounds; r++)
			v[r] = t[r][p];
		qsort(v, (size_t)rounds, sizeof *v, compare);
		printf("  %-36s %8.1f %8.1f\n", names[p], warm[p], v[rounds / 2]);
		total += v[rounds / 2];
		first += warm[p];
		free(v);
	}
	printf("  %-36s %8.1f %8.1f\n", "total (without process start-up)", first, total);
	free(t);
	fonts_cleanup();
	pipeline_cleanup();
	return 0;
}
