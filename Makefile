# mubiao — build, test, install.  See README.md.
#
#   make                 library, CLI and compiled dictionary in $(BUILD)/
#   make check           everything again with -fsanitize=address,undefined in
#                        $(BUILD)/asan/, then all tests (tests/run.sh)
#   make demo            build and run the main job on corpus/
#   make install PREFIX=/usr/local

BUILD ?= build
PREFIX ?= /usr/local
CC ?= cc
CFLAGS ?= -O2 -g
SAN ?=
PKGS = libpcre2-8 libutf8proc libcjson nettle libxml-2.0 sqlite3 libpq
# jieba's dictionary (Debian package python3-jieba), the base lexicon
JIEBA_DICT ?= /usr/lib/python3/dist-packages/jieba/dict.txt

WARN = -std=c11 -Wall -Wextra -Werror -D_DEFAULT_SOURCE -D_FILE_OFFSET_BITS=64
ifneq ($(SAN),)
SANFLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
endif
# recursively expanded: evaluated after the dependency check has run
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
# libxml2 is not linked: src/lib/xmlapi.c loads it when a page is read, so
# that commands never pay for it (and the ICU and C++ runtimes it pulls in).
# Only its headers are needed to build; mubiao.pc does not name it either.
# libpq likewise (src/lib/pqapi.c, on the first connection to a PostgreSQL
# store): linked, it and the TLS, Kerberos and LDAP libraries it pulls in
# cost every run of every command about 3.5 ms of start-up.
LINK_PKGS = $(filter-out libxml-2.0 libpq,$(PKGS))
PKG_LIBS = $(shell pkg-config --libs $(LINK_PKGS))
PC_REQUIRES = $(LINK_PKGS)
ALL_CFLAGS = $(WARN) $(CFLAGS) $(SANFLAGS) -Iinclude -Isrc/lib $(PKG_CFLAGS) \
             -DMB_DATADIR='"$(PREFIX)/share/mubiao"'
LDLIBS = $(PKG_LIBS) -lm -pthread

LIB_SRC = $(sort $(wildcard src/lib/*.c))
CLI_SRC = $(sort $(wildcard src/cli/*.c))
TEST_SRC = $(sort $(wildcard tests/unit/test_*.c))
LIB_OBJ = $(LIB_SRC:src/lib/%.c=$(BUILD)/lib/%.o)
CLI_OBJ = $(CLI_SRC:src/cli/%.c=$(BUILD)/cli/%.o)
TEST_BIN = $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
LIB = $(BUILD)/libmubiao.a
BIN = $(BUILD)/mubiao
# The shared library (issue 15): SONAME libmubiao.so.$(SOVERSION); only the
# functions declared in include/mubiao.h are exported (a version script made
# from the header, $(BUILD)/mubiao.map).
VERSION := $(shell sed -n 's/^\#define MB_VERSION "\(.*\)"/\1/p' include/mubiao.h)
SOVERSION = 0
SONAME = libmubiao.so.$(SOVERSION)
SO = $(BUILD)/libmubiao.so.$(VERSION)
SO_LINKS = $(BUILD)/$(SONAME) $(BUILD)/libmubiao.so
MAP = $(BUILD)/mubiao.map
DEPS_OK = $(BUILD)/.deps-ok

.PHONY: all deps check check-fast demo install uninstall clean tests format bench eval install-python fuzz fuzz-build

all: $(BIN) $(LIB) $(SO_LINKS)

# Dependencies: install them with scripts/install-deps.sh when we are root,
# else print the exact apt-get line and stop.
$(DEPS_OK):
	@mkdir -p $(@D)
	@if ! pkg-config --exists $(PKGS) 2>/dev/null || ! sh scripts/install-deps.sh --check 2>/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then sh scripts/install-deps.sh; \
	  else echo "mubiao: missing build dependencies; run as root:"; \
	       sh scripts/install-deps.sh --print; exit 1; fi; \
	fi
	@pkg-config --exists $(PKGS) || { echo "mubiao: pkg-config still cannot find: $(PKGS)"; exit 1; }
	@touch $@
deps: $(DEPS_OK)

# -fPIC: the same objects go into the static and the shared library
$(BUILD)/lib/%.o: src/lib/%.c | $(DEPS_OK)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -fPIC -MMD -MP -c $< -o $@

$(BUILD)/cli/%.o: src/cli/%.c | $(DEPS_OK)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(LIB): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

# Every public function is a name followed by "(" on a declaration line of
# the header (not in a comment); scripts/mapfile prints the version script.
$(MAP): include/mubiao.h scripts/mapfile | $(DEPS_OK)
	@mkdir -p $(@D)
	sh scripts/mapfile include/mubiao.h $(SOVERSION) > $@.tmp && mv $@.tmp $@

$(SO): $(LIB_OBJ) $(MAP)
	$(CC) $(ALL_CFLAGS) -shared -Wl,-soname,$(SONAME) -Wl,--version-script=$(MAP) -Wl,--no-undefined \
	  -o $@ $(LIB_OBJ) $(LDLIBS)

$(BUILD)/$(SONAME): $(SO)
	ln -sf $(notdir $(SO)) $@
$(BUILD)/libmubiao.so: $(BUILD)/$(SONAME)
	ln -sf $(SONAME) $@

$(BIN): $(CLI_OBJ) $(LIB)
	$(CC) $(ALL_CFLAGS) -o $@ $(CLI_OBJ) $(LIB) $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< $(LIB) $(LDLIBS)

# The man page: doc/mubiao.1.in with its COMMANDS section made from the
# program's own help texts (mubiao help --man), so the two never differ.
MAN = $(BUILD)/mubiao.1
all: $(MAN)
$(MAN): doc/mubiao.1.in $(BIN)
	$(BIN) help --man >$@.cmds
	sed -e 's|@VERSION@|$(VERSION)|' -e '/^@COMMANDS@$$/{r $@.cmds' -e 'd}' doc/mubiao.1.in >$@.tmp
	rm -f $@.cmds && mv $@.tmp $@

# ---- segment (issue 3): the compiled dictionary, from jieba's dict.txt (the
# base lexicon, Debian package python3-jieba) and our own dict/*.txt.
# Installed when root, as for the build dependencies.
# The lexicon (README "Lexicon"): the word lists of recognition and
# extraction, dict/lexicon/*.tsv, compiled into the same file.
DICT_SRC = $(sort $(wildcard dict/*.txt))
LEX_SRC = $(sort $(wildcard dict/lexicon/*.tsv))
DICT = $(BUILD)/mubiao.dict
all: $(DICT)
$(DICT): $(DICT_SRC) $(LEX_SRC) src/lib/dict_compile.c src/lib/dict_format.h src/lib/lexicon.c src/lib/lexicon.h | $(BIN)
	@if [ ! -r "$(JIEBA_DICT)" ]; then \
	  if [ "$$(id -u)" = 0 ] && [ "$(JIEBA_DICT)" = /usr/lib/python3/dist-packages/jieba/dict.txt ]; then \
	    sh scripts/install-deps.sh; fi; \
	fi
	@[ -r "$(JIEBA_DICT)" ] || { echo "mubiao: jieba's dictionary $(JIEBA_DICT) is missing: install the"; \
	  echo "  Debian package python3-jieba (as root: sh scripts/install-deps.sh), or run"; \
	  echo "  make JIEBA_DICT=/path/to/dict.txt"; exit 1; }
	$(BIN) dict compile -o $@ --base "$(JIEBA_DICT)" $(addprefix --lexicon ,$(LEX_SRC)) $(DICT_SRC)

# scripts/bench-segment: mubiao vs jieba (F1 on PKU, MB/s, start-up, RSS)
$(BUILD)/bench_segment: scripts/bench_segment.c $(LIB)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB) $(LDLIBS)
bench-segment: all $(BUILD)/bench_segment
	python3 scripts/bench-segment $(BUILD)
.PHONY: bench-segment

tests: all $(TEST_BIN)

# The test suite runs against a sanitizer build.
check:
	$(MAKE) --no-print-directory BUILD=$(BUILD)/asan SAN=1 tests
	$(MAKE) --no-print-directory fuzz-build
	MUBIAO_FUZZ_DIR=$(abspath $(FUZZ_DIR)) FUZZ_CHECK_SECONDS=$(FUZZ_CHECK_SECONDS) sh tests/run.sh $(BUILD)/asan

# ---- audit (issue 6): the browser test of the HTML report
# (tests/cli/report_browser.sh) needs Chromium; make check installs it
# (Debian packages chromium, fonts-noto-cjk) when root, else the test skips.
check: browser-deps
browser-deps:
	@sh scripts/install-deps.sh --browser --check 2>/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then sh scripts/install-deps.sh --browser || \
	    echo "mubiao: chromium could not be installed: the browser test will skip"; \
	  else echo "mubiao: chromium is missing (as root: sh scripts/install-deps.sh --browser):" \
	    "the browser test will skip"; fi; }
.PHONY: browser-deps

# ---- fuzzing (issue 14): libFuzzer targets tests/fuzz/fuzz_*.c, built with
# Debian's clang against a library built again with clang, ASan, UBSan and
# -DMB_FUZZ_NO_CHECKSUM (a mutated dictionary reaches its parser), in
# $(BUILD)/fuzz/. Seeds from tests/data (scripts/fuzz-seeds); what a run
# finds is kept in $(BUILD)/fuzz/corpus/TARGET, crashes as
# $(BUILD)/fuzz/crash-TARGET-*.
#   make fuzz FUZZ_SECONDS=N   each target for N seconds (nice 19), one at a time
# make check builds them and runs each for FUZZ_CHECK_SECONDS on its seeds
# (tests/cli/fuzz.sh); without clang or libFuzzer it says so and skips
# (MUBIAO_FUZZ_DIR=none skips them too, e.g. while make fuzz runs).
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_CHECK_SECONDS ?= 3
FUZZ_TARGETS = doc extract recognize dict user audit query
FUZZ_DIR = $(BUILD)/fuzz
FUZZ_BIN = $(FUZZ_TARGETS:%=$(FUZZ_DIR)/fuzz_%)
FUZZ_CFLAGS = -O1 -g -fsanitize=fuzzer-no-link -DMB_FUZZ_NO_CHECKSUM

# Whether clang can link a libFuzzer program here (Debian: clang and its
# runtime, libclang-rt-14-dev on bookworm comes with clang-14).
fuzz-build:
	@if ! printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n){(void)d;(void)n;return 0;}\n' | \
	    $(FUZZ_CC) -x c -fsanitize=fuzzer,address,undefined -o /dev/null - >/dev/null 2>&1; then \
	  echo "mubiao: $(FUZZ_CC) with libFuzzer is not available (Debian: apt-get install clang): fuzz targets not built"; \
	else $(MAKE) --no-print-directory fuzz-bins; fi

fuzz-bins: all $(FUZZ_BIN) $(FUZZ_DIR)/seeds/.done
.PHONY: fuzz-bins

$(FUZZ_DIR)/libmubiao.a: $(LIB_SRC) $(wildcard src/lib/*.h) include/mubiao.h
	$(MAKE) --no-print-directory BUILD=$(FUZZ_DIR) CC=$(FUZZ_CC) SAN=1 CFLAGS="$(FUZZ_CFLAGS)" $(FUZZ_DIR)/libmubiao.a

$(FUZZ_DIR)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(FUZZ_DIR)/libmubiao.a
	$(FUZZ_CC) $(WARN) $(FUZZ_CFLAGS) -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	  -Iinclude -Isrc/lib $(PKG_CFLAGS) -DFUZZ_DICT='"$(abspath $(BUILD))/mubiao.dict"' \
	  -o $@ $< $(FUZZ_DIR)/libmubiao.a $(LDLIBS)

$(FUZZ_DIR)/seeds/.done: scripts/fuzz-seeds $(BIN) $(wildcard tests/data/*/*) dict/policy.txt $(LEX_SRC)
	sh scripts/fuzz-seeds $(abspath $(BIN)) $(FUZZ_DIR)/seeds
	@touch $@

# One target after another, each FUZZ_SECONDS, nice 19, new inputs kept.
fuzz: fuzz-build
	@failed=""; d=$(abspath $(FUZZ_DIR)); for t in $(FUZZ_TARGETS); do \
	  [ -x $$d/fuzz_$$t ] || exit 0; \
	  mkdir -p $$d/corpus/$$t; \
	  echo "fuzz_$$t: $(FUZZ_SECONDS) s"; \
	  nice -n 19 $$d/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -timeout=30 -rss_limit_mb=4096 \
	    -print_final_stats=1 -artifact_prefix=$$d/crash-$$t- \
	    $$d/corpus/$$t $$d/seeds/$$t 2>$$d/fuzz_$$t.log; rc=$$?; \
	  grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb' $$d/fuzz_$$t.log; \
	  if [ $$rc -ne 0 ]; then echo "fuzz_$$t: FAILED (exit $$rc), see $$d/fuzz_$$t.log"; failed="$$failed $$t"; fi; \
	done; [ -z "$$failed" ] || { echo "fuzz: crashes in:$$failed"; exit 1; }

# --jobs (issue 13) under ThreadSanitizer: the program built again with
# -fsanitize=thread in $(BUILD)/tsan, then tests/cli/jobs.sh (every command
# with --jobs 1 and --jobs 4; a data race stops the program with exit 66
# and its report on stderr, so the comparisons fail). Not in make check (a
# third build); takes about a minute.
tsan:
	$(MAKE) --no-print-directory BUILD=$(BUILD)/tsan CFLAGS="-O1 -g -fsanitize=thread" all
	@T=$$(mktemp -d "$${TMPDIR:-/tmp}/mubiao-tsan.XXXXXX"); \
	TSAN_OPTIONS="halt_on_error=1 exitcode=66" MUBIAO=$(abspath $(BUILD)/tsan/mubiao) TOP=$(CURDIR) \
	  SHARED=$${SHARED:-$(CURDIR)/../shared} T=$$T sh tests/cli/jobs.sh >$$T.out 2>&1; rc=$$?; cat $$T.out; \
	  rm -rf $$T; f=$$(grep -c '^not ok' $$T.out); rm -f $$T.out; \
	  if [ $$rc -ne 0 ] || [ $$f -ne 0 ]; then echo "tsan: $$f failed"; exit 1; else echo "tsan: no data race, all passed"; fi
.PHONY: tsan

# Same tests without sanitizers (quicker while developing).
check-fast: tests
	sh tests/run.sh $(BUILD)

# The extraction tests as data alone (tests/data/extract.test), plain build.
check-extract: tests
	$(BUILD)/tests/test_extract_data
.PHONY: check-extract

# Only the records go to standard output: the build (compiler lines, the
# dependency installer) writes to standard error.
demo:
	@$(MAKE) --no-print-directory all >&2
	@$(BIN) extract corpus/*.txt

# scripts/bench: mubiao side by side with jieba (python, jieba-rs), extract
# and ingest MB/s, peak RSS on 1 MB and 100 MB (BENCH_FLAGS=--big: 1 GB),
# --jobs 1 and 2; scripts/bench-load: the document pipeline stage by stage;
# scripts/bench-cache: segment's instructions, cache misses and
# mispredictions a character, counted under valgrind (not timed)
bench: all
	python3 scripts/bench $(BUILD) $(BENCH_FLAGS)
bench-load: all
	sh scripts/bench-load $(BUILD)
bench-cache: all
	sh scripts/bench-cache $(BUILD)
.PHONY: bench-load bench-cache

# Extraction quality: the project's own gold, and ../shared/gold when present.
eval: all
	sh scripts/eval $(BUILD)

# NOBUILD=1 installs what $(BUILD) holds without rebuilding it (the tests use
# it, so that installing never relinks the binaries under test).
install: $(if $(NOBUILD),,all)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include \
	  $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/share/mubiao $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/mubiao
	install -m 644 $(LIB) $(DESTDIR)$(PREFIX)/lib/libmubiao.a
	install -m 755 $(SO) $(DESTDIR)$(PREFIX)/lib/$(notdir $(SO))
	ln -sf $(notdir $(SO)) $(DESTDIR)$(PREFIX)/lib/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(PREFIX)/lib/libmubiao.so
	install -m 644 include/mubiao.h $(DESTDIR)$(PREFIX)/include/mubiao.h
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(VERSION)|g' \
	  -e 's|@REQUIRES@|$(PC_REQUIRES)|g' mubiao.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/mubiao.pc
	install -m 644 $(MAN) $(DESTDIR)$(PREFIX)/share/man/man1/mubiao.1
	if [ -f $(BUILD)/mubiao.dict ]; then install -m 644 $(BUILD)/mubiao.dict $(DESTDIR)$(PREFIX)/share/mubiao/mubiao.dict; fi

# The Python package (python/, README "Python"): pip install, offline, with
# PREFIX remembered so that the package finds PREFIX/lib/libmubiao.so.0.
# PYTHON: the interpreter (a virtual environment's python for one);
# PIP_FLAGS e.g. --user, or --break-system-packages for Debian's python3.
PYTHON ?= python3
PIP_FLAGS ?=
install-python: install
	MUBIAO_PREFIX=$(PREFIX) $(PYTHON) -m pip install --no-index $(PIP_FLAGS) ./python

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/mubiao $(DESTDIR)$(PREFIX)/lib/libmubiao.a \
	  $(DESTDIR)$(PREFIX)/lib/$(notdir $(SO)) $(DESTDIR)$(PREFIX)/lib/$(SONAME) $(DESTDIR)$(PREFIX)/lib/libmubiao.so \
	  $(DESTDIR)$(PREFIX)/include/mubiao.h $(DESTDIR)$(PREFIX)/lib/pkgconfig/mubiao.pc \
	  $(DESTDIR)$(PREFIX)/share/man/man1/mubiao.1 $(DESTDIR)$(PREFIX)/share/mubiao/mubiao.dict

format:
	clang-format -i src/lib/*.[ch] src/cli/*.[ch] include/*.h tests/unit/*.[ch]

clean:
	rm -rf $(BUILD)

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
