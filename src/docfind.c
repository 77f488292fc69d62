/* docfind.c — folders on the command line become the documents in them; see docfind.h. */
#include "docfind.h"
#include "grow.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct found {
	char **items;
	size_t n, cap;
};

bool docfind_is_folder(const char *path)
{
	struct stat st;
	return strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int add(struct found *f, const char *path)
{
	if (!GROW(f->items, f->cap, f->n + 1))
		return -1;
	if (!(f->items[f->n] = strdup(path)))
		return -1;
	f->n++;
	return 0;
}

/* Skips what may come before the root element; returns where its name starts, or NULL. */
static const char *root_name(const char *p)
{
	if (strncmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	for (;;) {
		p += strspn(p, " \t\r\n");
		if (*p != '<')
			return NULL;
		bool comment = strncmp(p, "<!--", 4) == 0;
		const char *end = comment ? strstr(p, "-->") : strchr(p, '>');
		if (p[1] != '?' && p[1] != '!')
			return p + 1;
		if (!end)
			return NULL;
		p = end + (comment ? 3 : 1);
	}
}

bool docfind_is_document(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	char head[8192];
	size_t len = fread(head, 1, sizeof head - 1, f);
	fclose(f);
	head[len] = '\0';
	const char *name = root_name(head);
	if (!name)
		return false;
	size_t n = strcspn(name, " \t\r\n/>");
	return (n == 6 && strncmp(name, "appeal", 6) == 0) ||
	       (n == 6 && strncmp(name, "letter", 6) == 0);
}

static bool ends_with(const char *s, const char *tail)
{
	size_t ls = strlen(s), lt = strlen(tail);
	return ls >= lt && strcmp(s + ls - lt, tail) == 0;
}

/* Whether the symlink PATH leads to somewhere inside ROOT (a resolved path). */
static bool stays_inside(const char *path, const char *root)
{
	char *real = realpath(path, NULL);
	size_t n = strlen(root);
	bool inside = real && strncmp(real, root, n) == 0 && (real[n] == '/' || real[n] == '\0');
	free(real);
	return inside;
}

static int search(const char *dir, const char *root, int depth, struct found *f, char **why);

/* One entry NAME of DIR: a document is added, a folder searched. */
static int visit(const char *dir, const char *name, const char *root, int depth,
		 struct found *f, char **why)
{
	if (name[0] == '.' || strcmp(name, "schema") == 0)
		return 0;
	char *path = NULL;
	if (asprintf(&path, "%s%s%s", dir, ends_with(dir, "/") ? "" : "/", name) < 0)
		return -1;
	struct stat st;
	int rc = 0;
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) && !stays_inside(path, root))
		rc = 0;
	else if (stat(path, &st) != 0)
		rc = 0; /* a dangling link: nothing to read */
	else if (S_ISDIR(st.st_mode))
		rc = depth < 32 ? search(path, root, depth + 1, f, why) : 0;
	else if (S_ISREG(st.st_mode) && ends_with(name, ".xml") && docfind_is_document(path))
		rc = add(f, path);
	free(path);
	return rc;
}

static int search(const char *dir, const char *root, int depth, struct found *f, char **why)
{
	DIR *d = opendir(dir);
	if (!d) {
		if (asprintf(why, "%s: cannot read the folder: %s", dir, strerror(errno)) < 0)
			*why = NULL;
		return -1;
	}
	int rc = 0;
	struct dirent *e;
	while (rc == 0 && (e = readdir(d)))
		rc = visit(dir, e->d_name, root, depth, f, why);
	closedir(d);
	return rc;
}

static int by_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int docfind_collect(const char *const *paths, size_t n, char ***list, size_t *n_list,
		    char **why)
{
	struct found f = {0};
	*why = NULL;
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < n; i++) {
		if (!docfind_is_folder(paths[i])) {
			rc = add(&f, paths[i]);
			continue;
		}
		size_t first = f.n;
		char *root = realpath(paths[i], NULL);
		rc = root ? search(paths[i], root, 0, &f, why) : -1;
		free(root);
		if (rc == 0 && f.n == first) { /* a typo'd or empty folder must not pass quietly */
			if (asprintf(why, "%s: no broadside documents in the folder (*.xml whose root is "
				     "appeal or letter)", paths[i]) < 0)
				*why = NULL;
			rc = -1;
		}
		if (rc == 0)
			qsort(f.items + first, f.n - first, sizeof *f.items, by_path);
	}
	if (rc != 0) {
		docfind_free(f.items, f.n);
		if (!*why)
			*why = strdup("out of memory");
		return -1;
	}
	*list = f.items;
	*n_list = f.n;
	return 0;
}

void docfind_free(char **list, size_t n)
{
	for (size_t i = 0; list && i < n; i++)
		free(list[i]);
	free(list);
}
