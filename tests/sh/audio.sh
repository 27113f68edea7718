# Sourced by the tests that listen to the kiosk (not a test itself:
# tests/run.sh runs only test_*.sh). Needs $BUILD and $T.

# kiosk NAME: runs $T/NAME.kyr at 800x480 on $KIOSK_DB (default: the
# built content) with SDL's disk audio driver writing $T/NAME.raw.
kiosk() {
	SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE="$T/$1.raw" \
	"$BUILD/kyr-kiosk" --config /dev/null --content "${KIOSK_DB:-$BUILD/content.db}" --fonts "$BUILD/fonts" \
		--headless --size 800x480 --script "$T/$1.kyr" --out "$T" 2>>"$T/kiosk.err"
}

# seconds_loud FILE: seconds of 48 kHz mono S16 samples louder than 200.
seconds_loud() {
	od -An -v -td2 -w2 "$1" | awk '{ if ($1 > 200 || $1 < -200) n++ } END { printf "%.2f\n", n / 48000 }'
}
