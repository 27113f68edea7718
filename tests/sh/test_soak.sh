#!/bin/sh
# The soak test's short form: the monkey (seeded random taps, drags, keys,
# text and waits, with idle resets) drives the real kiosk for a few thousand
# events; it must end without a crash (and, under `make check SAN=1`, without
# an AddressSanitizer or leak report). `make soak` runs a million events and
# also checks that resident memory grows less than 1 MB after warm-up.
BUILD=${BUILD:-build}
T="$BUILD/tmp/soak.$$"
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
rm -rf "$T"; mkdir -p "$T"
for run in "800x480 7 1000" "1080x1920 11 600"; do
	set -- $run
	printf 'monkey %s %s\n' "$2" "$3" > "$T/m.kyr"
	"$BUILD/kyr-kiosk" --config /dev/null --content "$BUILD/content.db" --fonts "$BUILD/fonts" --headless \
		--size "$1" --script "$T/m.kyr" --out "$T" > "$T/out" 2> "$T/err"
	rc=$?
	if [ $rc -eq 0 ] && grep -q "^monkey: $3 events" "$T/out"; then ok
	else bad "monkey at $1 (seed $2): exit $rc: $(grep -v 'started\|stopped' "$T/err" | head -n 20)"; fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && rm -rf "$T"
[ "$fail" -eq 0 ]
