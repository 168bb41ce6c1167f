# The two commands of the README: `make demo` (set up, build, generate a cue) and
# `make test` (set up, build, pass the tests). Everything else is a building block.
BUILD ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60
JOBS ?= $(shell nproc)
DEMO_OUT ?= out/demo
DEMO_PROMPT ?= cinematic ambient, D minor, 92 BPM, 45 seconds, sparse first half, lift at 28 seconds, no percussion under dialogue

.PHONY: setup configure build test test-asan fuzz demo bench eval clean

setup:
	bash scripts/setup

configure: setup
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: configure
	cmake --build $(BUILD) -j $(JOBS)

test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

# Unit tests once under AddressSanitizer + UndefinedBehaviorSanitizer (CI runs this too); the
# browser end-to-end test (label e2e) runs in `make test` only.
test-asan: setup
	cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DTUNESMITH_SANITIZE=ON -DTUNESMITH_BUILD_BENCH=OFF
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp UBSAN_OPTIONS=print_stacktrace=1 ctest --test-dir $(ASAN_BUILD) --output-on-failure -j $(JOBS) -LE e2e

# libFuzzer on the audio decoding path: a separate clang build of the fuzz targets, each run for
# FUZZ_SECONDS (bounded). A crash leaves its input as $(FUZZ_BUILD)/crash-* and fails the target.
fuzz: setup
	cmake -S . -B $(FUZZ_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DTUNESMITH_BUILD_BENCH=OFF
	cmake --build $(FUZZ_BUILD) --target fuzz_audio_reader -j $(JOBS)
	bash tests/fuzz/run_fuzzers.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

demo: build
	rm -rf $(DEMO_OUT)
	./$(BUILD)/tunesmith generate "$(DEMO_PROMPT)" --dialogue 5-12 --out $(DEMO_OUT)
	./$(BUILD)/tunesmith plot $(DEMO_OUT) --out $(DEMO_OUT)/piano_roll.png
	./$(BUILD)/tunesmith plot $(DEMO_OUT)/mix.wav --out $(DEMO_OUT)/mix.png
	@echo "demo cue written to $(DEMO_OUT)"

bench: build
	./$(BUILD)/bench/bench_render

eval: build
	./$(BUILD)/eval/eval_compose
	./$(BUILD)/eval/eval_analysis

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
