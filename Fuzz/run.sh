#!/usr/bin/env bash
# Fuzz/run.sh TARGET SECONDS [libFuzzer options…]: builds one libFuzzer target with the address
# sanitizer and runs it for SECONDS on a copy of its seed corpus (Fixtures/fuzz/TARGET).
# TARGET is fuzz-pipeline (raw bytes into the whole pipeline) or fuzz-rules (rule packs).
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?usage: Fuzz/run.sh fuzz-pipeline|fuzz-rules SECONDS}
seconds=${2:-60}
shift 2 || true
swift build -c release -Xswiftc -sanitize=fuzzer,address --product "$target" 2>&1 \
  | grep -Ev "Cannot export local symbol" | tail -3
seeds=../Fixtures/fuzz/$target
work=${FUZZ_WORK:-$(mktemp -d)}
mkdir -p "$work/corpus" "$work/artifacts"
cp -r "$seeds"/. "$work/corpus/" 2>/dev/null || true
dict=()
[ -f "$target.dict" ] && dict=(-dict="$target.dict")
echo "fuzzing $target for ${seconds}s (corpus and crashes in $work)"
set +e
".build/release/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
  -artifact_prefix="$work/artifacts/" -print_final_stats=1 "${dict[@]}" "$@" "$work/corpus" \
  >"$work/log" 2>&1
status=$?
set -e
grep -E "^(#|Done|stat::|==|SUMMARY|artifact|INFO: Seed|Fatal|.*precondition|.*error)" "$work/log" \
  | grep -Ev "^#[0-9]+\s+(REDUCE|NEW|pulse)" | tail -40 || true
if [ "$status" -ne 0 ]; then
  echo "$target FAILED (exit $status); reproduce with: Fuzz/.build/release/$target $work/artifacts/*"
fi
exit "$status"
