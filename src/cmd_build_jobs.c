/* cmd_build_jobs.c — `broadside build`'s documents built, each in a forked worker that
 * sends its entry back through a pipe, -j N at a time; and two documents with one id
 * refused.  See cmd_build.h. */
#include <errno.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cmd_build.h"
#include "cmd_pdf.h"
#include "html.h"
#include "memfile.h"
#include "out.h"

/* ---- one document, in a worker ------------------------------------------------------- */

struct work {
	const char *out;
	struct html *html;
	struct entry *e;
	bool html_done, single; /* the pages are written; <print> asks for single leaflets */
	enum cli_status status;
};

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
			status = build_write_named(w->out, w->e, name, bytes, len, diags);
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
	if (status == CLI_OK && build_record_output(w->e, w->out, name) != 0)
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
	build_entry_reset(e); /* built afresh, even when an earlier round had built it */
	build_document(o, html, e);
	struct memfile m;
	if (memfile_open(&m))
		build_entry_write(e, m.f);
	size_t len;
	char *text = memfile_close(&m, &len);
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
		  build_manifest_parse(&got, job->text->str) == 0 && got.n == 1;
	build_entry_reset(e);
	e->rendered = true;
	if (ok && build_entry_copy(e, &got.entries[0]) == 0) {
		build_manifest_clear(&got);
		return;
	}
	build_manifest_clear(&got);
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
	fflush(cli_out());
	fflush(cli_err());
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
		fprintf(cli_err(), "\r\033[K[%zu/%zu] %s", done, n, file);
	else
		fputs("\r\033[K", cli_err());
	fflush(cli_err());
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
enum cli_status build_run_jobs(const struct build_opts *o, struct html *html,
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
bool build_refuse_clashes(struct entry *docs, size_t n, bool *again)
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
