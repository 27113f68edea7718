#!/bin/sh
# Runs every test program and scripted test given, sums their
# "N passed, N failed" lines and prints the total as the last line.
# Usage: BUILD=build sh tests/run.sh build/tests/test_a build/tests/test_b ...
set -u
BUILD=${BUILD:-build}
export BUILD
pass=0; fail=0; broken=""
for t in "$@" tests/sh/test_*.sh; do
	[ -e "$t" ] || continue
	case "$t" in *.sh) cmd="sh $t" ;; *) cmd="$t" ;; esac
	out=$($cmd 2>"$BUILD/last-test.err"); rc=$?
	line=$(printf '%s\n' "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed' | tail -n 1)
	if [ -z "$line" ]; then
		broken="$broken $t"; fail=$((fail + 1))
		echo "BROKEN $t (exit $rc, no summary line)"; tail -n 20 "$BUILD/last-test.err"
		continue
	fi
	p=${line%% passed*}; f=${line#*passed, }; f=${f%% failed*}
	pass=$((pass + p)); fail=$((fail + f))
	if [ "$f" -ne 0 ] || [ "$rc" -ne 0 ]; then
		echo "FAILED $t: $line (exit $rc)"; grep -E 'FAIL|error' "$BUILD/last-test.err" | head -n 30
		[ "$f" -eq 0 ] && fail=$((fail + 1))
	else
		echo "ok     $t: $line"
	fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
