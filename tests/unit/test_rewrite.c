/* Unit tests of rewrite.h: a document that changed on disk after it was read (an editor
 * that does not lock saved it, in place or by renaming a new file over it) is refused and
 * left as the editor saved it; an unchanged one is replaced, keeping its mode. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "rewrite.h"
#include "support.h"

static const char *const doc_a =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<appeal id=\"a\" xml:lang=\"en\" langs=\"en de\">\n"
	"<head><title id=\"title\"><t xml:lang=\"en\">Free them</t>"
	"<t xml:lang=\"de\">Freiheit</t></title></head>\n"
	"<body><p id=\"p\"><t xml:lang=\"en\">All of them.</t>"
	"<t xml:lang=\"de\">Alle.</t></p></body>\n"
	"</appeal>\n";

static char dir[] = "/tmp/broadside-rewrite-XXXXXX";

static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	static char buf[4096];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* The document with "Alle." changed, the bytes a command would write. */
static char *changed(void)
{
	char *s = strdup(doc_a), *at = strstr(s, "Alle.");
	assert_non_null(at);
	at[0] = 'a';
	return s;
}

static enum rewrite_status replace_after(const char *path, void (*meanwhile)(const char *),
					 struct diag_list *diags)
{
	struct rewrite *rw = NULL;
	assert_int_equal(rewrite_open(path, &pipeline_loader, &rw, diags), REWRITE_OK);
	size_t len;
	assert_string_equal(rewrite_bytes(rw, &len), doc_a);
	if (meanwhile)
		meanwhile(path);
	char *bytes = changed();
	enum rewrite_status status = rewrite_replace(rw, bytes, strlen(bytes), false, diags);
	free(bytes);
	rewrite_close(rw);
	return status;
}

static void edit_in_place(const char *path)
{
	put(path, "<appeal/>\n"); /* what an editor saved */
}

static void rename_over(const char *path)
{
	char other[256];
	snprintf(other, sizeof other, "%s.editor", path);
	put(other, "<appeal/>\n");
	assert_int_equal(rename(other, path), 0);
}

static void refused_when(void (*meanwhile)(const char *))
{
	char path[256];
	snprintf(path, sizeof path, "%s/d.xml", dir);
	put(path, doc_a);
	struct diag_list diags;
	diag_list_init(&diags);
	assert_int_equal(replace_after(path, meanwhile, &diags), REWRITE_WRITE_FAILED);
	assert_int_equal(diags.n, 1);
	assert_non_null(strstr(diags.items[0].message, "changed on disk"));
	assert_string_equal(slurp(path), "<appeal/>\n");
	diag_list_clear(&diags);
}

static void edited_in_place_is_refused(void **state)
{
	(void)state;
	refused_when(edit_in_place);
}

static void renamed_over_is_refused(void **state)
{
	(void)state;
	refused_when(rename_over);
}

static void unchanged_is_replaced_keeping_the_mode(void **state)
{
	(void)state;
	char path[256];
	snprintf(path, sizeof path, "%s/k.xml", dir);
	put(path, doc_a);
	assert_int_equal(chmod(path, 0604), 0);
	struct diag_list diags;
	diag_list_init(&diags);
	assert_int_equal(replace_after(path, NULL, &diags), REWRITE_OK);
	char *want = changed();
	assert_string_equal(slurp(path), want);
	free(want);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0604);
	diag_list_clear(&diags);
}

static int setup(void **state)
{
	if (!mkdtemp(dir))
		return -1;
	return support_setup(state);
}

static int teardown(void **state)
{
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		return -1;
	return support_teardown(state);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(edited_in_place_is_refused),
		cmocka_unit_test(renamed_over_is_refused),
		cmocka_unit_test(unchanged_is_replaced_keeping_the_mode),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
