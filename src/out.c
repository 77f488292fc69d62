/* out.c — output files that never clobber; see out.h. */
#include "out.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int write_all(int fd, const char *bytes, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, bytes, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		bytes += n;
		len -= (size_t)n;
	}
	return 0;
}

const char *out_mode_name(mode_t mode)
{
	return S_ISREG(mode) ? "a regular file" : S_ISDIR(mode) ? "a directory"
	       : S_ISFIFO(mode) ? "a FIFO" : S_ISSOCK(mode) ? "a socket"
	       : S_ISCHR(mode) ? "a character device" : S_ISBLK(mode) ? "a block device"
	       : S_ISLNK(mode) ? "a symlink" : "not a file";
}

/* /dev/stdout and friends name whatever the process's descriptors are: write through
 * them, even when they are a redirected regular file (replacing that would detach it). */
static bool names_descriptor(const char *path)
{
	return strncmp(path, "/dev/std", 8) == 0 || strncmp(path, "/dev/fd/", 8) == 0 ||
	       strncmp(path, "/proc/self/fd/", 14) == 0;
}

static bool ends_in_slash(const char *path)
{
	size_t n = strlen(path);
	return n > 0 && path[n - 1] == '/';
}

enum out_kind out_kind_of(const char *path)
{
	struct stat st;
	if (strcmp(path, "-") == 0)
		return OUT_STDOUT;
	if (names_descriptor(path))
		return OUT_STREAM;
	if (stat(path, &st) != 0)
		return ends_in_slash(path) ? OUT_DIRECTORY : OUT_MISSING;
	if (S_ISREG(st.st_mode))
		return ends_in_slash(path) ? OUT_OTHER : OUT_FILE;
	if (S_ISDIR(st.st_mode))
		return OUT_DIRECTORY;
	if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode))
		return OUT_STREAM;
	return OUT_OTHER;
}

int out_make_dirs(const char *dir)
{
	char *path = strdup(dir);
	if (!path)
		return -1;
	int rc = 0;
	for (char *p = path + 1; rc == 0; p++) {
		bool end = *p == '\0';
		if (*p != '/' && !end)
			continue;
		*p = '\0';
		struct stat st;
		if (mkdir(path, 0777) != 0 && errno != EEXIST)
			rc = -1;
		else if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
			rc = (errno = ENOTDIR, -1);
		if (end)
			break;
		*p = '/';
	}
	int saved = errno;
	free(path);
	errno = saved;
	return rc;
}

char *out_dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return strdup(".");
	return slash == path ? strdup("/") : strndup(path, (size_t)(slash - path));
}

int out_path_in(const char *dir, const char *name, char **path, char **folder)
{
	*path = NULL;
	if (folder)
		*folder = NULL;
	char *d = strdup(dir);
	if (!d)
		return -1;
	for (size_t k = strlen(d); k > 1 && d[k - 1] == '/'; k--)
		d[k - 1] = '\0';
	int rc = out_make_dirs(d);
	if (rc == 0 && asprintf(path, "%s/%s", d, name) < 0)
		rc = (*path = NULL, errno = ENOMEM, -1);
	int saved = errno;
	if (rc != 0 && folder && errno != ENOMEM)
		*folder = d;
	else
		free(d);
	errno = saved;
	return rc;
}

char *out_resolve(const char *path)
{
	char *p = strdup(path);
	for (int hops = 0; p && hops < 40; hops++) {
		struct stat st;
		if (lstat(p, &st) != 0 || !S_ISLNK(st.st_mode))
			return p;
		char link[4096];
		ssize_t n = readlink(p, link, sizeof link - 1);
		if (n < 0) {
			free(p);
			return NULL;
		}
		link[n] = '\0';
		char *next = NULL, *dir = out_dir_of(p);
		if (dir && (link[0] == '/' ? asprintf(&next, "%s", link)
					   : asprintf(&next, "%s/%s", dir, link)) < 0)
			next = NULL;
		free(dir);
		free(p);
		p = next;
	}
	if (p) {
		free(p);
		errno = ELOOP;
	}
	return NULL;
}

static int write_through(const char *path, const char *bytes, size_t len)
{
	fflush(stdout); /* /dev/stdout: what was printed before comes first */
	int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = write_all(fd, bytes, len);
	int saved = errno;
	if (close(fd) != 0 && rc == 0) {
		rc = -1;
		saved = errno;
	}
	errno = saved;
	return rc;
}

int out_write(const char *path, const char *bytes, size_t len)
{
	if (strcmp(path, "-") == 0) {
		fflush(stdout); /* what was printed before comes first */
		return write_all(STDOUT_FILENO, bytes, len);
	}
	if (names_descriptor(path))
		return write_through(path, bytes, len);
	if (ends_in_slash(path)) {
		errno = EISDIR;
		return -1;
	}
	char *target = out_resolve(path);
	if (!target)
		return -1;
	struct stat st;
	int rc;
	if (stat(target, &st) != 0)
		rc = errno == ENOENT ? out_replace(target, bytes, len, NULL) : -1;
	else if (S_ISDIR(st.st_mode))
		rc = (errno = EISDIR, -1);
	else if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode))
		rc = write_through(target, bytes, len);
	else if (!S_ISREG(st.st_mode))
		rc = (errno = ENOTSUP, -1);
	else
		rc = out_replace(target, bytes, len, &st);
	int saved = errno;
	free(target);
	errno = saved;
	return rc;
}

int out_write_atomic(const char *path, const char *bytes, size_t len)
{
	return out_write(path, bytes, len);
}

/* The signals that would end the run while a temporary file has a name: held back
 * until it is renamed or removed, so that no handler has to clean up after them. */
static void hold_signals(sigset_t *old)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGQUIT);
	sigprocmask(SIG_BLOCK, &set, old);
	/* Past `ulimit -f`, write() fails with EFBIG and the file is removed as for any
	 * error, instead of the run ending with the file left behind. */
	signal(SIGXFSZ, SIG_IGN);
}

/* Gives FD the owner and mode of LIKE (or the default mode), writes, flushes. */
static int fill_temp(int fd, const char *bytes, size_t len, const struct stat *like)
{
	mode_t mode;
	if (like) {
		mode = like->st_mode & 07777;
		struct stat now;
		if (fchown(fd, like->st_uid, like->st_gid) != 0 &&
		    (fstat(fd, &now) != 0 || now.st_uid != like->st_uid ||
		     now.st_gid != like->st_gid)) {
			errno = EPERM;
			return -1;
		}
	} else {
		mode_t mask = umask(0);
		umask(mask);
		mode = 0666 & ~mask;
	}
	if (write_all(fd, bytes, len) != 0 || fchmod(fd, mode) != 0 || fsync(fd) != 0)
		return -1;
	return 0;
}

/* Gives the unnamed file FD a new unique name next to TARGET, in *NAME (free it). */
static int name_temp(int fd, const char *target, char **name)
{
	char proc[64];
	snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	unsigned seed = (unsigned)ts.tv_nsec ^ ((unsigned)getpid() << 16);
	for (int i = 0; i < 100; i++) {
		if (asprintf(name, "%s.%06x", target, (seed + (unsigned)i * 2654435761u) & 0xffffff) < 0)
			return -1;
		if (linkat(AT_FDCWD, proc, AT_FDCWD, *name, AT_SYMLINK_FOLLOW) == 0 ||
		    (errno == ENOENT && linkat(fd, "", AT_FDCWD, *name, AT_EMPTY_PATH) == 0))
			return 0;
		int saved = errno;
		free(*name);
		*name = NULL;
		if (saved != EEXIST)
			return (errno = saved, -1);
	}
	return (errno = EEXIST, -1);
}

/* The temporary file: unnamed in DIR where the file system can (and UNNAMED), else
 * TARGET.XXXXXX, named in *NAMED. */
static int open_temp(const char *dir, const char *target, bool unnamed, char **named)
{
	*named = NULL;
	int fd = unnamed ? open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600) : -1;
	if (fd >= 0)
		return fd;
	if (asprintf(named, "%s.XXXXXX", target) < 0)
		return (*named = NULL, -1);
	fd = mkostemp(*named, O_CLOEXEC);
	if (fd < 0) {
		int saved = errno;
		free(*named);
		*named = NULL;
		errno = saved;
	}
	return fd;
}

static void sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd); /* some file systems cannot: the rename stands anyway */
		close(fd);
	}
}

/* One try of out_replace; 1 when an unnamed temporary file could not be given a name
 * (no /proc, no privilege for AT_EMPTY_PATH): then try again with a named one. */
static int replace_once(const char *target, const char *dir, const char *bytes, size_t len,
			const struct stat *like, bool try_unnamed)
{
	char *name = NULL;
	int fd = open_temp(dir, target, try_unnamed, &name);
	bool unnamed = fd >= 0 && !name;
	int rc = fd < 0 ? -1 : fill_temp(fd, bytes, len, like);
	if (rc == 0 && unnamed && name_temp(fd, target, &name) != 0)
		rc = errno == EEXIST || errno == ENOSPC || errno == EDQUOT ? -1 : 1;
	/* The rename follows the link at once (the file is flushed, closing it can wait): a
	 * SIGKILL, which nothing can hold, finds a named temporary file only in the moment
	 * between these two calls. */
	if (rc == 0 && rename(name, target) != 0)
		rc = -1;
	int saved = errno;
	if (fd >= 0)
		close(fd); /* after fsync, nothing is left for close to report */
	if (rc != 0 && name)
		unlink(name);
	free(name);
	errno = saved;
	return rc;
}

int out_replace(const char *target, const char *bytes, size_t len, const struct stat *like)
{
	char *dir = out_dir_of(target);
	if (!dir)
		return -1;
	sigset_t old;
	hold_signals(&old);
	int rc = replace_once(target, dir, bytes, len, like, true);
	if (rc == 1)
		rc = replace_once(target, dir, bytes, len, like, false);
	int saved = errno;
	if (rc == 0)
		sync_dir(dir);
	sigprocmask(SIG_SETMASK, &old, NULL);
	free(dir);
	errno = saved;
	return rc;
}
