#!/bin/sh
# Captures real ptrace register dumps for one architecture with tools/arch/regdump/regdump.c and writes them to the
# test fixture runtime/src/test/resources/dev/bramble/runtime/arch/regdump-<arch>.txt (RegisterLayout's tests).
#
#   tools/arch/capture-regdump.sh x86_64    on an x86_64 host: static native build, run here
#   tools/arch/capture-regdump.sh aarch64   on an aarch64 host: the same, natively
#                                           on an x86_64 host: static cross build booted as /init of a real Debian
#                                           arm64 kernel under qemu-system-aarch64 (-M virt -cpu cortex-a72, TCG)
#
# Needs (Debian 12): gcc (native); for aarch64 on x86_64 also gcc-aarch64-linux-gnu, qemu-system-arm, cpio, and
# network access for `apt-get download` of linux-image-<abi>-arm64 (done with a private apt state in a temp dir, so
# the host's apt configuration is not changed). Set BRAMBLE_ARM64_KERNEL=/path/to/vmlinuz to use a kernel you have.
# Nothing is written outside the temp dir except the fixture.
set -eu

arch=${1:?usage: $0 x86_64|aarch64}
repo=$(cd "$(dirname "$0")/../.." && pwd)
src="$repo/tools/arch/regdump/regdump.c"
fixture="$repo/runtime/src/test/resources/dev/bramble/runtime/arch/regdump-$arch.txt"
host=$(uname -m)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

case "$arch" in
  x86_64|aarch64) ;;
  *) echo "capture-regdump: unsupported arch '$arch' (x86_64 or aarch64)" >&2; exit 2 ;;
esac

if [ "$arch" = "$host" ]; then
  how="native run on $(uname -sr)"
  gcc -O1 -Wall -static -o "$tmp/regdump" "$src"
  "$tmp/regdump" >"$tmp/console.log"
elif [ "$arch" = aarch64 ] && [ "$host" = x86_64 ]; then
  aarch64-linux-gnu-gcc -O1 -Wall -static -o "$tmp/regdump" "$src"
  kernel=${BRAMBLE_ARM64_KERNEL:-}
  if [ -z "$kernel" ]; then
    # A private apt state: arm64 package lists without touching the host's dpkg architectures or lists.
    mkdir -p "$tmp/apt/lists/partial" "$tmp/apt/cache/archives/partial"
    apt_opts="-o Dir::State::Lists=$tmp/apt/lists -o Dir::Cache=$tmp/apt/cache -o Dir::State::status=/dev/null \
      -o APT::Architecture=arm64 -o APT::Architectures::=arm64 -o Debug::NoLocking=1"
    # shellcheck disable=SC2086
    apt-get -q $apt_opts update >&2
    # shellcheck disable=SC2086
    image=$(apt-cache $apt_opts depends linux-image-arm64 | sed -n 's/^ *Depends: \(linux-image-[0-9].*-arm64\)$/\1/p' | head -n1)
    [ -n "$image" ] || { echo "capture-regdump: could not resolve linux-image-arm64" >&2; exit 1; }
    # shellcheck disable=SC2086
    (cd "$tmp" && apt-get -q $apt_opts download "$image" >&2)
    dpkg -x "$tmp"/"$image"_*.deb "$tmp/kernel"
    kernel=$(ls "$tmp"/kernel/boot/vmlinuz-*)
  fi
  mkdir "$tmp/initrd"
  cp "$tmp/regdump" "$tmp/initrd/init"
  (cd "$tmp/initrd" && echo init | cpio -o -H newc --quiet >"$tmp/initrd.cpio")
  how="qemu-system-aarch64 -M virt -cpu cortex-a72, kernel $(basename "$kernel")"
  # loglevel=1 keeps kernel messages out of the dump; the program powers the VM off when done.
  timeout 600 qemu-system-aarch64 -M virt -cpu cortex-a72 -m 512M -smp 1 -nographic -no-reboot \
    -kernel "$kernel" -initrd "$tmp/initrd.cpio" -append "console=ttyAMA0 loglevel=1 panic=-1" \
    </dev/null >"$tmp/console.log" 2>&1
else
  echo "capture-regdump: capturing $arch on a $host host is not supported; run it on $arch" >&2
  exit 2
fi

tr -d '\r' <"$tmp/console.log" | sed -n '/^BRAMBLE-REGDUMP-BEGIN$/,/^BRAMBLE-REGDUMP-END$/p' >"$tmp/dump"
if ! grep -q '^BRAMBLE-REGDUMP-END$' "$tmp/dump" || grep -q '^fact error' "$tmp/dump"; then
  echo "capture-regdump: the capture failed; console output:" >&2
  cat "$tmp/console.log" >&2
  exit 1
fi
{
  echo "# Real ptrace register dumps ($arch), captured by tools/arch/capture-regdump.sh $arch:"
  echo "# $how. Source: tools/arch/regdump/regdump.c. Regenerate rather than edit."
  cat "$tmp/dump"
} >"$fixture"
echo "capture-regdump: wrote $fixture"
