/* out.h — output files that never clobber what they are not meant to.
 *
 * A regular file is replaced atomically: a temporary file in the same folder (unnamed,
 * O_TMPFILE, where the file system allows it), flushed to disk, given the old file's
 * owner and mode, then renamed over the target and the folder flushed.  A reader (or a
 * print shop's printer) sees the old file or the new one, never half of one; a failed or
 * interrupted run (SIGTERM, SIGINT, SIGHUP, SIGXFSZ, a full disk) leaves no temporary file.
 * A symlink is followed: the file it names is replaced and the link stays.  A character
 * device, a FIFO, a socket or /dev/std* is opened and written through, never replaced.
 * "-" is standard output. */
#ifndef BROADSIDE_OUT_H
#define BROADSIDE_OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

enum out_kind {
	OUT_MISSING,   /* nothing there yet: a new file */
	OUT_STDOUT,    /* "-" */
	OUT_FILE,      /* a regular file (perhaps through a symlink): replaced atomically */
	OUT_STREAM,    /* a character device, FIFO, socket or /dev/std*: written through */
	OUT_DIRECTORY, /* a folder, or a name ending in '/' */
	OUT_OTHER,     /* a block device and the like: refused */
};

/* What writing to PATH would write to (symlinks followed). */
enum out_kind out_kind_of(const char *path);

/* A short name of what the file with MODE is: "a FIFO", "a directory", ... */
const char *out_mode_name(mode_t mode);

/* mkdir -p DIR: 0, or -1 with errno set. */
int out_make_dirs(const char *dir);

/* The folder of PATH ("." for a bare name), in a new string; NULL when out of memory. */
char *out_dir_of(const char *path);

/* DIR/NAME in a new string *PATH, once DIR (trailing slashes dropped) has been made with
 * out_make_dirs.  0; or -1 with errno set and *PATH NULL (ENOMEM, or why the folder could
 * not be made: then *FOLDER, if not NULL, is the folder, a new string). */
int out_path_in(const char *dir, const char *name, char **path, char **folder);

/* The file PATH names once every symlink is followed (it need not exist), in a new
 * string; NULL with errno set (ELOOP for a loop). */
char *out_resolve(const char *path);

/* Writes LEN bytes to PATH as this header says: stdout, a stream written through, or a
 * regular file (or a new one) replaced atomically.  0, or -1 with errno set; EISDIR for a
 * folder. */
int out_write(const char *path, const char *bytes, size_t len);

/* The same; the older name. */
int out_write_atomic(const char *path, const char *bytes, size_t len);

/* Replaces the regular file TARGET (no symlink: see out_resolve) atomically by LEN bytes.
 * With LIKE (TARGET's stat), the new file gets its owner and mode, and failing to give it
 * the owner fails (EPERM); without, the mode is 0666 less the umask.  0, or -1 with errno
 * set, and then nothing was changed and no temporary file is left. */
int out_replace(const char *target, const char *bytes, size_t len, const struct stat *like);

#endif
