#!/bin/sh
# Fuzz the pure-Swift ROOT reader with N seeded mutants of real ROOT files (default 1,000,000).
# Every mutant must open or throw ROOTError; a trap fails the run. Seeded, so runs repeat.
# The same filter also runs N/10 mutants of decompressed object and string baskets
# (ROOTBasketFuzzTests), which file-level mutants of compressed baskets rarely reach.
set -e
cd "$(dirname "$0")/.."
# -enable-testing: the test target uses @testable imports, which release builds drop otherwise.
JETNET_ROOT_FUZZ_ITERATIONS="${1:-1000000}" swift test -c release -Xswiftc -enable-testing --filter mutationFuzzing
