# broadside — `make` installs what is missing, builds, and renders xml/ into out/;
# `make test` runs every test.  Non-recursive; objects go under build/$(build)/.
#
#   make                  build ./broadside and process every document in xml/
#   make test             unit, golden and CLI tests, with the release and the
#                         AddressSanitizer+UBSan builds; ends with "N passed, N failed"
#   make test T=NAME      only the command-line cases (tests/cases) and the suites
#                         (tests/suites) whose name contains NAME
#   make check-asan       the same suite with the sanitizer build alone
#   make build=debug      -O0 build under build/debug
#   make schema           regenerate xml/schema/broadside.rng from the .rnc (trang)
#   make bench            time broadside (and XeLaTeX, WeasyPrint, FOP if installed) on
#                         the leaflets in tests/bench, and broadside build on 200
#                         generated documents; writes only build/bench/
#   make bench-peers      install those peers with apt-get (the test suite never needs them)
#   make fuzz             libFuzzer on the validate and render paths (clang; FUZZ_SECONDS=60)

VERSION := 0.1.0
build ?= release
O ?= build/$(build)

CC ?= cc
PKGS := libxml-2.0 libxslt icu-uc icu-i18n pangocairo pangoft2 cairo-pdf fontconfig libqpdf libqrencode glib-2.0
# Recursive, so pkg-config runs only after tools/deps has installed what is missing.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS = $(shell pkg-config --libs $(PKGS)) -lm
# libhyphen: only the table generator (build time) and the tests (the reference) use it.
HYPHEN_LIBS := -lhyphen

WARNINGS := -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wstrict-prototypes -Wmissing-prototypes \
	-Wno-missing-field-initializers
ifeq ($(build),release)
OPT := -O2 -g
else ifeq ($(build),debug)
OPT := -O0 -g
else ifeq ($(build),sanitize)
OPT := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
else
$(error build must be release, debug or sanitize)
endif

ALL_CFLAGS = -std=gnu11 -D_GNU_SOURCE $(OPT) $(WARNINGS) -DBROADSIDE_VERSION='"$(VERSION)"' \
	$(PKG_CFLAGS) $(CFLAGS) -MMD -MP
ALL_LDFLAGS = $(OPT) $(LDFLAGS)

LIB_SRCS := $(filter-out src/main.c,$(wildcard src/*.c))
LIB_OBJS := $(LIB_SRCS:src/%.c=$(O)/%.o) $(O)/schema_data.o $(O)/hyphen_data.o
UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(O)/tests/%)
SAMPLES := $(wildcard xml/*.xml)
# The pinned hyphenation dictionaries, compiled into one table linked into broadside.
HYPHEN_DICS := $(sort $(wildcard hyphen/hyph_*.dic))
HYPHEN_TABLE := build/hyphen.bin

# Reproducible output: the PDFs' dates are the last commit's, unless the caller sets one.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: all render deps test-deps programs unit-tests test check-asan schema bench bench-peers fuzz clean
.DELETE_ON_ERROR:

all: broadside render

deps:
	@tools/deps build

test-deps:
	@tools/deps build test

programs: $(O)/broadside

broadside: $(O)/broadside
	@cp $< $@.tmp && mv $@.tmp $@

$(O)/broadside: $(O)/main.o $(LIB_OBJS)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(O)/%.o: src/%.c | deps $(O)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(O)/schema_data.o: src/schema_data.S xml/schema/broadside.rng | deps $(O)
	$(CC) $(OPT) -I. -c -o $@ $<

# The hyphenation tables: libhyphen's loader runs here, once per build, instead of in
# every broadside process.  The generator is never sanitized (it runs libhyphen's slow
# loader, which leaks), and the table is the same for every build.
build/tools/hyphen-table: tools/hyphen-table.c src/hyphen_data.h | deps
	@mkdir -p $(@D)
	$(CC) -std=gnu11 -D_GNU_SOURCE -O2 -g $(WARNINGS) -Isrc -o $@ $< $(HYPHEN_LIBS)

$(HYPHEN_TABLE): build/tools/hyphen-table $(HYPHEN_DICS)
	$< $@.$$$$.tmp $(HYPHEN_DICS) && mv $@.$$$$.tmp $@

$(O)/hyphen_data.o: src/hyphen_data.S $(HYPHEN_TABLE) | deps $(O)
	$(CC) $(OPT) -DHYPHEN_TABLE='"$(HYPHEN_TABLE)"' -c -o $@ $<

$(O) $(O)/tests:
	@mkdir -p $@

# Every document of xml/, strictly validated (warnings fail the build), rendered by
# `broadside build` into out/: each as its <print> asks (out/ID.pdf) and one leaflet per
# language (out/ID.LANG.pdf) for print teams, its web pages (out/ID.html, out/ID.LANG.html),
# out/index.html, out/broadside.css and the web fonts (out/fonts/).  It always runs: build
# keeps a manifest of hashes in out/ and makes again only what changed.
render: broadside
	./broadside build --strict -o out xml/

# The stylesheets and CSS are built into html.o (.incbin): rebuild it when they change.
$(O)/html.o: $(wildcard xsl/*.xsl xsl/*.css)

# ---- tests ---------------------------------------------------------------------------

$(O)/tests/%: tests/unit/%.c $(LIB_OBJS) | test-deps $(O)/tests
	$(CC) $(ALL_CFLAGS) -Isrc $$(pkg-config --cflags cmocka) -o $@ $< $(LIB_OBJS) \
		$(ALL_LDFLAGS) $(PKG_LIBS) $(HYPHEN_LIBS) $$(pkg-config --libs cmocka)

# The command line's cases, run in-process (tests/runtest.c; tests/run runs it).
$(O)/tests/runtest: tests/runtest.c $(LIB_OBJS) | deps $(O)/tests
	$(CC) $(ALL_CFLAGS) -Isrc -o $@ $< $(LIB_OBJS) $(ALL_LDFLAGS) $(PKG_LIBS)

unit-tests: $(UNIT_BINS) $(O)/tests/runtest

test: test-deps all
	@$(MAKE) --no-print-directory build=release programs unit-tests
	@$(MAKE) --no-print-directory build=sanitize programs unit-tests
	@T='$(T)' tests/run build/release build/sanitize

check-asan: test-deps
	@$(MAKE) --no-print-directory build=sanitize programs unit-tests
	@tests/run build/sanitize

# libFuzzer (clang): fuzz_validate over the text path, fuzz_render over layout and PDF with
# the link invariant.  FUZZ_SECONDS bounds each run.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := validate render
fuzz: $(FUZZ_TARGETS:%=build/fuzz/fuzz_%)
	@mkdir -p $(FUZZ_TARGETS:%=build/fuzz/corpus-%)
	for t in $(FUZZ_TARGETS); do \
		LSAN_OPTIONS=suppressions=tests/fuzz/lsan.supp ASAN_OPTIONS=fast_unwind_on_malloc=0 \
		BROADSIDE_FONTS_DIR=$(CURDIR)/fonts build/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) \
			-max_len=16384 -dict=tests/fuzz/xml.dict -timeout=30 -artifact_prefix=build/fuzz/$$t- \
			build/fuzz/corpus-$$t xml tests/bad tests/links || exit 1; \
	done

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(LIB_SRCS) src/schema_data.S \
		src/hyphen_data.S $(HYPHEN_TABLE) xml/schema/broadside.rng $(wildcard xsl/*) | deps
	@mkdir -p build/fuzz
	clang -g -O1 -std=gnu11 -D_GNU_SOURCE -DBROADSIDE_VERSION='"$(VERSION)"' \
		-fsanitize=fuzzer,address,undefined -I. -Isrc \
		-DHYPHEN_TABLE='"$(HYPHEN_TABLE)"' \
		$(PKG_CFLAGS) -o $@ $< $(LIB_SRCS) src/schema_data.S src/hyphen_data.S $(PKG_LIBS)

schema: xml/schema/broadside.rnc
	trang $< xml/schema/broadside.rng

bench: programs $(O)/bench-phases
	@tests/bench/run $(O)

# Stage by stage, in one process: where a pdf run's time goes (make bench prints it).
$(O)/bench-phases: tests/bench/phases.c $(LIB_OBJS)
	$(CC) $(ALL_CFLAGS) -Isrc -o $@ $< $(LIB_OBJS) $(ALL_LDFLAGS) $(PKG_LIBS)

# XeLaTeX (with polyglossia/bidi for Farsi), WeasyPrint and Apache FOP, for `make bench`.
bench-peers:
	@tools/deps build
	nice apt-get install -y --no-install-recommends time texlive-xetex \
		texlive-lang-arabic texlive-lang-german weasyprint fop

clean:
	rm -rf build out broadside broadside.tmp

-include $(wildcard $(O)/*.d $(O)/tests/*.d)
