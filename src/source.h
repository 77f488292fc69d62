/* source.h — the bytes of one input file, and positions in them.
 *
 * A source owns a copy of the file's bytes (NUL-terminated) and a table of line starts, so
 * that any byte offset can be turned into the LINE:COL that editors show.  Columns count
 * Unicode code points from 1, as libxml2's do.  Every later stage refers to places in the
 * document by byte offset into these bytes.  `lint --fix` and the translators' commands
 * change a file by replacing byte ranges of it (edit.h), so that every other byte stays as
 * it was. */
#ifndef BROADSIDE_SOURCE_H
#define BROADSIDE_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* An offset that points nowhere: diagnostics with it name the file alone. */
#define SOURCE_NO_OFFSET UINT32_MAX

/* Files larger than this are refused before they are parsed. */
#define SOURCE_MAX_BYTES (8u * 1024u * 1024u)

struct source {
	char *path;          /* as given on the command line (allocated with the struct) */
	char *bytes;         /* the file's contents, NUL-terminated */
	size_t len;
	uint32_t *line_starts; /* offset of the first byte of each line */
	size_t n_lines;
	/* The last position asked for: diagnostics mostly come in order, so the next column
	 * is counted on from here instead of from the start of a (possibly huge) line. */
	uint32_t last_offset;
	unsigned last_line, last_col;
};

enum source_status {
	SOURCE_OK = 0,
	SOURCE_UNREADABLE,   /* missing, a directory, no permission: errno tells */
	SOURCE_TOO_LARGE,    /* more than SOURCE_MAX_BYTES */
	SOURCE_NOT_REGULAR,  /* a FIFO, socket or device: refused, never waited on */
	SOURCE_NO_MEMORY,
};

/* Reads PATH into a new source (free it with source_free).  Reads at most
 * SOURCE_MAX_BYTES + 1 bytes, so a huge or endless file (/dev/zero) costs nothing.  PATH
 * "-" is standard input, whatever it is; any other PATH must be a regular file. */
enum source_status source_load(const char *path, struct source **out);

/* The same from the open file FD, named PATH; unless ANY_KIND, FD must be a regular file.
 * FD is left open, at the end of what was read. */
enum source_status source_load_fd(int fd, const char *path, bool any_kind,
				  struct source **out);

/* What PATH is, for the message of SOURCE_NOT_REGULAR: "a FIFO", "a character device"... */
const char *source_kind_name(const char *path);

/* A source over bytes already in memory (tests, fuzzers).  Copies BYTES. */
enum source_status source_from_memory(const char *path, const char *bytes, size_t len,
				      struct source **out);

void source_free(struct source *src);

/* The 1-based line and column of OFFSET.  SOURCE_NO_OFFSET gives 0:0.  Not thread-safe:
 * it remembers the last answer. */
void source_position(const struct source *src, uint32_t offset, unsigned *line, unsigned *col);

/* The byte offset of LINE:COL (1-based), or SOURCE_NO_OFFSET if outside the file. */
uint32_t source_offset(const struct source *src, unsigned line, unsigned col);

#endif
