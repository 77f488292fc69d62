/* cmd_build.c — `broadside build`: a folder of documents into a folder of PDFs, pages and
 * an index, for CI.  Incremental (a manifest in the output folder records what each
 * output was made from), tolerant (a refused document stops only itself), parallel (one
 * forked process per document: Pango and fontconfig are not safe across threads, and a
 * process makes the same bytes as -j 1), with reports CI dashboards read (report.h).
 *
 * The manifest, OUT/.broadside-manifest, is text, one record a line, fields separated
 * by tabs (\t, \n, \\ escaped):
 *   broadside-manifest 1
 *   doc  FILE KEY STATE PDFS PAGES STATUS   a document (or ":fonts", ":index") and its key
 *   out  NAME SIZE SHA256                   an output of the doc above, in OUT
 *   diag SEVERITY LINE COL MORE RULE FILE MESSAGE
 * KEY is the SHA-256 of the document's path and bytes, broadside's version and
 * executable (its stylesheets, schema and code), the fonts and the options.  A worker
 * sends the parent its document's records in the same form through a pipe. */
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <poll.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "cmd_pdf.h"
#include "docfind.h"
#include "fonts.h"
#include "html.h"
#include "out.h"
#include "report.h"
#include "resolve.h"

#ifndef BROADSIDE_VERSION
#define BROADSIDE_VERSION "0.0.0-dev"
#endif

#define MANIFEST_NAME ".broadside-manifest"
#define MAX_REPORTS 8

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
	size_t n_outs;
	struct diag_list diags;
};

struct manifest {
	struct entry *entries;
	size_t n;
};

/* ---- entries and the manifest's text ------------------------------------------------- */

static void entry_clear(struct entry *e)
{
	free(e->file);
	for (size_t i = 0; i < e->n_outs; i++)
		free(e->outs[i].name);
	free(e->outs);
	diag_list_clear(&e->diags);
	memset(e, 0, sizeof *e);
	diag_list_init(&e->diags);
}

static void manifest_clear(struct manifest *m)
{
	for (size_t i = 0; i < m->n; i++)
		entry_clear(&m->entries[i]);
	free(m->entries);
	m->entries = NULL;
	m->n = 0;
}

/* Forgets what E's last build made, keeping its file and key. */
static void entry_reset(struct entry *e)
{
	char key[65];
	memcpy(key, e->key, sizeof key);
	char *file = e->file;
	e->file = NULL;
	entry_clear(e);
	e->file = file;
	memcpy(e->key, key, sizeof key);
}

static int add_output(struct entry *e, const char *name, long long size, const char *sha)
{
	struct output *outs = realloc(e->outs, (e->n_outs + 1) * sizeof *outs);
	if (!outs)
		return -1;
	e->outs = outs;
	struct output *o = &outs[e->n_outs];
	if (!(o->name = strdup(name)))
		return -1;
	o->size = size;
	snprintf(o->sha, sizeof o->sha, "%s", sha);
	e->n_outs++;
	return 0;
}

static void put_field(FILE *out, const char *s)
{
	fputc('\t', out);
	for (const char *p = s ? s : ""; *p; p++) {
		if (*p == '\t')
			fputs("\\t", out);
		else if (*p == '\n')
			fputs("\\n", out);
		else if (*p == '\\')
			fputs("\\\\", out);
		else
			fputc(*p, out);
	}
}

static void entry_write(const struct entry *e, FILE *out)
{
	fputs("doc", out);
	put_field(out, e->file);
	fprintf(out, "\t%s\t%s\t%d\t%d\t%d\n", e->key, e->refused ? "refused" : "ok", e->pdfs,
		e->pages, (int)e->status);
	for (size_t i = 0; i < e->n_outs; i++) {
		fputs("out", out);
		put_field(out, e->outs[i].name);
		fprintf(out, "\t%lld\t%s\n", e->outs[i].size, e->outs[i].sha);
	}
	for (size_t i = 0; i < e->diags.n; i++) {
		const struct diag *d = &e->diags.items[i];
		fprintf(out, "diag\t%s\t%u\t%u\t%zu", d->severity == DIAG_ERROR ? "error" : "warning",
			d->line, d->col, d->more);
		put_field(out, d->rule);
		put_field(out, d->file);
		put_field(out, d->message);
		fputc('\n', out);
	}
}

/* Splits LINE (changed in place) into at most MAX unescaped fields. */
static size_t split(char *line, char **fields, size_t max)
{
	size_t n = 0;
	char *w = line;
	fields[n++] = w;
	for (char *p = line; *p && n <= max; p++) {
		if (*p == '\t') {
			*w++ = '\0';
			if (n == max)
				return n;
			fields[n++] = w;
		} else if (*p == '\\' && p[1]) {
			p++;
			*w++ = *p == 't' ? '\t' : *p == 'n' ? '\n' : *p;
		} else {
			*w++ = *p;
		}
	}
	*w = '\0';
	return n;
}

static int parse_line(struct manifest *m, char *line)
{
	char *f[9];
	size_t n = split(line, f, 9);
	struct entry *e = m->n ? &m->entries[m->n - 1] : NULL;
	if (strcmp(f[0], "doc") == 0 && n == 7) {
		struct entry *entries = realloc(m->entries, (m->n + 1) * sizeof *entries);
		if (!entries)
			return -1;
		m->entries = entries;
		e = &entries[m->n++];
		memset(e, 0, sizeof *e);
		diag_list_init(&e->diags);
		snprintf(e->key, sizeof e->key, "%s", f[2]);
		e->refused = strcmp(f[3], "ok") != 0;
		e->pdfs = atoi(f[4]);
		e->pages = atoi(f[5]);
		e->status = (enum cli_status)atoi(f[6]);
		return (e->file = strdup(f[1])) ? 0 : -1;
	}
	if (!e)
		return 0;
	if (strcmp(f[0], "out") == 0 && n == 4)
		return add_output(e, f[1], atoll(f[2]), f[3]);
	if (strcmp(f[0], "diag") == 0 && n == 8) {
		struct diag d = {.severity = strcmp(f[1], "error") == 0 ? DIAG_ERROR : DIAG_WARNING,
				 .line = (unsigned)atoi(f[2]), .col = (unsigned)atoi(f[3]),
				 .more = (size_t)atoll(f[4]), .rule = f[5], .file = f[6], .message = f[7]};
		diag_copy(&e->diags, &d);
	}
	return 0;
}

/* Reads records from TEXT into M (what does not parse is skipped: a manifest that cannot
 * be read means everything is made again). */
static int manifest_parse(struct manifest *m, char *text)
{
	for (char *line = text; line && *line;) {
		char *next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (parse_line(m, line) != 0)
			return -1;
		line = next;
	}
	return 0;
}

static char *read_all(const char *path, size_t *len)
{
	gchar *bytes = NULL;
	gsize n = 0;
	if (!g_file_get_contents(path, &bytes, &n, NULL))
		return NULL;
	*len = n;
	return bytes;
}

static const struct entry *manifest_find(const struct manifest *m, const char *file)
{
	for (size_t i = 0; i < m->n; i++)
		if (strcmp(m->entries[i].file, file) == 0)
			return &m->entries[i];
	return NULL;
}

static int entry_copy(struct entry *to, const struct entry *from)
{
	to->refused = from->refused;
	to->pdfs = from->pdfs;
	to->pages = from->pages;
	to->status = from->status;
	for (size_t i = 0; i < from->n_outs; i++)
		if (add_output(to, from->outs[i].name, from->outs[i].size, from->outs[i].sha) != 0)
			return -1;
	for (size_t i = 0; i < from->diags.n; i++)
		diag_copy(&to->diags, &from->diags.items[i]);
	return to->diags.out_of_memory ? -1 : 0;
}

/* ---- keys ---------------------------------------------------------------------------- */

static void sum_file(GChecksum *sum, const char *path)
{
	size_t len = 0;
	char *bytes = read_all(path, &len);
	g_checksum_update(sum, (const guchar *)path, (gssize)strlen(path) + 1);
	if (bytes)
		g_checksum_update(sum, (const guchar *)bytes, (gssize)len);
	g_free(bytes);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The regular files of DIR, sorted, as new paths (NULL-terminated; g_strfreev). */
static char **files_in(const char *dir)
{
	GPtrArray *names = g_ptr_array_new();
	GDir *d = g_dir_open(dir, 0, NULL);
	for (const char *name; d && (name = g_dir_read_name(d));) {
		char *path = g_build_filename(dir, name, NULL);
		if (g_file_test(path, G_FILE_TEST_IS_REGULAR))
			g_ptr_array_add(names, path);
		else
			g_free(path);
	}
	if (d)
		g_dir_close(d);
	qsort(names->pdata, names->len, sizeof(char *), by_name);
	g_ptr_array_add(names, NULL);
	return (char **)g_ptr_array_free(names, FALSE);
}

/* What every output depends on: the version, the executable, the fonts, the options. */
static void global_key(const struct build_opts *o, const char *fonts, char key[65])
{
	GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	char *opts = g_strdup_printf("broadside %s\nstrict=%d\nSOURCE_DATE_EPOCH=%s\n",
				     BROADSIDE_VERSION, o->strict, sde ? sde : "");
	g_checksum_update(sum, (const guchar *)opts, -1);
	g_free(opts);
	sum_file(sum, "/proc/self/exe");
	char **files = files_in(fonts);
	for (char **f = files; *f; f++)
		sum_file(sum, *f);
	g_strfreev(files);
	snprintf(key, 65, "%s", g_checksum_get_string(sum));
	g_checksum_free(sum);
}

static void doc_key(const char *global, const char *file, char key[65])
{
	GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
	g_checksum_update(sum, (const guchar *)global, -1);
	sum_file(sum, file);
	snprintf(key, 65, "%s", g_checksum_get_string(sum));
	g_checksum_free(sum);
}

/* Whether E's outputs are all in OUT as they were written. */
static bool outputs_there(const char *out, const struct entry *e)
{
	for (size_t i = 0; i < e->n_outs; i++) {
		char *path = g_build_filename(out, e->outs[i].name, NULL);
		struct stat st;
		bool there = stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size == e->outs[i].size;
		g_free(path);
		if (!there)
			return false;
	}
	return true;
}

/* Records NAME, written in OUT, as an output of E (its size and hash read back). */
static int record_output(struct entry *e, const char *out, const char *name)
{
	char *path = g_build_filename(out, name, NULL);
	size_t len = 0;
	char *bytes = read_all(path, &len);
	g_free(path);
	if (!bytes)
		return -1;
	gchar *sha = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)bytes, len);
	int rc = add_output(e, name, (long long)len, sha);
	g_free(sha);
	g_free(bytes);
	return rc;
}

/* ---- one document, in a worker ------------------------------------------------------- */

struct work {
	const char *out;
	struct html *html;
	struct entry *e;
	bool html_done, single; /* the pages are written; <print> asks for single leaflets */
	enum cli_status status;
};

static enum cli_status write_named(struct work *w, const char *name, const char *bytes,
				   size_t len, struct diag_list *diags)
{
	char *path = g_build_filename(w->out, name, NULL);
	enum cli_status status = CLI_OK;
	if (out_make_dirs(w->out) != 0 || out_write(path, bytes, len) != 0) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "write", "cannot write the file: %s",
			 strerror(errno));
		status = CLI_UNREADABLE;
	} else if (record_output(w->e, w->out, name) != 0) {
		status = CLI_INTERNAL;
	}
	g_free(path);
	return status;
}

/* The document's pages: every language side by side, then each alone. */
static enum cli_status write_pages(struct work *w, const struct resolved_doc *rdoc,
				   struct diag_list *diags)
{
	const struct model_doc *doc = rdoc->doc;
	enum cli_status status = CLI_OK;
	for (size_t l = 0; status == CLI_OK && l <= doc->n_langs; l++) {
		char *name = html_page_name(doc, l ? doc->langs[l - 1] : NULL);
		char *bytes = NULL;
		size_t len = 0;
		if (!name) {
			status = CLI_INTERNAL;
		} else if (html_render_page(w->html, rdoc, l ? doc->langs[l - 1] : NULL, &bytes, &len) != 0) {
			diag_add(diags, DIAG_ERROR, rdoc->doc->id ? doc->id : "?", 0, 0, "html",
				 "the page %s could not be made: %s", name, html_error(w->html));
			status = CLI_INTERNAL;
		} else {
			status = write_named(w, name, bytes, len, diags);
		}
		free(bytes);
		free(name);
	}
	return status;
}

static enum cli_status build_leaflet(const struct pdf_leaflet *leaflet, void *ctx,
				     struct diag_list *diags)
{
	struct work *w = ctx;
	const struct model_doc *doc = leaflet->rdoc->doc;
	bool single = leaflet->options->kind == LAYOUT_SINGLE;
	enum cli_status status = CLI_OK;
	if (!w->html_done) {
		w->html_done = true;
		w->single = single;
		status = write_pages(w, leaflet->rdoc, diags);
	}
	char *name = html_pdf_name(doc, single ? doc->langs[leaflet->options->single_lang] : NULL);
	char *path = name ? g_build_filename(w->out, name, NULL) : NULL;
	int pages = 0;
	if (status == CLI_OK && !path)
		status = CLI_INTERNAL;
	if (status == CLI_OK && out_make_dirs(w->out) != 0) {
		diag_add(diags, DIAG_ERROR, w->out, 0, 0, "write", "cannot make the folder: %s",
			 strerror(errno));
		status = CLI_UNREADABLE;
	}
	if (status == CLI_OK)
		status = pdf_write_leaflet(leaflet, path, &pages, diags);
	if (status == CLI_OK && record_output(w->e, w->out, name) != 0)
		status = CLI_INTERNAL;
	if (status == CLI_OK) {
		w->e->pdfs++;
		w->e->pages += pages;
	}
	g_free(path);
	free(name);
	return status;
}

/* The outputs E's document asks for, written into OUT; a refused document keeps none. */
static void build_document(const struct build_opts *o, struct html *html, struct entry *e)
{
	struct work w = {.out = o->out, .html = html, .e = e};
	struct pdf_request req = pdf_request_defaults();
	req.output = o->out;
	enum cli_status status = pdf_each_leaflet(e->file, &req, build_leaflet, &w, &e->diags);
	if (status == CLI_OK && !w.single) { /* and one leaflet per language */
		struct diag_list more;
		diag_list_init(&more);
		req.layout = "single";
		status = pdf_each_leaflet(e->file, &req, build_leaflet, &w, &more);
		for (size_t k = 0; k < more.n; k++) /* its warnings are the first pass's */
			if (more.items[k].severity == DIAG_ERROR)
				diag_copy(&e->diags, &more.items[k]);
		diag_list_clear(&more);
	}
	if (o->strict)
		diag_promote_warnings(&e->diags);
	if (status == CLI_OK && diag_count(&e->diags, DIAG_ERROR) > 0)
		status = CLI_REFUSED;
	diag_sort(&e->diags);
	e->status = status;
	e->refused = status != CLI_OK;
	if (!e->refused)
		return;
	for (size_t i = 0; i < e->n_outs; i++) { /* whole or nothing */
		char *path = g_build_filename(o->out, e->outs[i].name, NULL);
		unlink(path);
		g_free(path);
		free(e->outs[i].name);
	}
	e->n_outs = 0;
	e->pdfs = e->pages = 0;
}

static int write_all_fd(int fd, const char *bytes, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, bytes, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		bytes += n;
		len -= (size_t)n;
	}
	return 0;
}

/* In the child: builds E and sends its records to FD; never returns. */
static void worker(const struct build_opts *o, struct html *html, struct entry *e, int fd)
{
	entry_reset(e); /* built afresh, even when an earlier round had built it */
	build_document(o, html, e);
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	if (f) {
		entry_write(e, f);
		fclose(f);
	}
	int rc = text ? write_all_fd(fd, text, len) : -1;
	/* _exit: the parent's stdio buffers and atexit handlers are the parent's. */
	_exit(rc == 0 ? 0 : 4);
}

/* ---- the workers, -j N at a time ------------------------------------------------------ */

struct job {
	pid_t pid;
	int fd;
	size_t doc;
	GString *text;
};

/* Takes what the worker of JOB sent as the new state of E; a worker that sent nothing
 * whole failed inside (it crashed). */
static void finish_job(struct job *job, struct entry *e)
{
	int wstatus = 0;
	while (waitpid(job->pid, &wstatus, 0) < 0 && errno == EINTR)
		;
	struct manifest got = {0};
	bool ok = WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0 &&
		  manifest_parse(&got, job->text->str) == 0 && got.n == 1;
	entry_reset(e);
	e->rendered = true;
	if (ok && entry_copy(e, &got.entries[0]) == 0) {
		manifest_clear(&got);
		return;
	}
	manifest_clear(&got);
	e->refused = true;
	e->status = CLI_INTERNAL;
	diag_add(&e->diags, DIAG_ERROR, e->file, 0, 0, "internal",
		 "broadside failed while building this document (%s %d)",
		 WIFSIGNALED(wstatus) ? "signal" : "exit status",
		 WIFSIGNALED(wstatus) ? WTERMSIG(wstatus) : WEXITSTATUS(wstatus));
}

static int start_job(const struct build_opts *o, struct html *html, struct entry *entries,
		     size_t doc, struct job *job)
{
	int fds[2];
	if (pipe(fds) != 0)
		return -1;
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (pid == 0) {
		close(fds[0]);
		worker(o, html, &entries[doc], fds[1]);
	}
	close(fds[1]);
	*job = (struct job){.pid = pid, .fd = fds[0], .doc = doc, .text = g_string_new(NULL)};
	return 0;
}

static void progress(const struct build_opts *o, size_t done, size_t n, const char *file)
{
	if (o->quiet || !isatty(STDERR_FILENO))
		return;
	if (file)
		fprintf(stderr, "\r\033[K[%zu/%zu] %s", done, n, file);
	else
		fputs("\r\033[K", stderr);
	fflush(stderr);
}

/* Reads from the running JOBS until one ends; returns its index. */
static size_t wait_any(struct job *jobs, size_t n)
{
	struct pollfd fds[n];
	for (;;) {
		for (size_t i = 0; i < n; i++)
			fds[i] = (struct pollfd){.fd = jobs[i].fd, .events = POLLIN};
		if (poll(fds, n, -1) < 0)
			continue;
		for (size_t i = 0; i < n; i++) {
			if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			char buf[65536];
			ssize_t got = read(jobs[i].fd, buf, sizeof buf);
			if (got > 0)
				g_string_append_len(jobs[i].text, buf, got);
			else if (got == 0 || errno != EINTR)
				return i;
		}
	}
}

/* Builds the documents of ENTRIES marked TODO, at most O->jobs at a time. */
static enum cli_status run_jobs(const struct build_opts *o, struct html *html,
				struct entry *entries, const bool *todo, size_t n)
{
	size_t n_todo = 0, done = 0, next = 0, running = 0;
	for (size_t i = 0; i < n; i++)
		n_todo += todo[i];
	struct job jobs[o->jobs];
	enum cli_status status = CLI_OK;
	while (done < n_todo) {
		while (status == CLI_OK && running < (size_t)o->jobs && next < n) {
			if (!todo[next]) {
				next++;
				continue;
			}
			if (start_job(o, html, entries, next, &jobs[running]) != 0) {
				status = CLI_INTERNAL;
				break;
			}
			progress(o, done, n_todo, entries[next].file);
			running++;
			next++;
		}
		if (running == 0)
			break;
		size_t i = wait_any(jobs, running);
		close(jobs[i].fd);
		finish_job(&jobs[i], &entries[jobs[i].doc]);
		g_string_free(jobs[i].text, TRUE);
		jobs[i] = jobs[--running];
		done++;
	}
	progress(o, done, n_todo, NULL);
	return status;
}

/* ---- two documents, one id ----------------------------------------------------------- */

/* Refuses each document with an output an earlier one also has (the same id): it was
 * written over the earlier one's, which AGAIN marks to be made once more.  Its key is
 * left empty, so that it is tried again next time (the other may have gone by then).
 * Returns whether any was refused. */
static bool refuse_clashes(struct entry *docs, size_t n, bool *again)
{
	GHashTable *owner = g_hash_table_new(g_str_hash, g_str_equal);
	bool any = false;
	for (size_t i = 0; i < n; i++) {
		const char *clash = NULL;
		size_t first = 0;
		for (size_t k = 0; !clash && k < docs[i].n_outs; k++) {
			gpointer at = g_hash_table_lookup(owner, docs[i].outs[k].name);
			if (at) {
				clash = docs[i].outs[k].name;
				first = GPOINTER_TO_SIZE(at) - 1;
			}
		}
		if (!clash) {
			for (size_t k = 0; k < docs[i].n_outs; k++)
				g_hash_table_insert(owner, docs[i].outs[k].name, GSIZE_TO_POINTER(i + 1));
			continue;
		}
		diag_add(&docs[i].diags, DIAG_ERROR, docs[i].file, 0, 0, "id-unique",
			 "%s would be written over %s's: the document's id is also %s's", clash,
			 docs[first].file, docs[first].file);
		for (size_t k = 0; k < docs[i].n_outs; k++) /* not unlinked: the names are the other's */
			free(docs[i].outs[k].name);
		docs[i].n_outs = 0;
		docs[i].pdfs = docs[i].pages = 0;
		docs[i].refused = true;
		docs[i].status = CLI_REFUSED;
		docs[i].key[0] = '\0';
		again[first] = any = true;
	}
	g_hash_table_destroy(owner);
	return any;
}

/* ---- what the parent writes: the fonts, the index, the manifest ------------------------ */

static bool up_to_date(const struct build_opts *o, const struct manifest *old, struct entry *e)
{
	const struct entry *was = manifest_find(old, e->file);
	return was && strcmp(was->key, e->key) == 0 && outputs_there(o->out, was) &&
	       entry_copy(e, was) == 0;
}

/* The web fonts the pages load: fonts/ copied into OUT/fonts/ (as the Makefile did). */
static enum cli_status copy_fonts(const struct build_opts *o, const char *fonts, struct entry *e)
{
	char *dir = g_build_filename(o->out, HTML_FONTS_DIR, NULL);
	char **files = files_in(fonts);
	enum cli_status status = CLI_OK;
	for (char **f = files; status == CLI_OK && *f; f++) {
		const char *base = strrchr(*f, '/') ? strrchr(*f, '/') + 1 : *f;
		if (!g_str_has_suffix(base, ".ttf") && !g_str_has_suffix(base, "-LICENSE.txt") &&
		    !g_str_has_suffix(base, "-OFL.txt"))
			continue;
		size_t len = 0;
		char *bytes = read_all(*f, &len);
		char *to = g_build_filename(dir, base, NULL);
		char *name = g_build_filename(HTML_FONTS_DIR, base, NULL);
		if (!bytes || out_make_dirs(dir) != 0 || out_write(to, bytes, len) != 0) {
			diag_add(&e->diags, DIAG_ERROR, bytes ? to : *f, 0, 0, "write",
				 "cannot copy the font: %s", strerror(errno));
			status = CLI_UNREADABLE;
		} else if (record_output(e, o->out, name) != 0) {
			status = CLI_INTERNAL;
		}
		g_free(name);
		g_free(to);
		g_free(bytes);
	}
	g_strfreev(files);
	g_free(dir);
	e->status = status;
	e->refused = status != CLI_OK;
	return status;
}

/* Whether E (an entry, as html_index_drop_links passes it) wrote the file NAME. */
static bool has_output(const char *name, const void *ctx)
{
	const struct entry *e = ctx;
	for (size_t i = 0; i < e->n_outs; i++)
		if (strcmp(e->outs[i].name, name) == 0)
			return true;
	return false;
}

/* A <refused file> with the first diagnostics of E, errors first. */
static void add_refused(struct html_tree *tree, const struct entry *e)
{
	char *lines[5];
	size_t shown = 0;
	for (int pass = 0; pass < 2; pass++) {
		for (size_t k = 0; k < e->diags.n && shown < 5; k++) {
			const struct diag *d = &e->diags.items[k];
			if ((pass == 0) != (d->severity == DIAG_ERROR))
				continue;
			lines[shown++] = g_strdup_printf("%s:%u:%u: %s: %s [%s]", d->file, d->line, d->col,
							 d->severity == DIAG_ERROR ? "error" : "warning",
							 d->message ? d->message : "…", d->rule);
		}
	}
	html_index_add_refused(tree, e->file, (const char *const *)lines, shown);
	for (size_t k = 0; k < shown; k++)
		g_free(lines[k]);
}

/* The index of the documents built (a refused one listed as failing), with the stylesheet
 * next to it. */
/* The documents of DOCS that were built, read and resolved again (in the parent: the
 * workers are gone) into MODELS and RDOCS, with OWNERS their entries; *K of them. */
static enum cli_status load_built(struct entry *docs, size_t n, struct model_doc **models,
				  struct resolved_doc **rdocs, struct entry **owners, size_t *k)
{
	struct diag_list seen; /* the documents' own, reported with them */
	diag_list_init(&seen);
	enum cli_status status = CLI_OK;
	for (size_t i = 0; status == CLI_OK && i < n; i++) {
		if (docs[i].refused)
			continue;
		struct resolve_options ropt = {.hyphenate = true};
		if (pipeline_check(docs[i].file, &seen, NULL, &models[*k]) != PIPELINE_OK ||
		    resolve_document(models[*k], &ropt, &rdocs[*k]) != 0) {
			model_doc_free(models[*k]);
			models[*k] = NULL;
			status = CLI_INTERNAL; /* it changed while we worked, or memory ran out */
			break;
		}
		owners[(*k)++] = &docs[i];
	}
	diag_list_clear(&seen);
	return status;
}

/* The index tree of the K built documents, their links to files not written dropped,
 * and the refused documents of DOCS added; NULL when memory ran out. */
static struct html_tree *index_tree(struct resolved_doc **rdocs, struct entry **owners,
				    size_t k, const struct entry *docs, size_t n)
{
	struct html_tree *tree = NULL;
	if (html_index_tree((const struct resolved_doc *const *)rdocs, k, &tree) != 0)
		return NULL;
	for (size_t i = 0; i < k; i++)
		html_index_drop_links(tree, i, has_output, owners[i]);
	for (size_t d = 0; d < n; d++)
		if (docs[d].refused)
			add_refused(tree, &docs[d]);
	return tree;
}

static enum cli_status write_index(const struct build_opts *o, struct html *html,
				   struct entry *docs, size_t n, struct entry *e)
{
	struct model_doc **models = calloc(n + 1, sizeof *models);
	struct resolved_doc **rdocs = calloc(n + 1, sizeof *rdocs);
	struct entry **owners = calloc(n + 1, sizeof *owners);
	size_t k = 0;
	enum cli_status status = models && rdocs && owners ? CLI_OK : CLI_INTERNAL;
	if (status == CLI_OK && (status = load_built(docs, n, models, rdocs, owners, &k)) != CLI_OK)
		diag_add(&e->diags, DIAG_ERROR, "index.html", 0, 0, "internal",
			 "a document could not be read again for the index");
	struct html_tree *tree = status == CLI_OK ? index_tree(rdocs, owners, k, docs, n) : NULL;
	if (status == CLI_OK && !tree)
		status = CLI_INTERNAL;
	char *bytes = NULL;
	size_t len = 0;
	struct work w = {.out = o->out, .e = e};
	if (status == CLI_OK && html_render_index_tree(html, tree, &bytes, &len) != 0) {
		diag_add(&e->diags, DIAG_ERROR, "index.html", 0, 0, "html",
			 "the index could not be made: %s", html_error(html));
		status = CLI_INTERNAL;
	}
	if (status == CLI_OK)
		status = write_named(&w, "index.html", bytes, len, &e->diags);
	size_t css_len = 0;
	const char *css = html_css(&css_len);
	if (status == CLI_OK)
		status = write_named(&w, HTML_CSS_NAME, css, css_len, &e->diags);
	free(bytes);
	html_tree_free(tree);
	for (size_t j = 0; j < k; j++) {
		resolved_doc_free(rdocs[j]);
		model_doc_free(models[j]);
	}
	free(models);
	free(rdocs);
	free(owners);
	e->status = status;
	e->refused = status != CLI_OK;
	return status;
}

/* The index's key: every document's key, state and outputs. */
static void index_key(const char *global, const struct entry *docs, size_t n, char key[65])
{
	GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
	g_checksum_update(sum, (const guchar *)global, -1);
	for (size_t i = 0; i < n; i++) {
		char *line = g_strdup_printf("\n%s\t%s\t%d\t%zu", docs[i].file, docs[i].key,
					     docs[i].refused, docs[i].diags.n);
		g_checksum_update(sum, (const guchar *)line, -1);
		g_free(line);
		for (size_t k = 0; k < docs[i].n_outs; k++)
			g_checksum_update(sum, (const guchar *)docs[i].outs[k].name, -1);
	}
	snprintf(key, 65, "%s", g_checksum_get_string(sum));
	g_checksum_free(sum);
}

/* Removes the files OLD says broadside wrote that no entry of NOW has. */
static void remove_stale(const char *out, const struct manifest *old, const struct manifest *now)
{
	GHashTable *keep = g_hash_table_new(g_str_hash, g_str_equal);
	for (size_t i = 0; i < now->n; i++)
		for (size_t k = 0; k < now->entries[i].n_outs; k++)
			g_hash_table_add(keep, now->entries[i].outs[k].name);
	for (size_t i = 0; i < old->n; i++) {
		for (size_t k = 0; k < old->entries[i].n_outs; k++) {
			const char *name = old->entries[i].outs[k].name;
			if (g_hash_table_contains(keep, name) || strstr(name, "..") || name[0] == '/')
				continue;
			char *path = g_build_filename(out, name, NULL);
			unlink(path);
			g_free(path);
		}
	}
	g_hash_table_destroy(keep);
}

/* Writes M as OUT's manifest, unless it says what WAS (the old one's text) says. */
static enum cli_status write_manifest(const char *out, const struct manifest *m, const char *was)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	if (!f)
		return CLI_INTERNAL;
	fputs("broadside-manifest\t1\n", f);
	for (size_t i = 0; i < m->n; i++)
		entry_write(&m->entries[i], f);
	fclose(f);
	if (was && strlen(was) == len && memcmp(was, text, len) == 0) {
		free(text);
		return CLI_OK;
	}
	char *path = g_build_filename(out, MANIFEST_NAME, NULL);
	enum cli_status status = CLI_OK;
	if (out_make_dirs(out) != 0 || out_write(path, text, len) != 0) {
		fprintf(stderr, "broadside: build: %s: cannot write the manifest: %s\n", path,
			strerror(errno));
		status = CLI_UNREADABLE;
	}
	g_free(path);
	free(text);
	return status;
}

/* ---- reports ----------------------------------------------------------------------------- */

/* The run for report.h; free DOCS' outputs arrays with run_free. */
static void make_run(const struct entry *docs, size_t n, double seconds, struct report_run *run)
{
	struct report_doc *rd = calloc(n + 1, sizeof *rd);
	*run = (struct report_run){.docs = rd, .n = rd ? n : 0, .seconds = seconds};
	for (size_t i = 0; rd && i < n; i++) {
		const struct entry *e = &docs[i];
		const char **outs = calloc(e->n_outs + 1, sizeof *outs);
		for (size_t k = 0; outs && k < e->n_outs; k++)
			outs[k] = e->outs[k].name;
		rd[i] = (struct report_doc){.file = e->file, .refused = e->refused,
					    .rendered = e->rendered, .pdfs = e->pdfs, .pages = e->pages,
					    .outputs = outs, .n_outputs = outs ? e->n_outs : 0,
					    .diags = &e->diags};
		run->pdfs += e->pdfs;
		run->pages += e->pages;
		run->refused += e->refused;
		run->rendered += e->rendered;
		run->warnings += (int)diag_count(&e->diags, DIAG_WARNING);
	}
}

static void run_free(struct report_run *run)
{
	for (size_t i = 0; i < run->n; i++)
		free((void *)run->docs[i].outputs);
	free((void *)run->docs);
}

typedef void report_fn(const struct report_run *run, FILE *out);

/* Writes the report FN makes to PATH ("-": stdout), atomically. */
static enum cli_status write_report(const char *path, report_fn *fn, const struct report_run *run)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	if (!f)
		return CLI_INTERNAL;
	fn(run, f);
	fclose(f);
	enum cli_status status = CLI_OK;
	if (out_write(path, text, len) != 0) {
		fprintf(stderr, "broadside: build: %s: cannot write the report: %s\n", path,
			strerror(errno));
		status = CLI_UNREADABLE;
	}
	free(text);
	return status;
}

static enum cli_status write_reports(const struct build_opts *o, const struct report_run *run)
{
	enum cli_status status = CLI_OK;
	for (size_t i = 0; i < o->n_reports; i++) {
		const char *r = o->reports[i];
		bool junit = g_str_has_prefix(r, "junit=");
		status = cli_worse(status, write_report(strchr(r, '=') + 1,
							junit ? report_junit : report_json, run));
	}
	if (o->annotations && strcmp(o->annotations, "github") == 0)
		status = cli_worse(status, write_report("-", report_github, run));
	else if (o->annotations)
		status = cli_worse(status, write_report(o->annotations[6] == '=' ? o->annotations + 7
							: "-", report_gitlab, run));
	return status;
}

/* Each document's diagnostics on stderr: a refused document's always, warnings of what was
 * built now (all with -v, errors only with -q). */
static void print_diagnostics(const struct build_opts *o, const struct entry *docs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct entry *e = &docs[i];
		if (o->verbose)
			fprintf(stderr, "%s: %s (%d PDFs, %d pages)\n", e->file,
				e->refused ? "refused" : e->rendered ? "built" : "up to date", e->pdfs,
				e->pages);
		bool warnings = o->verbose || (e->rendered && !o->quiet);
		for (size_t k = 0; k < e->diags.n; k++) {
			struct diag_list one = {.items = (struct diag *)&e->diags.items[k], .n = 1};
			if (e->diags.items[k].severity == DIAG_ERROR || warnings)
				diag_print_text(&one, stderr);
		}
	}
}

/* ---- the command ------------------------------------------------------------------------ */

static const char *set_jobs(void *opts, char *arg)
{
	char *end;
	long n = strtol(arg, &end, 10);
	if (*end || end == arg || n < 1 || n > 256)
		return "takes a number of processes from 1 to 256";
	((struct build_opts *)opts)->jobs = (int)n;
	return NULL;
}

static const char *add_report(void *opts, char *arg)
{
	struct build_opts *o = opts;
	if ((!g_str_has_prefix(arg, "junit=") && !g_str_has_prefix(arg, "json=")) ||
	    !strchr(arg, '=')[1])
		return "takes junit=FILE or json=FILE";
	if (o->n_reports == MAX_REPORTS)
		return "is given too often";
	o->reports[o->n_reports++] = arg;
	return NULL;
}

static const char *set_annotations(void *opts, char *arg)
{
	if (strcmp(arg, "github") != 0 && strcmp(arg, "gitlab") != 0 &&
	    !(g_str_has_prefix(arg, "gitlab=") && arg[7]))
		return "is github, gitlab or gitlab=FILE";
	((struct build_opts *)opts)->annotations = arg;
	return NULL;
}

#define BUILD_FIELD(member) .field = offsetof(struct build_opts, member)

static const struct cli_option build_table[] = {
	{.name = "output", .letter = 'o', .metavar = "OUT", .action = CLI_STRING, BUILD_FIELD(out),
	 .help = "the folder the outputs go to (default: out)"},
	{.name = "jobs", .letter = 'j', .metavar = "N", .action = CLI_CALL, .check = set_jobs,
	 .help = "build N documents at a time, each in a process of its own\n"
		 "(default: the number of processors); the outputs are the same\n"
		 "bytes whatever N is"},
	{.name = "report", .metavar = "junit=FILE|json=FILE", .action = CLI_CALL,
	 .check = add_report,
	 .help = "also write a JUnit XML report (a testcase per document, a\n"
		 "failure with the diagnostics for each refused one) or a JSON\n"
		 "report to FILE (- for stdout); may be given more than once"},
	{.name = "annotations", .metavar = "github|gitlab[=FILE]", .action = CLI_CALL,
	 .check = set_annotations,
	 .help = "github: a ::error/::warning line per diagnostic on stdout, which\n"
		 "GitHub Actions shows on the file; gitlab: a code-quality\n"
		 "report (JSON) on stdout, or in FILE with gitlab=FILE"},
	{.name = "strict", .action = CLI_SET_BOOL, BUILD_FIELD(strict), .value = 1,
	 .help = "refuse documents with warnings too"},
	{.name = "quiet", .letter = 'q', .action = CLI_SET_BOOL, BUILD_FIELD(quiet), .value = 1,
	 .help = "print errors only: no warnings, progress or summary"},
	{.name = "verbose", .letter = 'v', .action = CLI_SET_BOOL, BUILD_FIELD(verbose), .value = 1,
	 .help = "say for each document whether it was built, up to date or\n"
		 "refused, and print every warning, also of documents up to date"},
	{NULL},
};

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The documents: the SRCs given, or xml/. */
static enum cli_status find_documents(struct build_opts *o, struct manifest *m)
{
	const char *fallback[] = {"xml"};
	char **list = NULL;
	size_t n = 0;
	char *why = NULL;
	bool given = o->args.n_files > 0;
	if (docfind_collect(given ? (const char *const *)o->args.files : fallback,
			    given ? o->args.n_files : 1, &list, &n, &why) != 0) {
		fprintf(stderr, "broadside: build: %s\n", why ? why : "out of memory");
		free(why);
		return CLI_UNREADABLE;
	}
	m->entries = calloc(n + 2, sizeof *m->entries);
	if (!m->entries) {
		docfind_free(list, n);
		return CLI_INTERNAL;
	}
	for (size_t i = 0; i < n; i++) {
		diag_list_init(&m->entries[i].diags);
		m->entries[i].file = list[i];
	}
	free(list);
	m->n = n;
	return CLI_OK;
}

/* The fonts and the index, each as an entry after the documents. */
static enum cli_status build_shared(const struct build_opts *o, struct html *html,
				    const char *global, const char *fonts, struct manifest *now_m,
				    const struct manifest *old)
{
	size_t n = now_m->n;
	struct entry *f = &now_m->entries[n], *ix = &now_m->entries[n + 1];
	diag_list_init(&f->diags);
	diag_list_init(&ix->diags);
	f->file = strdup(":fonts");
	ix->file = strdup(":index");
	now_m->n = n + 2;
	if (!f->file || !ix->file)
		return CLI_INTERNAL;
	snprintf(f->key, sizeof f->key, "%s", global);
	index_key(global, now_m->entries, n, ix->key);
	enum cli_status status = CLI_OK;
	if (!up_to_date(o, old, f))
		status = copy_fonts(o, fonts, f);
	if (!up_to_date(o, old, ix))
		status = cli_worse(status, write_index(o, html, now_m->entries, n, ix));
	for (size_t i = n; i < n + 2; i++) /* their own failures, said once */
		diag_print_text(&now_m->entries[i].diags, stderr);
	return status;
}

/* Everything after the options: the documents found, built, the shared files written. */
static enum cli_status build_all(struct build_opts *o, struct html *html, const char *fonts,
				 struct manifest *old, struct manifest *m, double started)
{
	char global[65];
	global_key(o, fonts, global);
	size_t len = 0;
	char *path = g_build_filename(o->out, MANIFEST_NAME, NULL);
	char *text = read_all(path, &len);
	g_free(path);
	char *was = text ? g_strdup(text) : NULL; /* manifest_parse cuts TEXT up */
	if (text && manifest_parse(old, text) != 0)
		manifest_clear(old);
	g_free(text);
	enum cli_status status = find_documents(o, m);
	bool *todo = status == CLI_OK ? calloc(m->n + 1, sizeof *todo) : NULL;
	if (!todo) {
		g_free(was);
		return status == CLI_OK ? CLI_INTERNAL : status;
	}
	for (size_t i = 0; i < m->n; i++) {
		doc_key(global, m->entries[i].file, m->entries[i].key);
		todo[i] = !up_to_date(o, old, &m->entries[i]);
	}
	status = run_jobs(o, html, m->entries, todo, m->n);
	memset(todo, 0, m->n * sizeof *todo);
	if (status == CLI_OK && refuse_clashes(m->entries, m->n, todo))
		status = run_jobs(o, html, m->entries, todo, m->n);
	free(todo);
	size_t n_docs = m->n;
	for (size_t i = 0; i < n_docs; i++)
		status = cli_worse(status, m->entries[i].status);
	status = cli_worse(status, build_shared(o, html, global, fonts, m, old));
	remove_stale(o->out, old, m);
	status = cli_worse(status, write_manifest(o->out, m, was));
	g_free(was);
	print_diagnostics(o, m->entries, n_docs);
	struct report_run run;
	make_run(m->entries, n_docs, now() - started, &run);
	status = cli_worse(status, write_reports(o, &run));
	if (!o->quiet)
		fprintf(stderr, "%zu document%s, %d PDF%s, %d page%s, %d refused, %d warning%s in %.2f s\n",
			run.n, run.n == 1 ? "" : "s", run.pdfs, run.pdfs == 1 ? "" : "s", run.pages,
			run.pages == 1 ? "" : "s", run.refused, run.warnings, run.warnings == 1 ? "" : "s",
			now() - started);
	run_free(&run);
	return status;
}

static enum cli_status start(struct html **html, const char **fonts)
{
	const char *why = NULL;
	char *error = NULL;
	if (pipeline_init() != 0) {
		fputs("broadside: the built-in schema does not compile (a build defect)\n", stderr);
		return CLI_INTERNAL;
	}
	if (!fonts_font_map(&why)) {
		fprintf(stderr, "broadside: build: %s\n", why);
		return CLI_UNREADABLE;
	}
	*fonts = fonts_dir();
	if (!(*html = html_new(&error))) {
		fprintf(stderr, "broadside: the built-in stylesheets do not compile (a build defect): %s\n",
			error ? error : "out of memory");
		free(error);
		return CLI_INTERNAL;
	}
	return CLI_OK;
}

static enum cli_status build_main(int argc, char **argv)
{
	double started = now();
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	struct build_opts o = {.out = "out", .jobs = cpus > 0 && cpus <= 256 ? (int)cpus : 1};
	enum cli_status status = cli_parse("build", build_table, &o, argc, argv, &o.args);
	if (status != CLI_OK || o.args.help) {
		cli_args_clear(&o.args);
		return status;
	}
	if (out_kind_of(o.out) != OUT_DIRECTORY && out_kind_of(o.out) != OUT_MISSING) {
		cli_args_clear(&o.args);
		return cli_usage_error("build", "-o takes a folder, not ", o.out);
	}
	for (size_t i = 0; i < o.args.n_files; i++) {
		if (strcmp(o.args.files[i], "-") == 0) { /* its outputs would have no source to key */
			cli_args_clear(&o.args);
			return cli_usage_error("build", "builds files and folders, not standard input: ", "-");
		}
	}
	struct html *html = NULL;
	const char *fonts = NULL;
	struct manifest old = {0}, m = {0};
	status = start(&html, &fonts);
	if (status == CLI_OK)
		status = build_all(&o, html, fonts, &old, &m, started);
	manifest_clear(&m);
	manifest_clear(&old);
	html_free(html);
	html_cleanup();
	fonts_cleanup();
	resolve_cleanup();
	pipeline_cleanup();
	cli_args_clear(&o.args);
	return status;
}

const struct cli_command cmd_build = {
	"build", build_main, "build a folder of documents: PDFs, pages, fonts and an index",
	"usage: broadside build [-j N] [-o OUT] [--report junit=FILE] [--annotations github]\n"
	"                       [SRC...]\n",
	"Validates every document in each SRC (default: xml/; a folder is searched for\n"
	"*.xml files that are broadside documents, the schema folder left out) and writes\n"
	"into OUT (default: out/), for a document with id ID and languages L1 L2 ...:\n"
	"  ID.pdf, or ID.L1.pdf ...  the leaflets its <print> asks for\n"
	"  ID.L1.pdf ...             and one leaflet per language\n"
	"  ID.html, ID.L1.html ...   its web pages (as 'broadside html')\n"
	"and once: index.html (every document, the refused ones listed as failing with\n"
	"their first diagnostics; links only to files that were written), " HTML_CSS_NAME ",\n"
	"and the fonts the pages load, in " HTML_FONTS_DIR "/.\n"
	"\n"
	"It is incremental: OUT/" MANIFEST_NAME " records what each output was made from\n"
	"(the hash of the document's bytes, the fonts, broadside itself with its stylesheets,\n"
	"the options and SOURCE_DATE_EPOCH); what has not changed is not made again, and the\n"
	"outputs of documents that are gone are removed (only files the manifest lists).\n"
	"A refused document gets no outputs and does not stop the others.  Documents are\n"
	"built in parallel processes (-j); the bytes are the same as with -j 1.\n"
	"\n"
	"At the end, one line on stderr: N documents, N PDFs, N pages, N refused, N warnings\n"
	"in S s; a progress line while it runs, on a terminal only.\n",
	{{"options", build_table}},
	"exit status: 0 built, 1 a document was refused (the others are built), 2 wrong\n"
	"usage, 3 a file could not be read or written, 4 internal error\n"
	"\n"
	"examples:\n"
	"  broadside build\n"
	"  broadside build -j 4 -o public docs/\n"
	"  broadside build --report junit=build/junit.xml --annotations github xml/\n"
	"  broadside build --annotations gitlab=gl-code-quality.json xml/\n"
};
