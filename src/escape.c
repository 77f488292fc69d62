/* escape.c — one writer for other formats' strings; see escape.h. */
#include "escape.h"

#include <string.h>

#include "memfile.h"

const struct escape escape_json = {
	"\"\\\n\r\t", (const char *const[]){"\\\"", "\\\\", "\\n", "\\r", "\\t"}, ESCAPE_UNICODE};
const struct escape escape_c = {
	"\\\"\n\t\r", (const char *const[]){"\\\\", "\\\"", "\\n", "\\t", "\\r"}, ESCAPE_OCTAL};
const struct escape escape_tsv = {"\t\n\\", (const char *const[]){"\\t", "\\n", "\\\\"}, ESCAPE_KEEP};
/* XML 1.0 cannot hold the other control characters at all */
const struct escape escape_xml = {
	"<>&\"'\n\t",
	(const char *const[]){"&lt;", "&gt;", "&amp;", "&quot;", "&apos;", "\n", "\t"}, ESCAPE_DROP};
const struct escape escape_xml_content = {
	"&<>", (const char *const[]){"&amp;", "&lt;", "&gt;"}, ESCAPE_KEEP};
const struct escape escape_xml_attr = {
	"&<\"", (const char *const[]){"&amp;", "&lt;", "&quot;"}, ESCAPE_KEEP};
const struct escape escape_xml_attr_single = {
	"&<'", (const char *const[]){"&amp;", "&lt;", "&apos;"}, ESCAPE_KEEP};
const struct escape escape_xml_minimal = {"&<", (const char *const[]){"&amp;", "&lt;"}, ESCAPE_KEEP};
/* https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts */
const struct escape escape_github_data = {
	"%\r\n", (const char *const[]){"%25", "%0D", "%0A"}, ESCAPE_KEEP};
const struct escape escape_github_property = {
	"%\r\n:,", (const char *const[]){"%25", "%0D", "%0A", "%3A", "%2C"}, ESCAPE_KEEP};

void escape_write(FILE *out, const char *s, const struct escape *table)
{
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		const char *special = strchr(table->special, *p);
		if (special)
			fputs(table->as[special - table->special], out);
		else if (*p >= 0x20 || table->control == ESCAPE_KEEP)
			fputc(*p, out);
		else if (table->control == ESCAPE_UNICODE)
			fprintf(out, "\\u%04x", *p);
		else if (table->control == ESCAPE_OCTAL)
			fprintf(out, "\\%03o", *p);
	}
}

void escape_attribute(FILE *out, const char *name, const char *value)
{
	if (value) {
		fprintf(out, " %s=\"", name);
		escape_write(out, value, &escape_xml_attr);
		fputc('"', out);
	}
}

char *escape_string(const char *s, const struct escape *table)
{
	struct memfile m;
	FILE *out = memfile_open(&m);
	if (out)
		escape_write(out, s, table);
	return memfile_close(&m, NULL);
}
