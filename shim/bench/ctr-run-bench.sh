#!/bin/sh
# Benchmark (not a test): `ctr run --rm IMAGE ID /bin/true` through containerd-shim-bramble-v1 (pod mode, and
# namespace mode with a warm daemon) vs containerd's runc shim (io.containerd.runc.v2), and the shims' memory for
# one and for five sandboxes (sleeping containers, each its own pod), so the cost of one more sandbox shows.
#
# Needs root, Debian's containerd + ctr + runc, /bin/busybox, and a build (mvn package: packaging/target/bin).
# Runs a private containerd under a temp dir (own config, root, state, socket); the host's containerd is not touched.
#
#   sudo shim/bench/ctr-run-bench.sh [RUNS]
set -eu
runs=${1:-10}
repo=$(cd "$(dirname "$0")/../.." && pwd)
bin="$repo/packaging/target/bin"
[ -x "$bin/containerd-shim-bramble-v1" ] || { echo "build first: mvn -B package -DskipTests" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "must run as root" >&2; exit 1; }

work=$(mktemp -d /tmp/bramble-bench.XXXXXX)
sock="$work/containerd.sock"
image="docker.io/library/bramble-busybox:bench"
containerd_pid=""
ctr_() { ctr -a "$sock" "$@"; }
cleanup() {
  set +e
  if [ -n "$containerd_pid" ]; then
    for t in $(ctr_ task ls -q 2>/dev/null); do ctr_ task kill -s SIGKILL "$t"; sleep 0.3; ctr_ task delete "$t"; done
    for c in $(ctr_ c ls -q 2>/dev/null); do ctr_ c rm "$c"; done
    kill "$containerd_pid"; wait "$containerd_pid" 2>/dev/null
  fi
  # the warm namespace daemon idles on without containerd: stop it (SIGTERM withdraws its socket and ready file)
  for p in $(pgrep -f dev.bramble.shim.ShimMain); do
    case "$(tr '\0' ' ' < "/proc/$p/cmdline")" in
      *" -address $sock "*) log=$(readlink "/proc/$p/fd/2"); kill "$p"; sleep 1; rm -f "$log" "$log.1" ;;
    esac
  done
  grep -o " $work[^ ]*" /proc/self/mounts | sort -r | while read -r m; do umount -l "$m"; done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

# --- a one-layer busybox OCI image, built locally ------------------------------------------------------------
arch=$(dpkg --print-architecture 2>/dev/null || uname -m)
case "$arch" in x86_64) arch=amd64 ;; aarch64) arch=arm64 ;; esac
layout="$work/layout"
mkdir -p "$work/layer/bin" "$layout/blobs/sha256"
cp /bin/busybox "$work/layer/bin/busybox"
for a in sh true sleep; do ln -s busybox "$work/layer/bin/$a"; done
tar -C "$work/layer" --numeric-owner --owner=0 --group=0 -cf "$work/layer.tar" bin
diff_id=$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
gzip -n -c "$work/layer.tar" > "$work/layer.tar.gz"
blob() { d=$(sha256sum "$1" | cut -d' ' -f1); cp "$1" "$layout/blobs/sha256/$d"; echo "$d $(stat -c %s "$1")"; }
set -- $(blob "$work/layer.tar.gz"); ld=$1; ls_=$2
printf '{"architecture":"%s","os":"linux","config":{"Env":["PATH=/bin"]},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' "$arch" "$diff_id" > "$work/config.json"
set -- $(blob "$work/config.json"); cd_=$1; cs=$2
printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:%s","size":%s}]}' "$cd_" "$cs" "$ld" "$ls_" > "$work/manifest.json"
set -- $(blob "$work/manifest.json"); md=$1; ms=$2
printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"%s"}}]}' "$md" "$ms" "$image" > "$layout/index.json"
printf '{"imageLayoutVersion":"1.0.0"}' > "$layout/oci-layout"
tar -C "$layout" -cf "$work/image.tar" oci-layout index.json blobs

# --- a private containerd -----------------------------------------------------------------------------------
cat > "$work/config.toml" <<TOML
version = 2
root = "$work/root"
state = "$work/state"
disabled_plugins = ["io.containerd.grpc.v1.cri"]
[grpc]
  address = "$sock"
[ttrpc]
  address = "$sock.ttrpc"
TOML
PATH="$bin:$PATH" containerd --config "$work/config.toml" > "$work/containerd.log" 2>&1 &
containerd_pid=$!
for _ in $(seq 1 50); do [ -S "$sock" ] && ctr_ version >/dev/null 2>&1 && break; sleep 0.2; done
ctr_ images import "$work/image.tar" >/dev/null

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }
# The modes, one per line: LABEL|RUNTIME|EXTRA CTR RUN FLAGS. They run round-robin (one run of each per round), so a
# change in the machine's load hits them all alike.
printf 'group = "namespace"\n' > "$work/shim-namespace.toml"
namespace_mode="--runtime-config-path $work/shim-namespace.toml"
printf '#!/bin/sh\nexec runsc --platform=ptrace --network=none "$@"\n' > "$work/runsc-ptrace"
chmod +x "$work/runsc-ptrace"
{
  echo "runc shim (io.containerd.runc.v2)|io.containerd.runc.v2|"
  echo "bramble shim (io.containerd.bramble.v1)|io.containerd.bramble.v1|"
  # one daemon per namespace (shim/README.md): the warm-up run starts it, the measured runs find it alive and their
  # start needs no JVM
  echo "bramble shim, namespace mode (warm)|io.containerd.bramble.v1|$namespace_mode"
  # bramble as an OCI runtime binary behind containerd's own runc shim (the "look like runc" route of K3s)
  echo "bramble CLI (runc shim, BinaryName)|io.containerd.runc.v2|--runc-binary $bin/bramble"
  # runsc through the runc shim, as gVisor documents for plain containerd: its BinaryName points at a wrapper that
  # adds the ptrace platform and no networking
  if command -v runsc >/dev/null 2>&1; then
    echo "runsc ptrace (runc shim, BinaryName)|io.containerd.runc.v2|--runc-binary $work/runsc-ptrace"
  fi
} > "$work/modes"
one_run() { # INDEX NAME: one `ctr run --rm` of mode INDEX (its line in modes), its wall time appended to times.INDEX
  line=$(sed -n "$1p" "$work/modes")
  rt=$(echo "$line" | cut -d'|' -f2) flags=$(echo "$line" | cut -d'|' -f3)
  # shellcheck disable=SC2086
  t0=$(now_ms); ctr_ run --rm --runtime "$rt" $flags "$image" "$2" /bin/true; t1=$(now_ms)
  echo $((t1 - t0)) >> "$work/times.$1"
}
modes=$(wc -l < "$work/modes")
m=1
while [ $m -le "$modes" ]; do
  one_run "$m" "warm$m" # the first run pays page cache, snapshot setup and (namespace mode) the daemon's start
  : > "$work/times.$m"
  m=$((m + 1))
done
i=0
while [ $i -lt "$runs" ]; do
  m=1
  # a pause between runs: a pod-mode shim JVM still exiting must not slow down the next mode's run
  while [ $m -le "$modes" ]; do one_run "$m" "b$i-$m"; sleep 0.5; m=$((m + 1)); done
  i=$((i + 1))
done
echo "ctr run --rm IMAGE ID /bin/true, wall time ($runs rounds, the modes round-robin):"
m=1
while [ $m -le "$modes" ]; do
  label=$(sed -n "${m}p" "$work/modes" | cut -d'|' -f1)
  printf '%-36s median %5s ms  min %5s ms  max %5s ms  (%s runs)\n' "$label" "$(median < "$work/times.$m")" \
    "$(sort -n "$work/times.$m" | head -1)" "$(sort -n "$work/times.$m" | tail -1)" "$runs"
  m=$((m + 1))
done

kb_of() { # FIELD PIDS...: the sum of a /proc/PID/status field (VmRSS) or of smaps_rollup's Pss, in kB
  f=$1; shift
  for p in "$@"; do
    if [ "$f" = Pss ]; then awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup"
    else awk "/^$f:/ {print \$2}" "/proc/$p/status"; fi
  done | awk '{s+=$1} END {print s+0}'
}
shim_pids() { # PATTERN MODE: shim daemons of this containerd (their command line names its socket); MODE picks
  # bramble's namespace daemons ("namespace") or the others ("pod")
  for p in $(pgrep -f "$1"); do
    cmd=$(tr '\0' ' ' < "/proc/$p/cmdline" 2>/dev/null) || continue
    case "$cmd" in *" -address $sock "*) ;; *) continue ;; esac
    case "$cmd" in *" start "|*" delete ") continue ;; esac
    case "$2:$cmd" in namespace:*-bramble-group=namespace*|pod:*) ;; *) continue ;; esac
    case "$2:$cmd" in pod:*-bramble-group=namespace*) continue ;; esac
    echo "$p"
  done
}
measure() { # PATTERN MODE: "RSS r PSS p (n shims)" over the matching shim processes
  set -- $(shim_pids "$1" "$2")
  echo "RSS $(kb_of VmRSS "$@") PSS $(kb_of Pss "$@") ($# shim$([ $# = 1 ] || echo s))"
}
echo
echo "shim daemon memory for sleeping containers, each its own sandbox (kB, summed over the shim processes):"
mem_row() { # LABEL RUNTIME MODE [CTR RUN FLAGS]: 1 sandbox, then 5
  label=$1 rt=$2 mode=$3; shift 3
  case $rt in *runc*) pat=containerd-shim-runc-v2 ;; *) pat=dev.bramble.shim.ShimMain ;; esac
  ctr_ run -d --runtime "$rt" "$@" "$image" "m1-$mode-$rt" sleep 1000
  sleep 1
  one=$(measure "$pat" "$mode")
  for i in 2 3 4 5; do ctr_ run -d --runtime "$rt" "$@" "$image" "m$i-$mode-$rt" sleep 1000; done
  sleep 1
  five=$(measure "$pat" "$mode")
  set -- $one; r1=$2; set -- $five; r5=$2
  printf '%-36s 1 sandbox: %-30s 5 sandboxes: %-30s +%s kB RSS per added sandbox\n' "$label" "$one" "$five" \
    $(( (r5 - r1) / 4 ))
  for i in 1 2 3 4 5; do ctr_ task kill -s SIGKILL "m$i-$mode-$rt"; done
  sleep 0.5
  for i in 1 2 3 4 5; do ctr_ task delete "m$i-$mode-$rt" >/dev/null 2>&1; ctr_ c rm "m$i-$mode-$rt"; done
}
mem_row "runc shim (io.containerd.runc.v2)" io.containerd.runc.v2 pod
mem_row "bramble shim, pod mode" io.containerd.bramble.v1 pod
mem_row "bramble shim, namespace mode" io.containerd.bramble.v1 namespace $namespace_mode
