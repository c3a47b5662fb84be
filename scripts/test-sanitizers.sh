#!/usr/bin/env bash
# CI's sanitizer and fuzzing leg (issue 21), on Debian 12 after scripts/test.sh has set the machine up:
#  1. core, the chattrain CLI and the core tests built with clang's AddressSanitizer and
#     UndefinedBehaviorSanitizer into build-sanitize/ (GUI and benches left out), and those tests run;
#  2. each libFuzzer harness in fuzz/ run for CHATTRAIN_FUZZ_SECONDS (default 45) from its seeds
#     (tests/data and fuzz/regressions/<harness>/); an input that crashes one is copied into
#     fuzz/regressions/<harness>/ (commit it: every later run reads it first) and the leg fails.
# Prints per harness the inputs executed and the coverage reached.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${CHATTRAIN_FUZZ_SECONDS:-45}
sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
if ! command -v clang++ > /dev/null || ! ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a > /dev/null 2>&1; then
  $sudo_cmd apt-get install -y --no-install-recommends clang libclang-rt-dev > /dev/null 2>&1 ||
    $sudo_cmd apt-get install -y --no-install-recommends clang libclang-rt-14-dev > /dev/null
fi

# The core tests that read what a person hands the studio, the CLI's (which runs the sanitized chattrain
# itself) and generation's (CpuDecoder's kernels and its second thread; ~50 s here); the training-heavy
# ones run in the normal suite (ASan makes them ~3x slower).
tests="test_import test_chat test_tokenizer test_store test_model test_preference test_export test_cli test_generate"
harnesses=$(sed -n 's/^chattrain_fuzzer(\(.*\))$/\1/p' fuzz/CMakeLists.txt)

started=$(date +%s)
cmake -S . -B build-sanitize -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=clang++ \
  -DCHATTRAIN_GUI=OFF -DCHATTRAIN_BENCH=OFF -DCHATTRAIN_TESTS=ON -DCHATTRAIN_FUZZ=ON > /dev/null
# shellcheck disable=SC2086
cmake --build build-sanitize --parallel "$(nproc)" --target chattrain $tests $harnesses
echo "sanitizer build: $(($(date +%s) - started)) s"

# LibTorch and Qt keep some memory until exit: leaks are not what this leg looks for.
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:detect_stack_use_after_return=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
tests_started=$(date +%s)
status=0
QT_QPA_PLATFORM=offscreen ctest --test-dir build-sanitize --output-on-failure --timeout 1200 -R "^($(echo $tests | tr ' ' '|'))\$" || status=1
echo "sanitized tests: $(($(date +%s) - tests_started)) s"

printf '%-26s %12s %10s %8s\n' harness executions coverage crashes
for harness in $harnesses; do
  corpus=build-sanitize/fuzz-corpus/$harness regressions=fuzz/regressions/$harness crashes=build-sanitize/fuzz-crashes/$harness
  rm -rf "$crashes"  # this run's findings only (a kept build folder holds an earlier run's)
  mkdir -p "$corpus" "$crashes"
  seeds=(tests/data)
  [ -d "$regressions" ] && seeds+=("$regressions")
  log=build-sanitize/fuzz-$harness.log
  # -rss_limit_mb: a reader that needs more than 4 GB for a 64 KB input is a finding too.
  if ! build-sanitize/fuzz/$harness "$corpus" "${seeds[@]}" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=4096 \
         -timeout=20 -print_final_stats=1 -artifact_prefix="$crashes/" > "$log" 2>&1; then
    status=1
  fi
  found=$(find "$crashes" -type f | wc -l)
  if [ "$found" -gt 0 ]; then
    mkdir -p "$regressions"
    cp "$crashes"/* "$regressions"/
    status=1
    grep -m1 -A25 -E "ERROR: (AddressSanitizer|libFuzzer|UndefinedBehaviorSanitizer)|runtime error|uncaught exception" "$log" || tail -30 "$log"
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  printf '%-26s %12s %10s %8s\n' "$harness" "${runs:-?}" "${cov:-?}" "$found"
done
echo "sanitizer leg: $(($(date +%s) - started)) s"
[ $status -eq 0 ] || echo "a harness failed: its input is in fuzz/regressions/ (commit it with the fix) and its log in build-sanitize/fuzz-*.log"
exit $status
