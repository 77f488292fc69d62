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
#   make fuzz             libFuzzer on every input surface: documents, PO and XLIFF import,
#                         the translation memory, the renderer (clang; FUZZ_SECONDS=60 each)

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
# The fuzz targets (tests/fuzz/fuzz_NAME.c), each replayed by the tests (make fuzz below).
FUZZ_TARGETS := validate po xliff tm render
FUZZ_REPLAYS := $(FUZZ_TARGETS:%=$(O)/fuzz/replay_%)
SAMPLES := $(wildcard xml/*.xml)
# The pinned hyphenation dictionaries, compiled into one table linked into broadside.
HYPHEN_DICS := $(sort $(wildcard hyphen/hyph_*.dic))
HYPHEN_TABLE := build/hyphen.bin

# Reproducible output: the PDFs' dates are the last commit's, unless the caller sets one.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: all render deps test-deps programs unit-tests test check-asan schema bench bench-peers fuzz fuzz-deps clean
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

unit-tests: $(UNIT_BINS) $(O)/tests/runtest $(FUZZ_REPLAYS)

test: test-deps all
	@$(MAKE) --no-print-directory build=release programs unit-tests
	@$(MAKE) --no-print-directory build=sanitize programs unit-tests
	@T='$(T)' tests/run build/release build/sanitize

check-asan: test-deps
	@$(MAKE) --no-print-directory build=sanitize programs unit-tests
	@tests/run build/sanitize

# libFuzzer (clang), one target per input surface, each seeded with its corpus
# (tests/fuzz/corpus/NAME): validate (documents: validate, resolve, lint), po and xliff
# (imports into a fixed document), tm (the translation memory), render (layout and PDF on
# an A6 page, with the link invariant).  FUZZ_SECONDS bounds each run; what libFuzzer
# finds goes to build/fuzz/corpus-NAME, crashes to build/fuzz/NAME-crash-*.
FUZZ_SECONDS ?= 60
FUZZ_DICT_po := tests/fuzz/po.dict
FUZZ_DICT_xliff := tests/fuzz/xliff.dict
FUZZ_MAX_LEN_render := 8192
fuzz: $(FUZZ_TARGETS:%=fuzz-%)

fuzz-deps:
	@tools/deps build fuzz

$(FUZZ_TARGETS:%=fuzz-%): fuzz-%: build/fuzz/fuzz_%
	@mkdir -p build/fuzz/corpus-$*
	LSAN_OPTIONS=suppressions=tests/fuzz/lsan.supp ASAN_OPTIONS=fast_unwind_on_malloc=0 \
	BROADSIDE_FONTS_DIR=$(CURDIR)/fonts $< -max_total_time=$(FUZZ_SECONDS) \
		-max_len=$(or $(FUZZ_MAX_LEN_$*),32768) -dict=$(or $(FUZZ_DICT_$*),tests/fuzz/xml.dict) \
		-timeout=30 -artifact_prefix=build/fuzz/$*- build/fuzz/corpus-$* tests/fuzz/corpus/$*

# The library is compiled once for every target (fuzzer-no-link: instrumented for
# coverage, without libFuzzer's main), each target linked with -fsanitize=fuzzer.
FUZZ_CFLAGS = -g -O1 -std=gnu11 -D_GNU_SOURCE -DBROADSIDE_VERSION='"$(VERSION)"' -I. -Isrc \
	-fsanitize=address,undefined $(PKG_CFLAGS)
FUZZ_OBJS := $(LIB_SRCS:src/%.c=build/fuzz/obj/%.o) build/fuzz/obj/schema_data.o \
	build/fuzz/obj/hyphen_data.o

build/fuzz/obj/%.o: src/%.c | fuzz-deps
	@mkdir -p $(@D)
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

build/fuzz/obj/schema_data.o: src/schema_data.S xml/schema/broadside.rng | fuzz-deps
	@mkdir -p $(@D)
	clang -I. -c -o $@ $<

build/fuzz/obj/hyphen_data.o: src/hyphen_data.S $(HYPHEN_TABLE) | fuzz-deps
	@mkdir -p $(@D)
	clang -DHYPHEN_TABLE='"$(HYPHEN_TABLE)"' -c -o $@ $<

build/fuzz/obj/html.o: $(wildcard xsl/*.xsl xsl/*.css)

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(FUZZ_OBJS)
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_OBJS) $(PKG_LIBS)

.SECONDARY: $(FUZZ_OBJS)

-include $(wildcard build/fuzz/obj/*.d)

# The same targets without libFuzzer: replay.c's main() feeds each the files of its corpus.
# Built with the normal compiler in every build (with unit-tests); tests/suites/fuzz16.sh
# runs them, so `make test` replays every corpus in the release and the sanitize builds.
$(O)/fuzz/%.o: tests/fuzz/%.c | test-deps $(O)/fuzz
	$(CC) $(ALL_CFLAGS) -Isrc -c -o $@ $<

$(O)/fuzz/replay_%: $(O)/fuzz/fuzz_%.o $(O)/fuzz/replay.o $(LIB_OBJS)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(O)/fuzz:
	@mkdir -p $@

.SECONDARY: $(FUZZ_TARGETS:%=$(O)/fuzz/fuzz_%.o) $(O)/fuzz/replay.o

-include $(wildcard $(O)/fuzz/*.d)

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
