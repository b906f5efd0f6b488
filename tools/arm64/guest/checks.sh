#!/bin/sh
# The checks run inside the arm64 test VM (tools/arm64/run-in-qemu.sh): bramble check, run, the lifecycle verbs,
# seccomp denials and trap-all mode, on a real aarch64 kernel. Every step prints the command, its output, its exit
# status and how long it took; every expectation prints "CHECK ok" or "CHECK FAIL", and the last line is the tally
# the host script turns into its exit status. busybox sh, no bash.
B=/opt/bramble/bin/bramble
BUNDLE=/opt/bramble/bin/bramble-bundle
PROBE=/opt/bramble-vm/escape-probe
THREADS=/opt/bramble-vm/threads
STATE=/run/bramble
OUT=/tmp/checks
mkdir -p "$OUT"
pass=0
fail=0

# Kernel command line parameters set by the host script: what this kernel's build config says.
param() { tr ' ' '\n' </proc/cmdline | sed -n "s/^bramble\.$1=//p"; }
expected_page=$(param page_size)

uptime_cs() { awk '{ printf "%d", $1 * 100 }' /proc/uptime; }

# step TITLE: a section header.
step() { printf '\n=== %s\n' "$1"; }

# run NAME COMMAND...: runs the command with stdout+stderr to $OUT/NAME, shows both, sets $rc.
run() {
  name=$1
  shift
  echo "\$ $*"
  t0=$(uptime_cs)
  "$@" >"$OUT/$name" 2>&1
  rc=$?
  t1=$(uptime_cs)
  lines=$(wc -l <"$OUT/$name")
  if [ "$lines" -gt 80 ]; then   # long logs (--strace): the head and the tail
    head -n 50 "$OUT/$name" | sed 's/^/  /'
    echo "  ... ($((lines - 60)) lines left out)"
    tail -n 10 "$OUT/$name" | sed 's/^/  /'
  else
    sed 's/^/  /' "$OUT/$name"
  fi
  echo "  [exit $rc, $(awk -v d=$((t1 - t0)) 'BEGIN { printf "%.2f", d / 100 }') s]"
}

# expect DESCRIPTION SHELL-TEST: records one expectation.
expect() {
  if eval "$2"; then
    pass=$((pass + 1))
    echo "CHECK ok   $1"
  else
    fail=$((fail + 1))
    echo "CHECK FAIL $1    ($2)"
  fi
}

has() { grep -q -- "$2" "$OUT/$1"; }

# wait_status ID STATUS: polls `bramble state` until the container reaches STATUS (20 s at most; TCG is slow).
wait_status() {
  i=0
  while [ $i -lt 40 ]; do
    "$B" --root "$STATE" state "$1" 2>/dev/null | grep -q "\"status\" *: *\"$2\"" && return 0
    sleep 0.5
    i=$((i + 1))
  done
  return 1
}

echo "BRAMBLE-ARM64-BEGIN"

step "0. the VM"
run uname uname -a
run cpu sh -c 'grep -m1 -E "^CPU part" /proc/cpuinfo; grep -m1 Features /proc/cpuinfo; nproc; grep MemTotal /proc/meminfo'
run java java -version
run version "$B" --version
echo "kernel config: page size $expected_page bytes, $(param config_va)"
run stack sh -c 'grep -E "\[stack\]" /proc/self/maps'

step "1. bramble check"
run check "$B" check
expect "check exits 0 (sandbox ready)" '[ $rc = 0 ]'
expect "arch is aarch64" 'has check "arch  *aarch64"'
expect "page size is $expected_page" 'has check "page size  *$expected_page "'
# 48 bits pass; fewer (a 16K-page kernel without LPA2: 47) warn, since only some images need 48
expect "va-bits gate passes or warns, never fails" 'has check "PASS  va-bits" || has check "WARN  va-bits"'
expect "seccomp-trace gate passes" 'has check "PASS  seccomp-trace"'
expect "sandbox: ready" 'has check "^sandbox: ready"'
run labels "$B" check --node-labels
expect "node label arch=arm64 or aarch64" 'has labels "bramble.dev/arch=a[a-z0-9]*64"'
expect "node label page-size=$expected_page" 'has labels "bramble.dev/page-size=$expected_page"'

step "2. bramble run: hostname, pid 1, uname emulated by the sentry, exit status"
run bundle-run "$BUNDLE" --hostname pi-arm64 --annotation dev.bramble.uname.release=6.6.31-rpi-v8 /tmp/b-run -- \
  sh -c 'echo "hostname: $(hostname)"; echo "pid: $$"; echo "uname -a: $(uname -a)"; echo "uname -m: $(uname -m)"; exit 7'
run run "$B" --root "$STATE" run --bundle /tmp/b-run run1
expect "exit status 7 propagated" '[ $rc = 7 ]'
expect "hostname pi-arm64" 'has run "^hostname: pi-arm64$"'
expect "pid 1" 'has run "^pid: 1$"'
expect "uname reports the configured release (emulated)" 'has run "^uname -a: Linux pi-arm64 6.6.31-rpi-v8 "'
expect "uname -m aarch64" 'has run "^uname -m: aarch64$"'
run bundle-run2 "$BUNDLE" /tmp/b-run2 -- sh -c 'uname -r; uname -n'
run run2 "$B" --root "$STATE" run --bundle /tmp/b-run2 run2
expect "default release is the VM kernel's ($(uname -r))" 'has run2 "^$(uname -r)$"'
expect "default hostname bramble" 'has run2 "^bramble$"'

step "2b. a 64 MiB memory limit: sysinfo emulated by the sentry within the limit"
run bundle-mem "$BUNDLE" /tmp/b-mem -- sh -c 'free -m; if [ -x /bin/escape-probe ]; then /bin/escape-probe info; fi'
sed -i 's/"resources": {/"resources": { "memory": { "limit": 67108864 },/' /tmp/b-mem/config.json
[ -x "$PROBE" ] && cp "$PROBE" /tmp/b-mem/rootfs/bin/escape-probe
run mem "$B" --root "$STATE" run --bundle /tmp/b-mem mem
expect "run with a 64 MiB limit exits 0" '[ $rc = 0 ]'
expect "free: 64 MiB total" 'has mem "^Mem: *64"'
if [ -x "$PROBE" ]; then
  expect "sysinfo totalram = 67108864 (the limit), written into the aarch64 tracee" 'has mem "^totalram=67108864$"'
fi

step "3. create / start / exec / kill / delete"
run bundle-life "$BUNDLE" --hostname life /tmp/b-life -- sh -c 'echo started; exec sleep 1000'
run create "$B" --root "$STATE" create --bundle /tmp/b-life --pid-file /tmp/life.pid life
expect "create exits 0" '[ $rc = 0 ]'
run state-created "$B" --root "$STATE" state life
expect "state: created" 'has state-created "\"status\" *: *\"created\""'
init=$(cat /tmp/life.pid 2>/dev/null)
run tracer sh -c "grep -E '^(Name|TracerPid)' /proc/$init/status"
expect "the init is traced (TracerPid != 0)" '! has tracer "TracerPid:[[:space:]]*0$"'
run start "$B" --root "$STATE" start life
expect "start exits 0" '[ $rc = 0 ]'
wait_status life running
run state-running "$B" --root "$STATE" state life
expect "state: running" 'has state-running "\"status\" *: *\"running\""'
run ps "$B" --root "$STATE" ps life
expect "ps lists the init's pid" 'has ps "$init"'
run exec "$B" --root "$STATE" exec life sh -c 'echo "exec: hostname $(hostname), pid 1 is $(cat /proc/1/comm), I am $$"; exit 3'
expect "exec exit status 3 propagated" '[ $rc = 3 ]'
expect "exec joined the container (hostname life, pid 1 is sleep)" 'has exec "hostname life, pid 1 is sleep"'
run pause "$B" --root "$STATE" pause life
run state-paused "$B" --root "$STATE" state life
expect "pause: state paused (cgroup v2 freezer)" 'has state-paused "\"status\" *: *\"paused\""'
run resume "$B" --root "$STATE" resume life
run state-resumed "$B" --root "$STATE" state life
expect "resume: state running" 'has state-resumed "\"status\" *: *\"running\""'
run stats "$B" --root "$STATE" events --stats life
expect "events --stats: the sentry's counters" 'has stats "\"sentry\""'
run kill "$B" --root "$STATE" kill life KILL
expect "kill exits 0" '[ $rc = 0 ]'
wait_status life stopped
run state-stopped "$B" --root "$STATE" state life
expect "state: stopped" 'has state-stopped "\"status\" *: *\"stopped\""'
run delete "$B" --root "$STATE" delete life
expect "delete exits 0" '[ $rc = 0 ]'
run list "$B" --root "$STATE" list
expect "list: no container left" '! has list "life"'

step "4. seccomp denials (busybox applets), with the sentry's audit lines"
run bundle-deny "$BUNDLE" --writable /tmp/b-deny -- sh -c '
  mount -t tmpfs none /tmp; echo "mount -> $?"
  unshare -U true; echo "unshare -U -> $?"
  reboot -f; echo "reboot -f -> $?"
  dmesg >/dev/null; echo "dmesg -> $?"
  date -s 2000-01-01 >/dev/null; echo "date -s -> $?"
  ls /tmp >/dev/null && echo "still running after the denials"'
run deny "$B" --root "$STATE" run --bundle /tmp/b-deny deny
expect "the container survived its denied calls" 'has deny "still running after the denials"'
expect "mount: EPERM" 'has deny "mount -> 1" && has deny "ermission denied"'
expect "unshare -U: EPERM" 'has deny "unshare(0x10000000): Operation not permitted"'
expect "reboot -f: EPERM" 'has deny "reboot -f -> 1" && has deny "^reboot: .*Operation not permitted"'
expect "dmesg (syslog): EPERM" 'has deny "klogctl: Operation not permitted"'
expect "date -s (clock_settime/settimeofday): EPERM" 'has deny "date: can.t set date: Operation not permitted"'
for call in mount unshare reboot syslog; do
  expect "audit line for $call" "has deny ': $call('"
done

# The escape probe (packaging's escape-probe.c, cross-compiled by the host script): every row of the policy.
probe_eperm="init_module finit_module delete_module kexec_load kexec_file_load bpf perf_event_open userfaultfd keyctl
  add_key request_key open_by_handle_at syslog acct quotactl quotactl_fd swapon swapoff reboot settimeofday
  clock_settime adjtimex clock_adjtime mount umount2 pivot_root fsopen fsconfig fsmount fspick move_mount open_tree
  mount_setattr unshare clone setns personality_change ptrace_attach ptrace_seize ptrace_traceme process_vm_readv
  process_vm_writev kcmp pidfd_getfd socket_packet socket_raw4 socket_raw6 ioctl_tiocsti ioctl_tiocsti_upper_bits"
probe_enosys="clone3 io_uring_setup io_uring_enter io_uring_register"

# check_probe NAME: every expected errno, the effects, what must keep working.
check_probe() {
  expect "$1: probe exits 0" '[ $rc = 0 ]'
  bad=""
  for k in $probe_eperm; do grep -qx "$k=EPERM" "$OUT/$1" || bad="$bad $k"; done
  for k in $probe_enosys; do grep -qx "$k=ENOSYS" "$OUT/$1" || bad="$bad $k"; done
  expect "$1: $(echo $probe_eperm | wc -w) calls EPERM, $(echo $probe_enosys | wc -w) ENOSYS (wrong:${bad:- none})" \
    '[ -z "$bad" ]'
  expect "$1: no effect (mount, userns, personality, TIOCSTI)" 'has '"$1"' "^mount_effect=none$" &&
    has '"$1"' "^unshare_effect=none$" && has '"$1"' "^personality_effect=0x0$" && has '"$1"' "^tiocsti_effect=none$"'
  expect "$1: still works: personality query, TCP socket, TCGETS" 'has '"$1"' "^personality_query=ok$" &&
    has '"$1"' "^socket_tcp=ok$" && has '"$1"' "^ioctl_tcgets=ok$"'
  expect "$1: iopl/ioperm do not exist on aarch64 (not probed)" '! has '"$1"' "^iopl="'
  audited=$(grep -c ': [a-z_0-9]*(' "$OUT/$1")
  expect "$1: audit lines written ($audited)" '[ "$audited" -ge 40 ]'
}
if [ -x "$PROBE" ]; then
  run bundle-probe "$BUNDLE" --writable /tmp/b-probe -- /bin/escape-probe escapes
  cp "$PROBE" /tmp/b-probe/rootfs/bin/escape-probe
  run probe "$B" --root "$STATE" run --bundle /tmp/b-probe probe
  check_probe probe
else
  echo "(no escape probe in this VM: the host had no aarch64-linux-gnu-gcc)"
fi

step "5. trap-all mode (dev.bramble.trap=all): every syscall stops in the sentry"
workload='i=0; while [ $i -lt 100 ]; do i=$((i + 1)); : >/tmp/f$i; done; echo "files: $(ls /tmp | wc -l)"
  echo "uname -n: $(uname -n)"; echo "words in /etc/passwd: $(cat /etc/passwd | wc -w)"
  mount -t tmpfs none /tmp; echo "mount -> $?"
  time dd if=/dev/zero of=/dev/null bs=1 count=5000 2>&1 | grep -v records; exit 5'
run bundle-trap "$BUNDLE" --writable --hostname trapped --annotation dev.bramble.trap=all /tmp/b-trap -- sh -c "$workload"
run trap "$B" --root "$STATE" run --bundle /tmp/b-trap trap
expect "trap-all: exit status 5" '[ $rc = 5 ]'
expect "trap-all: workload output" 'has trap "^files: 100$" && has trap "^uname -n: trapped$"'
expect "trap-all: mount still denied and audited" 'has trap "^mount -> 1$" && has trap ": mount("'
run bundle-notrap "$BUNDLE" --writable --hostname trapped /tmp/b-notrap -- sh -c "$workload"
run notrap "$B" --root "$STATE" run --bundle /tmp/b-notrap notrap
expect "default mode, same workload: exit status 5" '[ $rc = 5 ]'
if [ -x "$PROBE" ]; then
  run bundle-probe-all "$BUNDLE" --writable --annotation dev.bramble.trap=all /tmp/b-probe-all -- \
    /bin/escape-probe escapes
  cp "$PROBE" /tmp/b-probe-all/rootfs/bin/escape-probe
  run probe-all "$B" --root "$STATE" run --bundle /tmp/b-probe-all probe-all
  check_probe probe-all
  expect "probe-all: clone3 audited in trap-all mode" 'has probe-all ": clone3("'
fi

if [ -x "$THREADS" ]; then
  step "5b. threads (glibc: clone3 -> ENOSYS -> clone) and fork, in the default and in trap-all mode"
  for mode in default all; do
    annotation=
    [ $mode = all ] && annotation="--annotation dev.bramble.trap=all"
    # shellcheck disable=SC2086
    run bundle-threads-$mode "$BUNDLE" --hostname threads $annotation /tmp/b-threads-$mode -- /bin/threads
    cp "$THREADS" /tmp/b-threads-$mode/rootfs/bin/threads
    run threads-$mode "$B" --root "$STATE" run --bundle /tmp/b-threads-$mode threads-$mode
    expect "threads ($mode): 8 threads and a child saw the container's uname" \
      '[ $rc = 0 ] && has threads-'$mode' "^threads=8 uname=threads fork=ok$"'
  done
fi

step "6. --strace in trap-all mode: every aarch64 syscall decoded, with its result"
run bundle-strace "$BUNDLE" --annotation dev.bramble.trap=all /tmp/b-strace -- sh -c 'cat /etc/hostname /nonexistent; exit 0'
run strace "$B" --root "$STATE" --strace run --bundle /tmp/b-strace strace
expect "strace: openat decoded with its path and ENOENT" 'has strace "openat(.*/nonexistent.*ENOENT"'
expect "strace: openat of /etc/hostname decoded" 'has strace "openat(.*/etc/hostname.*= [0-9]"'

step "7. nothing left behind"
run left-state ls -A "$STATE"
expect "no container state left" '[ ! -s "$OUT/left-state" ]'
run left-cgroups find /sys/fs/cgroup -mindepth 2 -type d
expect "no container cgroup left" '[ ! -s "$OUT/left-cgroups" ]'
# user processes other than this script's shells (kernel threads are children of 0 or kthreadd, pid 2)
run left-procs sh -c 'ps -o pid,ppid,comm | awk "NR > 1 && \$2 != 0 && \$2 != 2 && \$3 !~ /^(sh|ps|awk)\$/"'
expect "no sentry or container process left" '[ ! -s "$OUT/left-procs" ]'

step "summary"
echo "BRAMBLE-ARM64-SUMMARY passed=$pass failed=$fail"
echo "BRAMBLE-ARM64-END"
