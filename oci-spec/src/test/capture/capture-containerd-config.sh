#!/bin/sh
# Captures the config.json that containerd (with its runc shim) writes into a bundle for `ctr run`,
# for use as a round-trip fixture (oci-spec/src/test/resources/fixtures/containerd-ctr-run.json).
#
# Needs root, containerd + ctr + containerd-shim-runc-v2 + runc, and /bin/busybox (busybox-static).
# Everything runs against a private containerd (own config, root, state and socket under a temp dir)
# and is removed afterwards; the host's containerd, if any, is not touched.
#
#   sudo oci-spec/src/test/capture/capture-containerd-config.sh OUTPUT.json
set -eu

out=${1:?usage: $0 OUTPUT.json}
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac
[ "$(id -u)" = 0 ] || { echo "must run as root" >&2; exit 1; }
for tool in containerd ctr containerd-shim-runc-v2 runc sha256sum; do
  command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 1; }
done
[ -x /bin/busybox ] || { echo "missing /bin/busybox: apt-get install -y busybox-static" >&2; exit 1; }

work=$(mktemp -d /tmp/bramble-capture.XXXXXX)
sock="$work/containerd.sock"
image="docker.io/library/bramble-busybox:capture"
cid="bramble-capture"
containerd_pid=""

ctr_() { ctr -a "$sock" "$@"; }

cleanup() {
  set +e
  if [ -n "$containerd_pid" ]; then
    ctr_ task kill -s SIGKILL "$cid" >/dev/null 2>&1
    for _ in 1 2 3 4 5 6 7 8 9 10; do
      ctr_ task ls -q 2>/dev/null | grep -qx "$cid" || break
      ctr_ task delete "$cid" >/dev/null 2>&1 && break
      sleep 0.5
    done
    ctr_ container delete "$cid" >/dev/null 2>&1
    ctr_ images rm "$image" >/dev/null 2>&1
    kill "$containerd_pid" 2>/dev/null
    wait "$containerd_pid" 2>/dev/null
  fi
  # the snapshotter may leave mounts behind if something failed half way
  grep -o " $work[^ ]*" /proc/self/mounts | sort -r | while read -r m; do umount -l "$m"; done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

# --- a one-layer OCI image archive holding busybox ----------------------------------------------
arch=$(dpkg --print-architecture 2>/dev/null || uname -m)
case "$arch" in x86_64) arch=amd64 ;; aarch64) arch=arm64 ;; esac
layout="$work/layout"
mkdir -p "$work/layer/bin" "$layout/blobs/sha256"
cp /bin/busybox "$work/layer/bin/busybox"
ln -s busybox "$work/layer/bin/sh"
ln -s busybox "$work/layer/bin/sleep"
tar -C "$work/layer" --numeric-owner --owner=0 --group=0 -cf "$work/layer.tar" bin
diff_id=$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
gzip -n -c "$work/layer.tar" > "$work/layer.tar.gz"

blob() { # FILE -> prints "digest size" after storing FILE as a blob
  d=$(sha256sum "$1" | cut -d' ' -f1)
  cp "$1" "$layout/blobs/sha256/$d"
  echo "$d $(stat -c %s "$1")"
}
set -- $(blob "$work/layer.tar.gz"); layer_digest=$1; layer_size=$2
printf '{"architecture":"%s","os":"linux","config":{"Env":["PATH=/bin"],"Cmd":["sh"]},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' \
  "$arch" "$diff_id" > "$work/config.json"
set -- $(blob "$work/config.json"); config_digest=$1; config_size=$2
printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:%s","size":%s}]}' \
  "$config_digest" "$config_size" "$layer_digest" "$layer_size" > "$work/manifest.json"
set -- $(blob "$work/manifest.json"); manifest_digest=$1; manifest_size=$2
printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"%s"}}]}' \
  "$manifest_digest" "$manifest_size" "$image" > "$layout/index.json"
printf '{"imageLayoutVersion":"1.0.0"}' > "$layout/oci-layout"
tar -C "$layout" -cf "$work/image.tar" oci-layout index.json blobs

# --- a private containerd ---------------------------------------------------------------------------
cat > "$work/config.toml" <<TOML
version = 2
root = "$work/root"
state = "$work/state"
disabled_plugins = ["io.containerd.grpc.v1.cri"]
[grpc]
  address = "$sock"
[ttrpc]
  address = "$sock.ttrpc"
[debug]
  address = "$work/debug.sock"
TOML
containerd --config "$work/config.toml" > "$work/containerd.log" 2>&1 &
containerd_pid=$!
for _ in $(seq 1 50); do [ -S "$sock" ] && ctr_ version >/dev/null 2>&1 && break; sleep 0.2; done
ctr_ version >/dev/null || { cat "$work/containerd.log" >&2; exit 1; }

ctr_ images import "$work/image.tar"
ctr_ run -d "$image" "$cid" sleep 100
bundle_config="$work/state/io.containerd.runtime.v2.task/default/$cid/config.json"
[ -f "$bundle_config" ] || { echo "no config.json at $bundle_config" >&2; exit 1; }
cp "$bundle_config" "$out"
echo "captured $out"
