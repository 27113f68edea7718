#!/bin/sh
# Scripted end-to-end tests: the real kyr-kiosk binary, headless, driven by
# tests/scripts/*.kyr; then checks on the dumps it wrote.
BUILD=${BUILD:-build}
out="$BUILD/tmp/kiosk"
rm -rf "$out"; mkdir -p "$out"
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
kiosk() { "$BUILD/kyr-kiosk" --config /dev/null --content "$BUILD/content.db" --fonts "$BUILD/fonts" --headless "$@"; }

for size in 800x480 720x1280 1080x1920 1920x1080; do
	for s in tests/scripts/*.kyr; do
		name=$(basename "$s" .kyr)
		mkdir -p "$out/$size"
		if kiosk --size "$size" --script "$s" --out "$out/$size" 2>"$out/$size/$name.err"; then ok
		else bad "$s at $size: $(cat "$out/$size/$name.err")"; fi
	done
done

d="$out/800x480"
# Scrolling moved the article.
if [ -f "$d/article-top.jsonl" ] && ! cmp -s "$d/article-top.jsonl" "$d/article-scrolled.jsonl"; then ok; else bad "drag did not scroll the article"; fi
# Nothing of the previous visitor's article after the idle reset.
if [ -f "$d/after-reset.jsonl" ] && ! grep -q 'immigration agents come to your door' "$d/after-reset.jsonl" && grep -q '"id":"lang:en"' "$d/after-reset.jsonl"; then ok; else bad "after-reset dump holds the previous article or no language buttons"; fi
# Arabic text is laid out right to left, and Back sits right of Quick exit.
if grep -q '"lang":"ar","dir":"rtl"' "$d/arabic-article.jsonl"; then ok; else bad "no right-to-left Arabic text in the dump"; fi
bx=$(grep '"id":"back"' "$d/arabic-article.jsonl" | sed 's/.*"x":\([0-9]*\).*/\1/')
ex=$(grep '"id":"exit"' "$d/arabic-article.jsonl" | sed 's/.*"x":\([0-9]*\).*/\1/')
if [ -n "$bx" ] && [ -n "$ex" ] && [ "$bx" -gt "$ex" ]; then ok; else bad "Arabic bar not mirrored (back x=$bx, exit x=$ex)"; fi

# A failing script stops with its file and line number and a non-zero status.
printf 'tap @lang:en\n\nexpect @no-such-target\n' > "$out/fail.kyr"
if kiosk --script "$out/fail.kyr" --out "$out" 2>"$out/fail.err"; then bad "a failing script exited 0"
elif grep -q "fail.kyr:3:" "$out/fail.err"; then ok; else bad "failure without file:line: $(cat "$out/fail.err")"; fi
# A broken configuration key is named.
printf '[kiosk]\nidle_seconds = soon\n' > "$out/bad.conf"
if "$BUILD/kyr-kiosk" --config "$out/bad.conf" --info 2>"$out/conf.err"; then bad "bad config accepted"
elif grep -q "bad.conf:2: idle_seconds" "$out/conf.err"; then ok; else bad "bad config message: $(cat "$out/conf.err")"; fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
