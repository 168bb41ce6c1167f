#!/usr/bin/env bash
# Runs every libFuzzer target of a clang fuzz build for a bounded time each (`make fuzz`), from a
# seed corpus of tiny valid WAV/FLAC/OGG/MP3/M4A files made with ffmpeg. Exit status != 0 on a crash.
# Usage: tests/fuzz/run_fuzzers.sh BUILD_DIR SECONDS_PER_TARGET
set -euo pipefail
build=${1:?build dir}
seconds=${2:-60}
corpus="$build/fuzz_corpus"
seeds="$build/fuzz_seeds"
mkdir -p "$corpus" "$seeds"
# Seeds: 0.2 s of a sine in each container the reader accepts (libsndfile and FFmpeg paths).
for ext in wav flac ogg mp3 m4a; do
  [ -s "$seeds/sine.$ext" ] || ffmpeg -loglevel error -y -f lavfi -i "sine=frequency=440:duration=0.2" \
    -ac 2 -ar 22050 "$seeds/sine.$ext"
done
# libvorbis (inside libsndfile) leaks its info block on some corrupt OGG files: the same
# third-party leak tests/lsan.supp suppresses for the unit tests.
export LSAN_OPTIONS="suppressions=$(cd "$(dirname "$0")/.." && pwd)/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
status=0
for fuzzer in "$build"/tests/fuzz/fuzz_*; do
  [ -f "$fuzzer" ] && [ -x "$fuzzer" ] || continue
  case "$fuzzer" in *_tests) continue ;; esac
  echo "fuzz: $(basename "$fuzzer") for ${seconds} s"
  # -rss_limit_mb bounds memory per input (it caught FFmpeg allocating 1.6 GB for a 104-byte WAV;
  # the reader now caps FFmpeg's allocations); -timeout flags inputs that hang the decoder.
  "$fuzzer" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$build/" "$corpus" "$seeds" || status=$?
done
exit $status
