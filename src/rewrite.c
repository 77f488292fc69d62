/* rewrite.c — lock, read, apply, check, write atomically; see rewrite.h. */
#include "rewrite.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "out.h"

struct rewrite {
	struct loader loader; /* checks the bytes read and the bytes to write */
	char *path;          /* as given: diagnostics name it */
	char *target;        /* the file it names, symlinks followed: what is replaced */
	int fd;              /* open on TARGET, holding the lock */
	struct stat st;      /* TARGET when it was locked */
	struct source *src;  /* its bytes, read through FD */
};

void rewrite_close(struct rewrite *rw)
{
	if (!rw)
		return;
	if (rw->fd >= 0)
		close(rw->fd); /* and with it the lock */
	source_free(rw->src);
	free(rw->target);
	free(rw->path);
	free(rw);
}

/* Opens and locks RW->target; after the lock, the name must still be that file (a
 * concurrent rewrite may have renamed its new file in: then lock that one). */
static enum rewrite_status lock_target(struct rewrite *rw, struct diag_list *diags)
{
	for (int tries = 0; tries < 1000; tries++) {
		rw->fd = open(rw->target, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
		if (rw->fd < 0)
			break;
		struct stat now;
		if (fstat(rw->fd, &rw->st) != 0)
			break;
		if (!S_ISREG(rw->st.st_mode)) {
			diag_add(diags, DIAG_ERROR, rw->path, 0, 0, "read",
				 "not a regular file (%s); only a document file can be rewritten",
				 out_mode_name(rw->st.st_mode));
			return REWRITE_WRITE_FAILED;
		}
		int rc;
		while ((rc = flock(rw->fd, LOCK_EX)) != 0 && errno == EINTR)
			;
		if (rc != 0)
			break;
		if (stat(rw->target, &now) == 0 && now.st_dev == rw->st.st_dev &&
		    now.st_ino == rw->st.st_ino) {
			fstat(rw->fd, &rw->st);
			return REWRITE_OK;
		}
		close(rw->fd);
		rw->fd = -1;
	}
	diag_add(diags, DIAG_ERROR, rw->path, 0, 0, "read", "cannot read the file: %s",
		 strerror(errno));
	return REWRITE_WRITE_FAILED;
}

static enum rewrite_status read_locked(struct rewrite *rw, struct diag_list *diags)
{
	errno = 0;
	enum source_status loaded = source_load_fd(rw->fd, rw->path, false, &rw->src);
	if (loaded == SOURCE_OK)
		return REWRITE_OK;
	if (loaded == SOURCE_NO_MEMORY)
		return REWRITE_NO_MEMORY;
	if (loaded == SOURCE_TOO_LARGE) {
		diag_add(diags, DIAG_ERROR, rw->path, 0, 0, "file-size",
			 "the file is larger than %u MiB; broadside documents are small",
			 SOURCE_MAX_BYTES / (1024 * 1024));
		return REWRITE_INVALID;
	}
	diag_add(diags, DIAG_ERROR, rw->path, 0, 0, "read", "cannot read the file: %s",
		 strerror(errno ? errno : EIO));
	return REWRITE_WRITE_FAILED;
}

enum rewrite_status rewrite_open(const char *path, const struct loader *loader,
				 struct rewrite **out, struct diag_list *diags)
{
	*out = NULL;
	if (strcmp(path, "-") == 0) {
		diag_add(diags, DIAG_ERROR, "-", 0, 0, "write",
			 "standard input cannot be changed in place; give the document's file");
		return REWRITE_WRITE_FAILED;
	}
	struct rewrite *rw = calloc(1, sizeof *rw);
	if (!rw)
		return REWRITE_NO_MEMORY;
	rw->fd = -1;
	rw->loader = *loader;
	rw->path = strdup(path);
	errno = 0;
	rw->target = rw->path ? out_resolve(path) : NULL;
	if (!rw->target) {
		enum rewrite_status status = REWRITE_NO_MEMORY;
		if (rw->path && errno != ENOMEM) {
			diag_add(diags, DIAG_ERROR, path, 0, 0, "read", "cannot read the file: %s",
				 strerror(errno));
			status = REWRITE_WRITE_FAILED;
		}
		rewrite_close(rw);
		return status;
	}
	enum rewrite_status status = lock_target(rw, diags);
	if (status == REWRITE_OK)
		status = read_locked(rw, diags);
	if (status != REWRITE_OK) {
		rewrite_close(rw);
		return status;
	}
	*out = rw;
	return REWRITE_OK;
}

const char *rewrite_bytes(const struct rewrite *rw, size_t *len)
{
	*len = rw->src->len;
	return rw->src->bytes;
}

enum pipeline_status rewrite_check(const struct rewrite *rw, struct diag_list *diags,
				   struct source **src, struct model_doc **doc)
{
	return rw->loader.check(rw->loader.context, rw->path, rw->src->bytes, rw->src->len, diags,
				src, doc);
}

/* Replacing the file must not change what it is: refuse a read-only file (by its mode
 * bits too: root ignores them), a read-only folder, and a file with several links. */
static bool writable(const struct rewrite *rw, struct diag_list *diags)
{
	const char *slash = strrchr(rw->target, '/');
	char *dir = !slash ? strdup(".") : slash == rw->target ? strdup("/")
					 : strndup(rw->target, (size_t)(slash - rw->target));
	struct stat ds;
	bool dir_ok = dir && stat(dir, &ds) == 0 && (ds.st_mode & S_IWUSR) &&
		      access(dir, W_OK | X_OK) == 0;
	free(dir);
	if (!(rw->st.st_mode & S_IWUSR) || access(rw->target, W_OK) != 0)
		diag_add(diags, DIAG_ERROR, rw->path, 0, 0, "write",
			 "the file is read-only (mode %04o), so nothing was written; make it "
			 "writable (chmod u+w) to change it", (unsigned)(rw->st.st_mode & 07777));
	else if (rw->st.st_nlink > 1)
		diag_add(diags, DIAG_ERROR, rw->path, 0, 0, "write",
			 "the file has %ju hard links; replacing it would split them, so nothing "
			 "was written (copy it to a file of its own to change it)",
			 (uintmax_t)rw->st.st_nlink);
	else if (!dir_ok)
		diag_add(diags, DIAG_ERROR, rw->path, 0, 0, "write",
			 "the file's folder is read-only, so nothing was written");
	else
		return true;
	return false;
}

/* The file on disk must still be what was read: an editor that does not lock may have
 * saved it meanwhile, in place or by renaming a new file over it. */
static bool unchanged(const struct rewrite *rw, struct diag_list *diags)
{
	struct stat now, here;
	bool same = stat(rw->target, &now) == 0 && fstat(rw->fd, &here) == 0 &&
		    now.st_dev == rw->st.st_dev && now.st_ino == rw->st.st_ino &&
		    (size_t)here.st_size == rw->src->len;
	char buf[65536];
	for (off_t at = 0; same && (size_t)at < rw->src->len;) {
		ssize_t n = pread(rw->fd, buf, sizeof buf, at);
		if (n < 0 && errno == EINTR)
			continue;
		same = n > 0 && (size_t)at + (size_t)n <= rw->src->len &&
		       memcmp(buf, rw->src->bytes + at, (size_t)n) == 0;
		at += n > 0 ? n : 0;
	}
	if (!same)
		diag_add(diags, DIAG_ERROR, rw->path, 0, 0, "write",
			 "the file changed on disk while it was being worked on (saved by another "
			 "program?), so nothing was written; run the command again");
	return same;
}

/* Whether BYTES is a valid document; if not, its errors go to DIAGS. */
static enum rewrite_status still_valid(const struct rewrite *rw, const char *bytes, size_t len,
				       struct diag_list *diags)
{
	const char *path = rw->path;
	struct diag_list found;
	diag_list_init(&found);
	enum rewrite_status status = REWRITE_OK;
	enum pipeline_status checked = rw->loader.check(rw->loader.context, path, bytes, len,
							&found, NULL, NULL);
	if (found.out_of_memory) {
		status = REWRITE_NO_MEMORY;
	} else if (checked != PIPELINE_OK) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "rewrite",
			 "the changes would make the document invalid, so nothing was written; "
			 "in the changed document:");
		for (size_t i = 0; i < found.n; i++)
			if (found.items[i].severity == DIAG_ERROR)
				diag_add(diags, DIAG_ERROR, found.items[i].file, found.items[i].line,
					 found.items[i].col, found.items[i].rule, "(after the changes) %s",
					 found.items[i].message);
		status = REWRITE_INVALID;
	}
	diag_list_clear(&found);
	return status;
}

enum rewrite_status rewrite_replace(struct rewrite *rw, const char *bytes, size_t len,
				    bool dry_run, struct diag_list *diags)
{
	enum rewrite_status status = still_valid(rw, bytes, len, diags);
	if (status != REWRITE_OK || dry_run)
		return status;
	if (!writable(rw, diags) || !unchanged(rw, diags))
		return REWRITE_WRITE_FAILED;
	if (out_replace(rw->target, bytes, len, &rw->st) != 0) {
		if (errno == EPERM)
			diag_add(diags, DIAG_ERROR, rw->path, 0, 0, "write",
				 "the new file could not be given the file's owner and group (%ju:%ju), "
				 "so nothing was written", (uintmax_t)rw->st.st_uid,
				 (uintmax_t)rw->st.st_gid);
		else
			diag_add(diags, DIAG_ERROR, rw->path, 0, 0, "write",
				 "cannot write the file: %s", strerror(errno));
		return REWRITE_WRITE_FAILED;
	}
	return REWRITE_OK;
}

enum rewrite_status rewrite_commit(struct rewrite *rw, const struct source *src,
				   struct edit_list *edits, bool dry_run, struct diag_list *diags)
{
	if (edits->n == 0)
		return REWRITE_OK;
	char *bytes = NULL;
	size_t len = 0;
	if (edit_apply(src, edits, &bytes, &len) != 0)
		return REWRITE_NO_MEMORY;
	enum rewrite_status status = rewrite_replace(rw, bytes, len, dry_run, diags);
	free(bytes);
	return status;
}

enum rewrite_status rewrite_document(const struct source *src, const struct loader *loader,
				     struct edit_list *edits, bool dry_run, struct diag_list *diags)
{
	if (edits->n == 0)
		return REWRITE_OK;
	struct rewrite *rw = NULL;
	enum rewrite_status status = rewrite_open(src->path, loader, &rw, diags);
	if (status != REWRITE_OK)
		return status;
	if (rw->src->len != src->len || memcmp(rw->src->bytes, src->bytes, src->len) != 0) {
		diag_add(diags, DIAG_ERROR, src->path, 0, 0, "write",
			 "the file changed on disk while it was being worked on, so nothing was "
			 "written; run the command again");
		status = REWRITE_WRITE_FAILED;
	} else {
		status = rewrite_commit(rw, src, edits, dry_run, diags);
	}
	rewrite_close(rw);
	return status;
}
