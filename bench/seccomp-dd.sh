#!/usr/bin/env bash
# The seccomp benchmark of issue 7: busybox dd with a 1-byte block size (200,000 read/write syscalls) inside a
# container, timed by busybox `time` in the container (so runtime start-up is not counted), median of RUNS runs:
#   bramble default mode (sandbox filter, only rare syscalls trap)   vs  runc
#   bramble trap-all mode (every syscall through the sentry)         vs  runsc --platform=ptrace
# Usage, as root after `mvn package`: bench/seccomp-dd.sh [RUNS]     (runsc: apt-get install runsc)
# Prints one line per runtime: name, median seconds, all samples. The benchmark harness (issue 9) can absorb this.
set -euo pipefail
runs=${1:-5}
here=$(cd "$(dirname "$0")/.." && pwd)
bin=$here/packaging/target/bin
work=$(mktemp -d /tmp/bramble-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
dd_cmd='time dd if=/dev/zero of=/dev/null bs=1 count=100000'

"$bin/bramble-bundle" "$work/default" -- sh -c "$dd_cmd" >/dev/null
"$bin/bramble-bundle" --annotation dev.bramble.trap=all "$work/trapall" -- sh -c "$dd_cmd" >/dev/null

# busybox time prints "real\t0m 1.23s" on stderr
seconds() { sed -n 's/^real[[:space:]]*\([0-9]*\)m \([0-9.]*\)s$/\1 \2/p' | awk '{ printf "%.3f\n", $1 * 60 + $2 }'; }

measure() { # name, then the command running the container; the command gets the run number as $run
  local name=$1; shift
  local samples=()
  for run in $(seq 1 "$runs"); do
    samples+=("$("$@" "$run" 2>&1 >/dev/null | seconds | tail -1)")
  done
  local median
  median=$(printf '%s\n' "${samples[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
  printf '%-34s median %6ss   samples %s\n' "$name" "$median" "${samples[*]}"
}

runc_run() { runc --root "$work/runc" run --bundle "$work/default" "dd-runc-$1"; }
bramble_run() { "$bin/bramble" --root "$work/bramble" run --bundle "$work/default" "dd-$1"; }
bramble_trapall() { "$bin/bramble" --root "$work/bramble" run --bundle "$work/trapall" "dd-all-$1"; }
runsc_ptrace() {
  runsc --root "$work/runsc" --platform=ptrace --network=none run --bundle "$work/default" "dd-runsc-$1"
}

echo "busybox dd if=/dev/zero of=/dev/null bs=1 count=100000, $runs runs, $(uname -m), $(nproc) CPUs, $(uname -r)"
measure "runc" runc_run
measure "bramble (default mode)" bramble_run
measure "bramble (trap-all mode)" bramble_trapall
if command -v runsc >/dev/null; then
  measure "runsc --platform=ptrace" runsc_ptrace
else
  echo "runsc not installed (apt-get install runsc): skipped"
fi
