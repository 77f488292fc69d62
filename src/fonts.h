/* fonts.h — the fonts broadside draws with: fonts/ and nothing else.
 *
 * A private fontconfig configuration that lists the fonts/ folder alone: the system's
 * configuration files and fonts are never read, so output is the same on every machine
 * and start-up parses no config.  The folder is $BROADSIDE_FONTS_DIR, or fonts/ beside
 * the executable or two levels up from it (build/release/broadside). */
#ifndef BROADSIDE_FONTS_H
#define BROADSIDE_FONTS_H

#include <pango/pango.h>

/* The font map over fonts/ alone, made on first use and shared (do not unref it).  NULL
 * when the folder cannot be found or holds no font: *WHY says why (lent). */
PangoFontMap *fonts_font_map(const char **why);

/* The folder in use, once fonts_font_map succeeded (lent). */
const char *fonts_dir(void);

/* The family list for text in LANG: an Arabic-script face for Arabic-script languages,
 * a Latin one otherwise, each falling back on the other. */
const char *fonts_family_for(const char *lang);

void fonts_cleanup(void);

#endif
