#!/bin/sh
# Runs each libFuzzer target for SECONDS, one after the other, and says
# which crashed. Usage (from make fuzz): sh tests/fuzz/run.sh SECONDS NAME...
# New inputs found go to $FUZZ_BUILD/corpus/NAME (not into the repository's
# seeds); a crashing input is written to $FUZZ_BUILD/crashes/NAME-crash-…,
# and the fuzzer's output to $FUZZ_BUILD/logs/NAME.log. See docs/fuzzing.md.
set -u
secs=$1; shift
FUZZ_BUILD=${FUZZ_BUILD:-build-fuzz}
export KYR_FUZZ_BUILD=${BUILD:-build}    # where the targets find content.db and fonts
mkdir -p "$FUZZ_BUILD/logs" "$FUZZ_BUILD/crashes"
crashed=""
for name in "$@"; do
	mkdir -p "$FUZZ_BUILD/corpus/$name"
	seeds=tests/fuzz/corpus/$name; regress=tests/fuzz/regress/$name
	[ -d "$regress" ] || regress=""
	log="$FUZZ_BUILD/logs/$name.log"
	"$FUZZ_BUILD/fuzz_$name" -max_total_time="$secs" -timeout=20 -rss_limit_mb=2560 -print_final_stats=1 \
		-artifact_prefix="$FUZZ_BUILD/crashes/$name-" "$FUZZ_BUILD/corpus/$name" $seeds $regress >"$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1)
	if [ "$rc" -eq 0 ]; then
		printf 'ok     fuzz_%-12s %6s runs in %ss, %s\n' "$name" "${runs:-?}" "$secs" "$cov"
	else
		crashed="$crashed $name"
		printf 'CRASH  fuzz_%-12s exit %s: %s\n' "$name" "$rc" "$(grep -m1 -E 'ERROR|invariant|runtime error' "$log")"
		ls "$FUZZ_BUILD/crashes/$name-"* 2>/dev/null | sed 's/^/       input: /'
	fi
done
if [ -n "$crashed" ]; then
	echo "crashed:$crashed (logs in $FUZZ_BUILD/logs; replay one with $FUZZ_BUILD/fuzz_NAME FILE;"
	echo "fix it, then keep the input in tests/fuzz/regress/NAME/ so make check replays it)"
	exit 1
fi
