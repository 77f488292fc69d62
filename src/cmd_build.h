/* cmd_build.h — the parts of `broadside build` (cmd_build.c: the options and the run;
 * cmd_build_manifest.c: entries, the manifest, keys and recorded outputs;
 * cmd_build_jobs.c: the documents built in forked workers; cmd_build_outputs.c: the
 * fonts, the index, the reports).  Private to those files.  An entry owns its strings,
 * outputs and diagnostics (build_manifest_clear frees a manifest's). */
#ifndef BROADSIDE_CMD_BUILD_H
#define BROADSIDE_CMD_BUILD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "cli.h"
#include "report.h"

#define MANIFEST_NAME ".broadside-manifest"

struct html;

struct build_opts {
	const char *out;
	int jobs;
	bool quiet, verbose, strict;
	const char *reports[CLI_MAX_REPEATS];
	size_t n_reports;
	const char *annotations; /* "github", "gitlab" or "gitlab=FILE" */
	struct cli_args args;
};

struct output {
	char *name; /* relative to OUT */
	long long size;
	char sha[65];
};

/* A document of the run, or of the manifest. */
struct entry {
	char *file;
	char key[65];
	bool refused, rendered;
	int pdfs, pages;
	enum cli_status status;
	struct output *outs;
	size_t n_outs, cap_outs;
	struct diag_list diags;
};

struct manifest {
	struct entry *entries;
	size_t n, cap; /* cap: 0 when ENTRIES was not made by growing it */
};

/* ---- cmd_build_manifest.c ----------------------------------------------------------- */

void build_manifest_clear(struct manifest *m);

/* Forgets what E's last build made, keeping its file and key. */
void build_entry_reset(struct entry *e);

/* E's records, as the manifest holds them and a worker sends them. */
void build_entry_write(const struct entry *e, FILE *out);

/* Reads records from TEXT (cut up in place) into M; what does not parse is skipped.
 * -1 when memory ran out. */
int build_manifest_parse(struct manifest *m, char *text);

/* Copies what FROM says was made into TO: 0, or -1 when memory ran out. */
int build_entry_copy(struct entry *to, const struct entry *from);

/* PATH's bytes in a new string (g_free), *LEN long; NULL when it cannot be read. */
char *build_read_all(const char *path, size_t *len);

/* The regular files of DIR, sorted, as new paths (NULL-terminated; g_strfreev). */
char **build_files_in(const char *dir);

/* The keys (SHA-256, hex): what every output depends on, a document's, the index's. */
void build_global_key(const struct build_opts *o, const char *fonts, char key[65]);
void build_doc_key(const char *global, const char *file, char key[65]);
void build_index_key(const char *global, const struct entry *docs, size_t n, char key[65]);

/* Records NAME, written in OUT, as an output of E (its size and hash read back). */
int build_record_output(struct entry *e, const char *out, const char *name);

/* Writes NAME (BYTES) into OUT and records it as an output of E; an error in DIAGS. */
enum cli_status build_write_named(const char *out, struct entry *e, const char *name,
				  const char *bytes, size_t len, struct diag_list *diags);

/* Whether OLD has E with the same key and its outputs are still there; then E gets
 * what OLD says was made. */
bool build_up_to_date(const struct build_opts *o, const struct manifest *old, struct entry *e);

/* Removes the files OLD says broadside wrote that no entry of NOW has. */
void build_remove_stale(const char *out, const struct manifest *old, const struct manifest *now);

/* Writes M as OUT's manifest, unless it says what WAS (the old one's text) says. */
enum cli_status build_write_manifest(const char *out, const struct manifest *m, const char *was);

/* ---- cmd_build_jobs.c ------------------------------------------------------------- */

/* Builds the documents of ENTRIES marked TODO, at most O->jobs at a time. */
enum cli_status build_run_jobs(const struct build_opts *o, struct html *html,
			       struct entry *entries, const bool *todo, size_t n);

/* Refuses each document with an output an earlier one also has; marks those in AGAIN to
 * be made once more.  Whether any was refused. */
bool build_refuse_clashes(struct entry *docs, size_t n, bool *again);

/* ---- cmd_build_outputs.c ------------------------------------------------------------ */

enum cli_status build_copy_fonts(const struct build_opts *o, const char *fonts, struct entry *e);
enum cli_status build_write_index(const struct build_opts *o, struct html *html,
				  struct entry *docs, size_t n, struct entry *e);

/* The run for report.h; free it with build_run_free. */
void build_make_run(const struct entry *docs, size_t n, double seconds, struct report_run *run);
void build_run_free(struct report_run *run);
enum cli_status build_write_reports(const struct build_opts *o, const struct report_run *run);

/* Each document's diagnostics on the error stream, as -q and -v say. */
void build_print_diagnostics(const struct build_opts *o, const struct entry *docs, size_t n);

#endif
