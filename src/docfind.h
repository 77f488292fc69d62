/* docfind.h — the documents a command line names: a FILE as given, a folder searched.
 *
 * A folder is searched recursively for *.xml files whose root element is a broadside
 * document (appeal or letter); the schema folder, hidden entries and other XML are
 * skipped quietly, and a symlink is followed only when it stays inside the folder.
 * A folder's documents come sorted by path, so every run sees the same order. */
#ifndef BROADSIDE_DOCFIND_H
#define BROADSIDE_DOCFIND_H

#include <stdbool.h>
#include <stddef.h>

/* Whether PATH is a folder (symlinks followed). */
bool docfind_is_folder(const char *path);

/* Whether the file at PATH starts like a broadside document: its root element (after the
 * XML declaration, comments, processing instructions and a DOCTYPE) is appeal or letter. */
bool docfind_is_document(const char *path);

/* The N PATHS with each folder replaced by its documents, in a new array *LIST of new
 * strings (*N_LIST of them; free with docfind_free).  0, or -1 with a new message in *WHY
 * (a folder that cannot be read or holds no document, or out of memory). */
int docfind_collect(const char *const *paths, size_t n, char ***list, size_t *n_list,
		    char **why);

void docfind_free(char **list, size_t n);

#endif
