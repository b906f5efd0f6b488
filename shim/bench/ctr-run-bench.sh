#!/bin/sh
# Benchmark (not a test): `ctr run --rm IMAGE ID /bin/true` through containerd-shim-bramble-v1 vs containerd's runc
# shim (io.containerd.runc.v2), and the resident memory of one shim daemon per pod (one and two containers).
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
bench() { # RUNTIME LABEL [EXTRA CTR RUN FLAGS]
  rt=$1 label=$2; shift 2
  ctr_ run --rm --runtime "$rt" "$@" "$image" warm /bin/true # first run pays page cache and snapshot setup
  : > "$work/times"
  i=0
  while [ $i -lt "$runs" ]; do
    t0=$(now_ms); ctr_ run --rm --runtime "$rt" "$@" "$image" "b$i" /bin/true; t1=$(now_ms)
    echo $((t1 - t0)) >> "$work/times"; i=$((i + 1))
  done
  printf '%-36s median %5s ms  min %5s ms  max %5s ms  (%s runs)\n' "$label" "$(median < "$work/times")" \
    "$(sort -n "$work/times" | head -1)" "$(sort -n "$work/times" | tail -1)" "$runs"
}
echo "ctr run --rm IMAGE ID /bin/true, wall time:"
bench io.containerd.runc.v2 "runc shim (io.containerd.runc.v2)"
bench io.containerd.bramble.v1 "bramble shim (io.containerd.bramble.v1)"
# bramble as an OCI runtime binary behind containerd's own runc shim (the "look like runc" route of K3s)
bench io.containerd.runc.v2 "bramble CLI (runc shim, BinaryName)" --runc-binary "$bin/bramble"
if command -v runsc >/dev/null 2>&1; then
  # runsc through the runc shim, as gVisor documents for plain containerd: its BinaryName points at a wrapper
  # that adds the ptrace platform and no networking
  printf '#!/bin/sh\nexec runsc --platform=ptrace --network=none "$@"\n' > "$work/runsc-ptrace"
  chmod +x "$work/runsc-ptrace"
  bench io.containerd.runc.v2 "runsc ptrace (runc shim, BinaryName)" --runc-binary "$work/runsc-ptrace"
fi

rss_of() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
pss_of() { awk '/^Pss:/ {s+=$2} END {print s}' "/proc/$1/smaps_rollup"; }
shim_pid() { # RUNTIME-PATTERN: the shim daemon whose cwd is one of our bundles
  for p in $(pgrep -f "$1"); do
    case "$(readlink "/proc/$p/cwd")" in "$work"/*) case "$(tr '\0' ' ' < "/proc/$p/cmdline")" in *" start "*|*" delete "*) ;; *) echo "$p"; return ;; esac ;; esac
  done
}
echo
echo "shim daemon memory per pod (kB):"
for rt in io.containerd.runc.v2 io.containerd.bramble.v1; do
  ctr_ run -d --runtime "$rt" --label io.kubernetes.cri.sandbox-id=pod-$rt "$image" "m1-$rt" sleep 1000
  sleep 2
  case $rt in *runc*) pat=containerd-shim-runc-v2 ;; *) pat=dev.bramble.shim.ShimMain ;; esac
  p=$(shim_pid "$pat")
  one="RSS $(rss_of "$p") PSS $(pss_of "$p")"
  ctr_ run -d --runtime "$rt" --label io.kubernetes.cri.sandbox-id=pod-$rt "$image" "m2-$rt" sleep 1000
  sleep 2
  two="RSS $(rss_of "$p") PSS $(pss_of "$p")"
  printf '%-26s 1 container: %-26s 2 containers: %s\n' "$rt" "$one" "$two"
  for c in "m1-$rt" "m2-$rt"; do ctr_ task kill -s SIGKILL "$c"; done
  sleep 0.5
  for c in "m1-$rt" "m2-$rt"; do ctr_ task delete "$c" >/dev/null; ctr_ c rm "$c"; done
done
