/* source.c — file bytes with a line table, and those bytes changed; see source.h. */
#include "source.h"

#include "grow.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static enum source_status index_lines(struct source *src)
{
	size_t n = 1;
	for (size_t i = 0; i < src->len; i++)
		if (src->bytes[i] == '\n')
			n++;
	src->line_starts = malloc(n * sizeof *src->line_starts);
	if (!src->line_starts)
		return SOURCE_NO_MEMORY;
	src->line_starts[0] = 0;
	src->n_lines = 1;
	for (size_t i = 0; i < src->len; i++)
		if (src->bytes[i] == '\n')
			src->line_starts[src->n_lines++] = (uint32_t)(i + 1);
	return SOURCE_OK;
}

enum source_status source_from_memory(const char *path, const char *bytes, size_t len,
				      struct source **out)
{
	*out = NULL;
	if (len > SOURCE_MAX_BYTES)
		return SOURCE_TOO_LARGE;
	size_t path_size = strlen(path) + 1;
	struct source *src = calloc(1, sizeof *src + path_size); /* the path after it */
	if (!src)
		return SOURCE_NO_MEMORY;
	src->path = memcpy(src + 1, path, path_size);
	src->bytes = malloc(len + 1);
	if (!src->bytes) {
		source_free(src);
		return SOURCE_NO_MEMORY;
	}
	if (len)
		memcpy(src->bytes, bytes, len);
	src->bytes[len] = '\0';
	src->len = len;
	if (index_lines(src) != SOURCE_OK) {
		source_free(src);
		return SOURCE_NO_MEMORY;
	}
	*out = src;
	return SOURCE_OK;
}

/* Reads up to CAP bytes of FD into a new buffer; *LEN is what was read. */
static enum source_status read_capped(int fd, size_t cap, char **buf, size_t *len)
{
	size_t size = 64 * 1024, used = 0;
	char *data = malloc(size);
	if (!data)
		return SOURCE_NO_MEMORY;
	for (;;) {
		if (used == size) {
			if (size > cap) {
				break;
			}
			if (!GROW(data, size, size + 1)) {
				free(data);
				return SOURCE_NO_MEMORY;
			}
		}
		ssize_t got = read(fd, data + used, size - used);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			free(data);
			return SOURCE_UNREADABLE;
		}
		if (got == 0)
			break;
		used += (size_t)got;
		if (used > cap)
			break;
	}
	*buf = data;
	*len = used;
	return SOURCE_OK;
}

enum source_status source_load_fd(int fd, const char *path, bool any_kind,
				  struct source **out)
{
	*out = NULL;
	struct stat st;
	if (fstat(fd, &st) != 0)
		return SOURCE_UNREADABLE;
	if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		return SOURCE_UNREADABLE;
	}
	/* A FIFO or a device would be waited on (or read forever): not a document. */
	if (!any_kind && !S_ISREG(st.st_mode))
		return SOURCE_NOT_REGULAR;
	int flags = fcntl(fd, F_GETFL);
	if (flags >= 0 && (flags & O_NONBLOCK))
		fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	char *data = NULL;
	size_t len = 0;
	enum source_status status = read_capped(fd, SOURCE_MAX_BYTES, &data, &len);
	if (status != SOURCE_OK)
		return status;
	if (len > SOURCE_MAX_BYTES)
		status = SOURCE_TOO_LARGE;
	else
		status = source_from_memory(path, data, len, out);
	free(data);
	return status;
}

enum source_status source_load(const char *path, struct source **out)
{
	*out = NULL;
	if (strcmp(path, "-") == 0)
		return source_load_fd(STDIN_FILENO, "-", true, out);
	/* O_NONBLOCK: opening a FIFO must not wait for a writer before it can be refused. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return SOURCE_UNREADABLE;
	enum source_status status = source_load_fd(fd, path, false, out);
	int saved = errno;
	close(fd);
	errno = saved;
	return status;
}

const char *source_kind_name(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return "not a regular file";
	return S_ISFIFO(st.st_mode) ? "a FIFO" : S_ISSOCK(st.st_mode) ? "a socket"
	       : S_ISCHR(st.st_mode) ? "a character device"
	       : S_ISBLK(st.st_mode) ? "a block device" : "not a regular file";
}

void source_free(struct source *src)
{
	if (!src)
		return;
	free(src->bytes);
	free(src->line_starts);
	free(src);
}

void source_position(const struct source *src, uint32_t offset, unsigned *line, unsigned *col)
{
	*line = 0;
	*col = 0;
	if (!src || offset == SOURCE_NO_OFFSET)
		return;
	if (offset > src->len)
		offset = (uint32_t)src->len;
	size_t lo = 0, hi = src->n_lines;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (src->line_starts[mid] <= offset)
			lo = mid;
		else
			hi = mid;
	}
	/* The cache is not part of the source's value: updating it is no change. */
	struct source *cache = (struct source *)src;
	uint32_t from = src->line_starts[lo];
	unsigned c = 1;
	if (src->last_line == lo + 1 && src->last_offset <= offset && src->last_offset >= from) {
		from = src->last_offset;
		c = src->last_col;
	}
	for (uint32_t i = from; i < offset; i++)
		if (((unsigned char)src->bytes[i] & 0xC0) != 0x80)
			c++;
	*line = (unsigned)lo + 1;
	*col = c;
	cache->last_offset = offset;
	cache->last_line = *line;
	cache->last_col = c;
}

uint32_t source_offset(const struct source *src, unsigned line, unsigned col)
{
	if (!src || line == 0 || line > src->n_lines || col == 0)
		return SOURCE_NO_OFFSET;
	uint32_t i = src->line_starts[line - 1];
	for (unsigned c = 1; c < col && i < src->len && src->bytes[i] != '\n'; c++) {
		i++;
		while (i < src->len && ((unsigned char)src->bytes[i] & 0xC0) == 0x80)
			i++;
	}
	return i;
}
