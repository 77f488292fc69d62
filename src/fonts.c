/* fonts.c — a private fontconfig over fonts/; see fonts.h. */
#include "fonts.h"

#include <fontconfig/fontconfig.h>
#include <dirent.h>
#include <limits.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lang.h"

static PangoFontMap *font_map;
static FcConfig *config;
static char dir[PATH_MAX];

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool find_dir(void)
{
	const char *env = getenv("BROADSIDE_FONTS_DIR");
	if (env && *env) {
		snprintf(dir, sizeof dir, "%s", env);
		return is_dir(dir);
	}
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return false;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return false;
	*slash = '\0';
	static const char *const tails[] = {"/fonts", "/../../fonts", "/../share/broadside/fonts"};
	for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++) {
		char candidate[PATH_MAX];
		snprintf(candidate, sizeof candidate, "%s%s", exe, tails[i]);
		if (is_dir(candidate) && realpath(candidate, dir))
			return true;
	}
	return false;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int is_font_file(const struct dirent *e)
{
	size_t n = strlen(e->d_name);
	return n > 4 && (strcmp(e->d_name + n - 4, ".ttf") == 0 || strcmp(e->d_name + n - 4, ".otf") == 0);
}

static int add_fonts(FcConfig *cfg)
{
	struct dirent **names = NULL;
	int n = scandir(dir, &names, is_font_file, by_name);
	if (n < 0)
		return -1;
	int rc = 0;
	for (int i = 0; i < n; i++) {
		char *path = NULL;
		if (asprintf(&path, "%s/%s", dir, names[i]->d_name) < 0 ||
		    !FcConfigAppFontAddFile(cfg, (const FcChar8 *)path))
			rc = -1;
		free(path);
		free(names[i]);
	}
	free(names);
	return rc;
}

PangoFontMap *fonts_font_map(const char **why)
{
	if (font_map)
		return font_map;
	if (!find_dir()) {
		*why = "the fonts/ folder was not found (set BROADSIDE_FONTS_DIR)";
		return NULL;
	}
	/* An empty configuration: no system file, no system font.  Fonts are added one by
	 * one, in name order: adding the folder would make fontconfig write a cache. */
	config = FcConfigCreate();
	if (!config || add_fonts(config) != 0) {
		*why = "fontconfig could not read the fonts/ folder";
		return NULL;
	}
	FcFontSet *set = FcConfigGetFonts(config, FcSetApplication);
	if (!set || set->nfont == 0) {
		*why = "the fonts/ folder holds no font";
		return NULL;
	}
	/* cairo asks fontconfig's current configuration too: it must be this one. */
	FcConfigSetCurrent(config);
	font_map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
	if (!font_map) {
		*why = "Pango has no FreeType font map";
		return NULL;
	}
	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(font_map), config);
	return font_map;
}

const char *fonts_dir(void)
{
	return dir;
}

const char *fonts_family_for(const char *lang)
{
	return lang_fonts(lang);
}

void fonts_cleanup(void)
{
	if (font_map)
		g_object_unref(font_map);
	font_map = NULL;
	/* Our reference, then fontconfig's own (the current configuration). */
	if (config)
		FcConfigDestroy(config);
	config = NULL;
	FcFini();
}
