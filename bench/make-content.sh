#!/bin/sh
# make-content.sh SRC OUT N: writes OUT, a copy of the content folder SRC
# with N times its topics and contacts, for the scaling benchmarks.
# Copy k of topic NN-slug is NN-slug-k (same number, so the home screen
# keeps its order; links inside copies still point to the originals) and
# copy k of contact ID is ID-k. Nothing else changes.
set -eu
src=$1; out=$2; n=$3
rm -rf "$out.tmp"
cp -r "$src" "$out.tmp"
k=2
while [ "$k" -le "$n" ]; do
	for t in "$src"/topics/*/; do
		t=${t%/}
		cp -r "$t" "$out.tmp/topics/${t##*/}-$k"
	done
	# Every record is one line (no quoted newlines): the id is the first field.
	sed -n "2,\$s/^\([^,]*\),/\1-$k,/p" "$src/contacts.csv" >> "$out.tmp/contacts.csv"
	k=$((k + 1))
done
rm -rf "$out"
mv "$out.tmp" "$out"
