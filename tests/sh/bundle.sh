# Sourced by the update tests (not a test itself: tests/run.sh runs only
# test_*.sh). Needs $BUILD, $T and a bad() function.

# bundle_build NAME VERSION [PADDING_PARAGRAPHS]: builds
# $T/NAME/kyr-content/content.db from a copy of tests/data/mini in
# $T/src-NAME with the content folder's keyboard layouts (the ones kept in
# step with kyr-build) and the given version. mini's contacts are samples (a
# demo bundle): made real here unless DEMO=1. With PADDING, a topic of that
# many random paragraphs makes the bundle large.
bundle_build() {
	src="$T/src-$1"
	cp -r tests/data/mini "$src"
	[ "${DEMO:-0}" = 1 ] || sed -i 's/,yes$/,no/' "$src/contacts.csv"
	rm -rf "$src/keyboards"; cp -r content/keyboards "$src/"
	sed -i "s/^version *=.*/version = $2/" "$src/bundle.ini"
	if [ -n "${3:-}" ]; then
		mkdir -p "$src/topics/04-padding"
		{ printf -- '---\ntitle: Padding\nsummary: Makes the bundle large.\nicon: family_restroom\nrevision: 1\nsources:\n  - Test (2026)\nas_of: 2026-11-30\n---\n\n'
		  awk -v n="$3" 'BEGIN { srand(7); for (i = 0; i < n; i++) { s = "Paragraph " i ":";
		      for (j = 0; j < 25; j++) { w = ""; m = 3 + int(rand() * 8);
		          for (k = 0; k < m; k++) w = w sprintf("%c", 97 + int(rand() * 26)); s = s " " w }
		      print s "."; print "" } }'; } > "$src/topics/04-padding/en.md"
	fi
	"$BUILD/kyr-build" -q "$src" --bundle "$T/$1" >"$T/build-$1.log" 2>&1 || bad "kyr-build $1: $(cat "$T/build-$1.log")"
}
