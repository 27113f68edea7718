#!/bin/sh
# Idle CPU: a headless kiosk at 1080x1920 left alone for 10 s of real time.
# Prints: name value unit target met
set -eu
BUILD=${BUILD:-build}
secs=${IDLE_SECONDS:-10}
"$BUILD/kyr-kiosk" --config /dev/null --content "$BUILD/content.db" --fonts "$BUILD/fonts" \
	--headless --size 1080x1920 2>/dev/null &
pid=$!
sleep 2   # start-up and the first frame are not idle time
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
t0=$(ticks)
sleep "$secs"
t1=$(ticks)
kill -TERM "$pid"; wait "$pid" || true
hz=$(getconf CLK_TCK)
awk -v d=$((t1 - t0)) -v hz="$hz" -v s="$secs" 'BEGIN {
	pct = d / hz / s * 100
	printf "%-28s %8.2f %-6s target <= 1.00 %% %s\n", "idle_cpu_1080x1920", pct, "%", pct <= 1 ? "met" : "MISSED" }'
