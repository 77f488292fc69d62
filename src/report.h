/* report.h — what `broadside build` tells CI: JUnit XML and JSON reports, and annotations
 * in GitHub Actions' workflow-command form or as a GitLab code-quality report.
 *
 * Each writer prints one run to a FILE the CLI opened; none decides anything. */
#ifndef BROADSIDE_REPORT_H
#define BROADSIDE_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "diag.h"

/* One document of the run. */
struct report_doc {
	const char *file;
	bool refused;
	bool rendered;                /* its outputs were made in this run (else up to date) */
	int pdfs, pages;
	const char *const *outputs;   /* the files written for it, relative to the output folder */
	size_t n_outputs;
	const struct diag_list *diags;
};

struct report_run {
	const struct report_doc *docs;
	size_t n;
	int pdfs, pages, refused, warnings, rendered;
	double seconds;
};

/* A <testsuite> with a <testcase> per document: a refused one has a <failure> whose
 * message is its first error and whose text lists every diagnostic. */
void report_junit(const struct report_run *run, FILE *out);

/* {"summary": {...}, "documents": [{"file", "state", "rendered", "pdfs", "pages",
 * "outputs", "diagnostics"}...]}. */
void report_json(const struct report_run *run, FILE *out);

/* A line `::error file=F,line=L,col=C,title=RULE::MESSAGE` (or ::warning) per diagnostic. */
void report_github(const struct report_run *run, FILE *out);

/* GitLab's code-quality report: a JSON array of {description, check_name, fingerprint,
 * severity, location: {path, lines: {begin}}}. */
void report_gitlab(const struct report_run *run, FILE *out);

#endif
