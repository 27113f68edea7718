# KYR Kiosk — offline multilingual know-your-rights kiosk.
# Quick start on Debian 12 / Raspberry Pi OS: `make run` and `make check`.
# Missing Debian packages are installed by tools/deps.sh (through sudo when not root).

PREFIX  ?= /usr/local
DESTDIR ?=
CC      ?= cc
PKG_CONFIG ?= pkg-config
BUILD   ?= build
SAN     ?= 0

PKGS = sdl2 SDL2_ttf libdeflate sqlite3 icu-uc icu-i18n libcmark inih \
       libsodium libqrencode libseccomp espeak-ng opusfile harfbuzz

# Install what is missing before pkg-config is asked (not for clean/help).
# Not in a cross build (CROSS=arm64 …): tools/cross-deps.sh serves those.
ifeq ($(filter clean help,$(MAKECMDGOALS))$(CROSS),)
ifneq ($(filter check test-% fuzz soak bench screenshots,$(MAKECMDGOALS)),)
DEPS_STATUS := $(shell sh tools/deps.sh check 1>&2; echo $$?)
else
DEPS_STATUS := $(shell sh tools/deps.sh build 1>&2; echo $$?)
endif
ifneq ($(DEPS_STATUS),0)
$(error missing Debian packages could not be installed; see above)
endif
endif

PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS))
# libhyphen has no pkg-config file.
PKG_LIBS   := $(shell $(PKG_CONFIG) --libs $(PKGS)) -lhyphen -lm

WARN    = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
          -Wpointer-arith -Wformat=2 -Wno-format-nonliteral
CFLAGS  ?= -O2 -g
CPPFLAGS += -Iinclude -D_GNU_SOURCE -MMD -MP
ALL_CFLAGS = -std=c11 $(WARN) $(CFLAGS) $(PKG_CFLAGS)
LDFLAGS ?=
ifeq ($(SAN),1)
BUILD := build-san
ALL_CFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=address,undefined
endif
LIBS = -Wl,--as-needed $(PKG_LIBS)

# Every src/*.c but the programs' main files goes into one static library.
MAINS   = src/main_kiosk.c src/main_build.c src/main_update.c src/main_layout.c
LIB_SRC = $(filter-out $(MAINS),$(wildcard src/*.c))
LIB_OBJ = $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o)
PROGS   = $(BUILD)/kyr-kiosk $(BUILD)/kyr-build $(BUILD)/kyr-layout $(if $(wildcard src/main_update.c),$(BUILD)/kyr-update)
TEST_SRC = $(wildcard tests/test_*.c)
TESTS   = $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)

# Fonts are copied from Debian's packages (SIL OFL / Apache 2.0) into the build.
FONT_FILES := $(shell sed -n 's/^file[ \t]*//p' fonts/fonts.list 2>/dev/null)
FONTS   = $(addprefix $(BUILD)/fonts/,$(notdir $(FONT_FILES))) $(BUILD)/fonts/fonts.list

CONTENT_SRC := $(shell find content -type f 2>/dev/null)

.PHONY: all content run check install clean fonts screenshots bench soak speech-soak help
all: $(PROGS) fonts $(BUILD)/content.db

fonts: $(FONTS)
# The table travels with the fonts so the font directory is self-contained;
# subsets of the big collections for the content's characters are added to it
# (tools/subset-fonts.sh; the kiosk falls back to the full files).
# In a cross build the host's kyr-build lists the characters (KYR_BUILD_HOST).
# It runs after any change to src/ (whose string literals it reads) but cuts
# the fonts again only when the characters, faces or font files changed.
KYR_BUILD_HOST ?= $(BUILD)/kyr-build
$(BUILD)/fonts/fonts.list: fonts/fonts.list tools/subset-fonts.sh $(KYR_BUILD_HOST) $(CONTENT_SRC) $(wildcard src/*.c) \
		$(filter-out $(BUILD)/fonts/fonts.list,$(FONTS))
	@mkdir -p $(dir $@)
	cp $< $@
	sh tools/subset-fonts.sh $(KYR_BUILD_HOST) content $(dir $@) || { rm -f $@; exit 1; }
$(BUILD)/fonts/%: fonts/fonts.list
	@mkdir -p $(dir $@)
	@src=$$(sed -n 's/^file[ \t]*//p' fonts/fonts.list | grep '/$*$$'); cp "$$src" $@

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/libkyr.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/kyr-kiosk:  $(BUILD)/obj/main_kiosk.o  $(BUILD)/libkyr.a
$(BUILD)/kyr-build:  $(BUILD)/obj/main_build.o  $(BUILD)/libkyr.a
$(BUILD)/kyr-update: $(BUILD)/obj/main_update.o $(BUILD)/libkyr.a
$(BUILD)/kyr-layout: $(BUILD)/obj/main_layout.o $(BUILD)/libkyr.a
$(PROGS):
	$(CC) $(LDFLAGS) $^ $(LIBS) -o $@

$(BUILD)/tests/%: tests/%.c tests/harness.h tests/fixture.h $(BUILD)/libkyr.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Itests $(ALL_CFLAGS) $< $(BUILD)/libkyr.a $(LDFLAGS) $(LIBS) -o $@

content: $(BUILD)/content.db
$(BUILD)/content.db: $(BUILD)/kyr-build $(CONTENT_SRC)
	$(BUILD)/kyr-build content -o $@

run: all
	$(BUILD)/kyr-kiosk --content $(BUILD)/content.db --fonts $(BUILD)/fonts --size 800x480

check: all $(TESTS)
	@BUILD=$(BUILD) sh tests/run.sh $(TESTS)

screenshots: all
	sh tools/screenshots.sh $(BUILD)

# The long soak: a million random events under ASan + UBSan; fails on a
# crash, a sanitizer or leak report, or resident memory growing by more than
# 1 MB after the first tenth (warm-up). SOAK_EVENTS to change the count.
SOAK_EVENTS ?= 1000000
soak:
	$(MAKE) --no-print-directory SAN=1 all
	@mkdir -p build-san/tmp
	printf 'monkey 1 $(SOAK_EVENTS) 1024\n' > build-san/tmp/soak.kyr
	build-san/kyr-kiosk --config /dev/null --content build-san/content.db --fonts build-san/fonts \
		--headless --size 800x480 --script build-san/tmp/soak.kyr --out build-san/tmp

# Benchmarks measure; they never fail the build (see docs/performance.md).
# BENCH_QUICK=1: fewer runs, 1x and 10x content only.
bench: all $(BUILD)/bench/bench
	@BUILD=$(BUILD) $(BUILD)/bench/bench
$(BUILD)/bench/bench: bench/bench.c $(BUILD)/libkyr.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $< $(BUILD)/libkyr.a $(LDFLAGS) $(LIBS) -o $@

# Every sentence of the content through espeak-ng, one child per language
# (a crash names the sentence); minutes, so not in make check.
speech-soak: all $(BUILD)/tools/speech_soak
	$(BUILD)/tools/speech_soak $(BUILD)/content.db
$(BUILD)/tools/speech_soak: tools/speech_soak.c $(BUILD)/libkyr.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $< $(BUILD)/libkyr.a $(LDFLAGS) $(LIBS) -o $@

install: all install-deploy
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/kyr-kiosk/fonts
	install -m 755 $(PROGS) $(DESTDIR)$(PREFIX)/bin/
	install -m 644 $(FONTS) fonts/LICENSE-OFL.txt $(DESTDIR)$(PREFIX)/share/kyr-kiosk/fonts/
	if [ -d $(BUILD)/fonts/sub ]; then install -d $(DESTDIR)$(PREFIX)/share/kyr-kiosk/fonts/sub && \
		install -m 644 $(BUILD)/fonts/sub/*.otf $(DESTDIR)$(PREFIX)/share/kyr-kiosk/fonts/sub/; fi
	install -m 644 $(BUILD)/content.db $(DESTDIR)$(PREFIX)/share/kyr-kiosk/content.db

clean:
	rm -rf build build-san

help:
	@echo "targets: all content run check install clean screenshots bench  (SAN=1 for ASan+UBSan)"

-include $(LIB_OBJ:.o=.d) $(wildcard $(BUILD)/obj/main_*.d)

# --- Deployment: systemd units, configuration, man pages, .deb, cross build
# (docs/raspberry-pi.md). UNITDIR etc. follow PREFIX; udev and sysusers only
# look in /usr/lib and /etc, so a /usr/local install puts those in /etc.
UNITDIR     ?= $(PREFIX)/lib/systemd/system
SYSLIBDIR   ?= $(if $(filter /usr,$(PREFIX)),/usr/lib,/etc)
MANDIR      ?= $(PREFIX)/share/man
UNITS        = $(wildcard deploy/*.service deploy/*.path deploy/*.timer)
UDEV_RULES   = $(wildcard deploy/*.rules)
MANPAGES     = $(wildcard deploy/man/*.1)
# Programs the units run that are not for people (kyr-update@.service's).
HELPERS      = $(wildcard deploy/kyr-update-stick deploy/kyr-kiosk-action)
VERSION     ?= $(shell cat VERSION 2>/dev/null || echo 0.1.0)
CONTENT_VERSION := $(shell sed -n 's/^version *= *//p' content/bundle.ini 2>/dev/null)

.PHONY: install-deploy deb cross-build cross-check clean-cross
# Units name /usr/bin: rewritten for the PREFIX in use. The configuration is
# never overwritten: a changed one on the target gets kiosk.conf.dist beside it.
install-deploy:
	install -d $(DESTDIR)$(UNITDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)/etc/kyr-kiosk \
	        $(DESTDIR)$(SYSLIBDIR)/udev/rules.d $(DESTDIR)$(SYSLIBDIR)/sysusers.d $(DESTDIR)$(SYSLIBDIR)/tmpfiles.d \
	        $(DESTDIR)$(PREFIX)/share/kyr-kiosk
	for u in $(UNITS); do \
		sed 's|/usr/bin/|$(PREFIX)/bin/|g; s|/usr/share/kyr-kiosk|$(PREFIX)/share/kyr-kiosk|g; s|/usr/lib/kyr-kiosk/|$(PREFIX)/lib/kyr-kiosk/|g' \
		    $$u > $(DESTDIR)$(UNITDIR)/$${u##*/}; \
		chmod 644 $(DESTDIR)$(UNITDIR)/$${u##*/}; done
	$(if $(UDEV_RULES),install -m 644 $(UDEV_RULES) $(DESTDIR)$(SYSLIBDIR)/udev/rules.d/)
	install -m 644 deploy/kyr-kiosk.sysusers $(DESTDIR)$(SYSLIBDIR)/sysusers.d/kyr-kiosk.conf
	sed 's|/usr/share/kyr-kiosk|$(PREFIX)/share/kyr-kiosk|g' deploy/kyr-kiosk.tmpfiles > $(DESTDIR)$(SYSLIBDIR)/tmpfiles.d/kyr-kiosk.conf
	install -m 644 $(MANPAGES) $(DESTDIR)$(MANDIR)/man1/
	install -m 755 deploy/setup-raspberry-pi.sh $(DESTDIR)$(PREFIX)/share/kyr-kiosk/
	$(if $(HELPERS),install -d $(DESTDIR)$(PREFIX)/lib/kyr-kiosk && \
	  for h in $(HELPERS); do sed 's|/usr/bin/|$(PREFIX)/bin/|g' $$h > $(DESTDIR)$(PREFIX)/lib/kyr-kiosk/$${h##*/}; \
	  chmod 755 $(DESTDIR)$(PREFIX)/lib/kyr-kiosk/$${h##*/}; done)
	if [ -e $(DESTDIR)/etc/kyr-kiosk/kiosk.conf ] && ! cmp -s deploy/kiosk.conf $(DESTDIR)/etc/kyr-kiosk/kiosk.conf; then \
		install -m 644 deploy/kiosk.conf $(DESTDIR)/etc/kyr-kiosk/kiosk.conf.dist; \
		echo "kept $(DESTDIR)/etc/kyr-kiosk/kiosk.conf; the new default is kiosk.conf.dist"; \
	else install -m 644 deploy/kiosk.conf $(DESTDIR)/etc/kyr-kiosk/kiosk.conf; fi

# make deb [ARCH=arm64|armhf]: $(BUILD)/kyr-kiosk_VERSION_ARCH.deb (or in
# build-ARCH/) for `apt install ./kyr-kiosk_….deb` on every kiosk. A foreign
# ARCH is cross-built first. The package is staged by `make install`.
HOST_ARCH  := $(shell dpkg --print-architecture 2>/dev/null)
DEB_ARCH    = $(or $(ARCH),$(HOST_ARCH))
DEB_VERSION = $(VERSION)+content$(CONTENT_VERSION)
DEB_COMPRESS ?= xz
ifeq ($(DEB_ARCH),$(HOST_ARCH))
DEB_BUILD   = $(BUILD)
DEB_MAKE    = $(MAKE) --no-print-directory
DEB_STRIP   = strip
deb: all
else
DEB_BUILD   = build-$(DEB_ARCH)
DEB_MAKE    = $(CROSS_MAKE)
DEB_STRIP   = $(TRIPLET)-strip
deb: cross-build
endif
deb:
	rm -rf $(DEB_BUILD)/deb
	$(DEB_MAKE) install DESTDIR=$(abspath $(DEB_BUILD))/deb/root PREFIX=/usr >/dev/null
	STRIP=$(DEB_STRIP) DEB_COMPRESS=$(DEB_COMPRESS) sh tools/mkdeb.sh $(DEB_BUILD)/deb/root $(DEB_ARCH) $(DEB_VERSION) $(DEB_BUILD)

# make cross-check [ARCH=arm64|armhf]: cross-compile into build-ARCH/ with
# Debian's cross compiler and multiarch libraries (installed on first use by
# tools/cross-deps.sh, a few minutes), then run every unit test under qemu.
CROSS_ARCH  = $(or $(ARCH),arm64)
TRIPLET     = $(if $(filter armhf,$(CROSS_ARCH)),arm-linux-gnueabihf,aarch64-linux-gnu)
CROSS_BUILD = build-$(CROSS_ARCH)
CROSS_MAKE  = $(MAKE) --no-print-directory CROSS=$(CROSS_ARCH) SAN=0 BUILD=$(CROSS_BUILD) \
              CC=$(TRIPLET)-gcc PKG_CONFIG=$(TRIPLET)-pkg-config KYR_BUILD_HOST=$(BUILD)/kyr-build
ifeq ($(CROSS),)
# The content database is the same on every architecture: the host's
# kyr-build makes it (tools/cross-check.sh checks the claim under qemu).
cross-build: $(BUILD)/content.db
	sh tools/cross-deps.sh $(CROSS_ARCH)
	$(CROSS_MAKE) cross-programs
	cp $(BUILD)/content.db $(CROSS_BUILD)/content.db
cross-check: cross-build
	sh tools/cross-check.sh $(CROSS_ARCH) $(CROSS_BUILD) $(BUILD)
else
# Inside the cross make: everything but the content database.
cross-programs: $(PROGS) fonts $(TESTS)
endif

clean-cross:
	rm -rf build-arm64 build-armhf

# --- Fuzzing (docs/fuzzing.md): libFuzzer targets tests/fuzz/fuzz_<name>.c,
# built by clang into build-fuzz/ against the library compiled with ASan,
# UBSan and coverage. `make fuzz` runs each for FUZZ_SECONDS (one after the
# other); `make fuzz-smoke` for FUZZ_SMOKE_SECONDS each (CI). The same
# targets are replayed over their seeds and regressions by `make check`
# (tests/test_fuzz_regress.c).
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_SMOKE_SECONDS ?= 5
FUZZ_BUILD    = build-fuzz
FUZZ_NAMES    = $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BINS     = $(FUZZ_NAMES:%=$(FUZZ_BUILD)/fuzz_%)
FUZZ_CFLAGS   = -std=c11 -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined \
                -fno-sanitize-recover=undefined $(filter-out -Werror,$(WARN)) -Wno-missing-field-initializers $(PKG_CFLAGS)
FUZZ_LIB_OBJ  = $(LIB_SRC:src/%.c=$(FUZZ_BUILD)/obj/%.o)

.PHONY: fuzz fuzz-smoke
fuzz: all $(FUZZ_BINS)
	@BUILD=$(BUILD) FUZZ_BUILD=$(FUZZ_BUILD) sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_NAMES)
fuzz-smoke:
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=$(FUZZ_SMOKE_SECONDS)

# clang and libFuzzer's runtime (Debian: clang, libclang-rt-14-dev) on first use.
$(FUZZ_BUILD)/.deps:
	@mkdir -p $(FUZZ_BUILD)
	sh tools/deps.sh fuzz
	@touch $@
$(FUZZ_BUILD)/obj/%.o: src/%.c | $(FUZZ_BUILD)/.deps
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@
$(FUZZ_BUILD)/libkyr.a: $(FUZZ_LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^
$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(FUZZ_BUILD)/libkyr.a
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer $< $(FUZZ_BUILD)/libkyr.a $(LIBS) -o $@

-include $(wildcard $(FUZZ_BUILD)/obj/*.d)

# --- The appliance, booted (docs/appliance-test.md) -----------------------
# make release-deb RELEASE=trixie|bookworm: the arm64 package built inside
# that release's debootstrapped root (tools/release-deb.sh), so its Depends
# name that release's libraries. make appliance-test: the full-system test
# under qemu-system-aarch64 (touch walk, USB update, power cut);
# appliance-test-short: boot and first screen, SKIPPED without a cached
# root (CI). Roots are cached in /var/cache/kyr-appliance (tools/appliance-root.sh).
RELEASE ?= trixie
.PHONY: release-deb appliance-test appliance-test-short appliance-root
release-deb:
	sh tools/release-deb.sh $(RELEASE)
appliance-root:
	sh tools/appliance-root.sh $(RELEASE)
# APPLIANCE_DEB=FILE: test this package instead of building one in the root.
APPLIANCE_DEB ?=
APPLIANCE_ARGS = --release $(RELEASE) $(if $(APPLIANCE_DEB),--deb $(APPLIANCE_DEB))
appliance-test: all
	python3 tests/appliance/appliance_test.py $(APPLIANCE_ARGS) --full
appliance-test-short: all
	python3 tests/appliance/appliance_test.py $(APPLIANCE_ARGS) --if-cached
