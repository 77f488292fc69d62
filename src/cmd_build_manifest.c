/* cmd_build_manifest.c — `broadside build`'s record of what it made: the entries, the
 * manifest's text (its format is in cmd_build.c), the keys outputs are made from, and
 * the outputs recorded, kept or removed; see cmd_build.h. */
#include <errno.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd_build.h"
#include "escape.h"
#include "memfile.h"
#include "grow.h"
#include "out.h"

#ifndef BROADSIDE_VERSION
#define BROADSIDE_VERSION "0.0.0-dev"
#endif

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

void build_manifest_clear(struct manifest *m)
{
	GROW_FREE(m->entries, m->n, entry_clear);
	m->entries = NULL;
	m->n = m->cap = 0;
}

/* Forgets what E's last build made, keeping its file and key. */
void build_entry_reset(struct entry *e)
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
	if (!GROW(e->outs, e->cap_outs, e->n_outs + 1))
		return -1;
	struct output *o = &e->outs[e->n_outs];
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
	escape_write(out, s, &escape_tsv);
}

void build_entry_write(const struct entry *e, FILE *out)
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
		if (!GROW(m->entries, m->cap, m->n + 1))
			return -1;
		e = &m->entries[m->n++];
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
int build_manifest_parse(struct manifest *m, char *text)
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

char *build_read_all(const char *path, size_t *len)
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

int build_entry_copy(struct entry *to, const struct entry *from)
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
	char *bytes = build_read_all(path, &len);
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
char **build_files_in(const char *dir)
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
void build_global_key(const struct build_opts *o, const char *fonts, char key[65])
{
	GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	char *opts = g_strdup_printf("broadside %s\nstrict=%d\nSOURCE_DATE_EPOCH=%s\n",
				     BROADSIDE_VERSION, o->strict, sde ? sde : "");
	g_checksum_update(sum, (const guchar *)opts, -1);
	g_free(opts);
	sum_file(sum, "/proc/self/exe");
	char **files = build_files_in(fonts);
	for (char **f = files; *f; f++)
		sum_file(sum, *f);
	g_strfreev(files);
	snprintf(key, 65, "%s", g_checksum_get_string(sum));
	g_checksum_free(sum);
}

void build_doc_key(const char *global, const char *file, char key[65])
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
int build_record_output(struct entry *e, const char *out, const char *name)
{
	char *path = g_build_filename(out, name, NULL);
	size_t len = 0;
	char *bytes = build_read_all(path, &len);
	g_free(path);
	if (!bytes)
		return -1;
	gchar *sha = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)bytes, len);
	int rc = add_output(e, name, (long long)len, sha);
	g_free(sha);
	g_free(bytes);
	return rc;
}

/* Writes NAME (BYTES) into OUT and records it as an output of E. */
enum cli_status build_write_named(const char *out, struct entry *e, const char *name,
				  const char *bytes, size_t len, struct diag_list *diags)
{
	char *path = g_build_filename(out, name, NULL);
	enum cli_status status = CLI_OK;
	if (out_make_dirs(out) != 0 || out_write(path, bytes, len) != 0) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "write", "cannot write the file: %s",
			 strerror(errno));
		status = CLI_UNREADABLE;
	} else if (build_record_output(e, out, name) != 0) {
		status = CLI_INTERNAL;
	}
	g_free(path);
	return status;
}


/* ---- what the parent writes: the fonts, the index, the manifest ------------------------ */

bool build_up_to_date(const struct build_opts *o, const struct manifest *old, struct entry *e)
{
	const struct entry *was = manifest_find(old, e->file);
	return was && strcmp(was->key, e->key) == 0 && outputs_there(o->out, was) &&
	       build_entry_copy(e, was) == 0;
}

/* The index's key: every document's key, state and outputs. */
void build_index_key(const char *global, const struct entry *docs, size_t n, char key[65])
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
void build_remove_stale(const char *out, const struct manifest *old, const struct manifest *now)
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
enum cli_status build_write_manifest(const char *out, const struct manifest *m, const char *was)
{
	struct memfile mf;
	FILE *f = memfile_open(&mf);
	if (f) {
		fputs("broadside-manifest\t1\n", f);
		for (size_t i = 0; i < m->n; i++)
			build_entry_write(&m->entries[i], f);
	}
	size_t len;
	char *text = memfile_close(&mf, &len);
	if (!text)
		return CLI_INTERNAL;
	if (was && strlen(was) == len && memcmp(was, text, len) == 0) {
		free(text);
		return CLI_OK;
	}
	char *path = g_build_filename(out, MANIFEST_NAME, NULL);
	enum cli_status status = CLI_OK;
	if (out_make_dirs(out) != 0 || out_write(path, text, len) != 0) {
		fprintf(cli_err(), "broadside: build: %s: cannot write the manifest: %s\n", path,
			strerror(errno));
		status = CLI_UNREADABLE;
	}
	g_free(path);
	free(text);
	return status;
}

