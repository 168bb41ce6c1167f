#!/usr/bin/env bash
# Derives data/rights/melody_index/pop909.tsv (the shipped index of known melodies) from the MELODY tracks
# of POP909 (MIT licence) in ../shared/data, with `tunesmith index add`. Usage:
#   tools/derive_melody_index/derive_melody_index.sh [BUILD_DIR]   (default: build)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$root/build}"
corpus="$root/../shared/data/pop909/POP909"
out="$root/data/rights/melody_index/pop909.tsv"
[ -d "$corpus" ] || { echo "derive_melody_index: no POP909 at $corpus" >&2; exit 1; }
mkdir -p "$(dirname "$out")"
tmp="$(mktemp)"
trap 'rm -f "$tmp"' EXIT
{
  echo "# Melodies of POP909 (Wang, Chen et al., ISMIR 2020; MIT licence, see ../shared/data/pop909/LICENSE):"
  echo "# the MELODY track of each song as pitch + inter-onset interval pairs, for the similarity check."
  echo "# Derived by tools/derive_melody_index/derive_melody_index.sh; format in src/rights/melody_index.h."
} > "$tmp"
"$build/tunesmith" index add "$corpus"/*/[0-9][0-9][0-9].mid --track MELODY --source "POP909 (MIT)" \
  --id-prefix pop909 --to "$tmp" > /dev/null
mv "$tmp" "$out"
trap - EXIT
echo "wrote $(grep -vc '^#' "$out") melodies to $out ($(du -h "$out" | cut -f1))"
