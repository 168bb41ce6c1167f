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
  # -malloc_limit_mb bounds any single allocation (a small input must not ask for gigabytes);
  # -rss_limit_mb bounds the whole process. That one is higher: the process's RSS grows with the
  # number of inputs run (ASan's allocator caches and quarantine, the corpus, a third-party leak
  # suppressed above), and a fast machine ran ~75,000 inputs in 60 s and passed 2 GB with a live
  # heap of ~40 MB. -timeout flags inputs that hang the decoder.
  "$fuzzer" -max_total_time="$seconds" -malloc_limit_mb=2048 -rss_limit_mb=6144 -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$build/" "$corpus" "$seeds" || status=$?
done
exit $status
