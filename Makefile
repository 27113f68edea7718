# KYR Kiosk — offline multilingual know-your-rights kiosk.
# Quick start on Debian 12 / Raspberry Pi OS: `make run` and `make check`.
# Missing Debian packages are installed by tools/deps.sh (through sudo when not root).

PREFIX  ?= /usr/local
DESTDIR ?=
CC      ?= cc
PKG_CONFIG ?= pkg-config
BUILD   ?= build
SAN     ?= 0

PKGS = sdl2 SDL2_ttf SDL2_image sqlite3 icu-uc icu-i18n libcmark inih \
       libsodium libqrencode libseccomp espeak-ng opusfile

# Install what is missing before pkg-config is asked (not for clean/help).
ifeq ($(filter clean help,$(MAKECMDGOALS)),)
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
PKG_LIBS   := $(shell $(PKG_CONFIG) --libs $(PKGS)) -lm

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

.PHONY: all content run check install clean fonts screenshots bench help
all: $(PROGS) fonts $(BUILD)/content.db

fonts: $(FONTS)
# The table travels with the fonts so the font directory is self-contained.
$(BUILD)/fonts/fonts.list: fonts/fonts.list
	@mkdir -p $(dir $@)
	cp $< $@
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

$(BUILD)/tests/%: tests/%.c tests/harness.h $(BUILD)/libkyr.a
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

# Benchmarks measure; they never fail the build (see docs/performance.md).
bench: all
	@BUILD=$(BUILD) sh bench/idle.sh

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/kyr-kiosk/fonts
	install -m 755 $(PROGS) $(DESTDIR)$(PREFIX)/bin/
	install -m 644 $(FONTS) fonts/LICENSE-OFL.txt $(DESTDIR)$(PREFIX)/share/kyr-kiosk/fonts/
	install -m 644 fonts/fonts.list $(DESTDIR)$(PREFIX)/share/kyr-kiosk/fonts/
	install -m 644 $(BUILD)/content.db $(DESTDIR)$(PREFIX)/share/kyr-kiosk/content.db

clean:
	rm -rf build build-san

help:
	@echo "targets: all content run check install clean screenshots bench  (SAN=1 for ASan+UBSan)"

-include $(LIB_OBJ:.o=.d) $(wildcard $(BUILD)/obj/main_*.d)
