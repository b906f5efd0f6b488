#!/bin/sh
# Runs the built bramble on a real arm64 Linux kernel: a Debian 12 arm64 userland (OpenJDK 17, busybox-static,
# libseccomp) and Debian's arm64 kernel booted under qemu-system-aarch64, then tools/arm64/guest/checks.sh inside
# (bramble check, run, create/start/exec/kill/delete, seccomp denials, trap-all mode, --strace). Prints the VM's
# output; exits 0 only if every check passed. Not part of `mvn verify`: it takes minutes (see README.md).
#
#   mvn -B package -DskipTests && tools/arm64/run-in-qemu.sh [--pages 4k|16k|both] [--save] [--work DIR]
#
#   --pages 4k    Debian 12's linux-image-arm64 (4K pages, 48-bit VA) on -cpu cortex-a72 (a Pi 4's core); default
#   --pages 16k   bookworm-backports' linux-image-arm64-16k (16K pages, a Pi 5's default) on -cpu cortex-a76 (a Pi 5's
#                 core; the Pi 4's A72 has no 16K translation granule)
#   --pages both  one after the other
#   --cpu CPU     another -cpu for the VM, e.g. max,pauth-impdef=on (with the 16k kernel: FEAT_LPA2, 52-bit
#                 addresses); the result files get the model's name as a suffix
#   --save        also write the checks' output to tools/arm64/results/<date>-debian-arm64[-16k].txt
#   --work DIR    downloads, rootfs and initramfs (default /tmp/bramble-arm64); nothing is written elsewhere
#   BRAMBLE_REVISION=TEXT  what the result files name as bramble's revision (default: the checkout's commit)
#
# Needs (Debian 12, x86_64 or arm64 host): qemu-system-arm, cpio, apt-get, dpkg; gcc-aarch64-linux-gnu for the
# escape probe (optional: without it the probe's checks are skipped); network access to deb.debian.org. The apt
# lookups use a private state under the work dir: the host's apt lists and dpkg architectures are not touched.
# On an arm64 host with a writable /dev/kvm the VM runs under KVM (-cpu host) instead of TCG.
set -eu

repo=$(cd "$(dirname "$0")/../.." && pwd)
pages=4k
save=
cpu_override=
work=/tmp/bramble-arm64
while [ $# -gt 0 ]; do
  case "$1" in
    --pages) pages=${2:?--pages needs 4k, 16k or both}; shift 2 ;;
    --save) save=1; shift ;;
    --cpu) cpu_override=${2:?--cpu needs a CPU model (qemu-system-aarch64 -cpu help)}; shift 2 ;;
    --work) work=${2:?--work needs a directory}; shift 2 ;;
    -h|--help) sed -n '2,/^set -eu/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "run-in-qemu: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
case "$pages" in
  4k|16k) page_sets=$pages ;;
  both) page_sets="4k 16k" ;;
  *) echo "run-in-qemu: --pages must be 4k, 16k or both, not '$pages'" >&2; exit 2 ;;
esac

die() { echo "run-in-qemu: $*" >&2; exit 1; }
log() { echo "run-in-qemu: $*" >&2; }
pkg=$repo/packaging/target
[ -x "$pkg/bin/bramble" ] && [ -r "$pkg/lib/runtime.jar" ] ||
  die "$pkg/bin/bramble is missing: run 'mvn -B package -DskipTests' in $repo first"
[ -r "$pkg/lib/native/com/sun/jna/linux-aarch64/libjnidispatch.so" ] ||
  die "$pkg/lib/native/com/sun/jna/linux-aarch64/libjnidispatch.so is missing: the packaging module extracts it"
for tool in qemu-system-aarch64 cpio apt-get dpkg-deb; do
  command -v "$tool" >/dev/null || die "$tool not found: apt-get install -y qemu-system-arm cpio"
done

# ---- a private apt state for arm64: Debian 12, its updates and security fixes, and backports (kernels only) ----
apt_dir=$work/apt
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
[ -r "$keyring" ] || die "$keyring missing: apt-get install -y debian-archive-keyring"
cat >"$apt_dir/sources.list" <<EOF
deb [signed-by=$keyring] http://deb.debian.org/debian bookworm main
deb [signed-by=$keyring] http://deb.debian.org/debian bookworm-updates main
deb [signed-by=$keyring] http://deb.debian.org/debian-security bookworm-security main
deb [signed-by=$keyring] http://deb.debian.org/debian bookworm-backports main
EOF
# Backports keep their default priority (100), so only the 16k kernel, which exists nowhere else, comes from there.
apt_opts="-o Dir::State::Lists=$apt_dir/lists -o Dir::Cache=$apt_dir/cache -o Dir::State::status=/dev/null
  -o Dir::Etc::SourceList=$apt_dir/sources.list -o Dir::Etc::SourceParts=/nonexistent
  -o APT::Architecture=arm64 -o APT::Architectures::=arm64 -o Debug::NoLocking=1 -o APT::Sandbox::User=root"
t_start=$(date +%s)
log "apt-get update (arm64, private state in $apt_dir)"
# shellcheck disable=SC2086
apt-get -qq $apt_opts update >&2

# ---- the userland: extracted packages, no maintainer scripts (nothing arm64 runs on the host) ----
rootfs=$work/rootfs
archives=$apt_dir/cache/archives
rm -f "$archives"/*.deb
# shellcheck disable=SC2086
apt-get -qq $apt_opts install -y -d --no-install-recommends openjdk-17-jre-headless busybox-static libseccomp2 >&2
rm -rf "$rootfs"
mkdir -p "$rootfs"
for deb in "$archives"/*.deb; do
  dpkg-deb -x "$deb" "$rootfs"
done
java_home=$(ls -d "$rootfs"/usr/lib/jvm/java-17-openjdk-arm64)
# what update-alternatives would have done
ln -s "${java_home#"$rootfs"}/bin/java" "$rootfs/usr/bin/java"
mkdir -p "$rootfs/proc" "$rootfs/sys" "$rootfs/dev" "$rootfs/run" "$rootfs/tmp" "$rootfs/mnt" "$rootfs/root"
printf 'root:x:0:0:root:/root:/bin/sh\n' >"$rootfs/etc/passwd"
printf 'root:x:0:\n' >"$rootfs/etc/group"
# bramble as packaged; the AOT caches are for the JDK that built them (x86_64 here) and would be ignored anyway
mkdir -p "$rootfs/opt/bramble"
cp -a "$pkg/bin" "$rootfs/opt/bramble/"
mkdir "$rootfs/opt/bramble/lib"
(cd "$pkg/lib" && find . ! -name '*.aot' ! -name '*.aot.java' | cpio -pdm --quiet "$rootfs/opt/bramble/lib")
mkdir -p "$rootfs/opt/bramble-vm"
cp "$repo/tools/arm64/guest/stage2" "$repo/tools/arm64/guest/checks.sh" "$rootfs/opt/bramble-vm/"
cp "$repo/tools/arm64/guest/init" "$rootfs/init"
# the escape probe of the end-to-end tests and a threaded workload, as static aarch64 programs
cc=
if [ "$(uname -m)" = aarch64 ] && command -v gcc >/dev/null; then
  cc=gcc
elif command -v aarch64-linux-gnu-gcc >/dev/null; then
  cc=aarch64-linux-gnu-gcc
fi
if [ -n "$cc" ]; then
  $cc -static -O1 -Wall -o "$rootfs/opt/bramble-vm/escape-probe" \
    "$repo/packaging/src/test/resources/dev/bramble/e2e/escape-probe.c"
  $cc -static -O1 -Wall -pthread -o "$rootfs/opt/bramble-vm/threads" "$repo/tools/arm64/guest/threads.c"
else
  log "no aarch64 C compiler (apt-get install -y gcc-aarch64-linux-gnu): the probe and thread checks are skipped"
fi
initrd=$work/initrd.cpio
# uncompressed: the emulated CPU would spend longer inflating it than the host spends reading it
(cd "$rootfs" && find . | cpio -o -H newc --quiet) >"$initrd"
log "rootfs: $(du -sh "$rootfs" | cut -f1), initramfs $(du -h "$initrd" | cut -f1) ($(($(date +%s) - t_start)) s)"

# ---- one VM per kernel ----
# what the result files name as the bramble that ran: the checkout's commit, or BRAMBLE_REVISION for a copy
if [ -n "${BRAMBLE_REVISION:-}" ]; then
  revision=$BRAMBLE_REVISION
elif commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null); then
  revision=$commit
  [ -z "$(git -C "$repo" status --porcelain 2>/dev/null | head -n1)" ] || revision="$revision (+ uncommitted changes)"
else
  revision="unknown ($repo is not a git checkout; set BRAMBLE_REVISION)"
fi
status=0
for set in $page_sets; do
  case "$set" in
    4k) meta=linux-image-arm64 cpu=cortex-a72 suffix= ;;
    16k) meta=linux-image-arm64-16k cpu=cortex-a76 suffix=-16k ;;
  esac
  # shellcheck disable=SC2086
  image=$(apt-cache $apt_opts depends "$meta" | sed -n 's/^ *Depends: \(linux-image-[0-9].*\)$/\1/p' | head -n1)
  [ -n "$image" ] || die "could not resolve $meta to a kernel package"
  kdir=$work/kernels/$image
  if [ ! -d "$kdir/boot" ]; then
    log "downloading $image"
    mkdir -p "$work/kernels"
    # shellcheck disable=SC2086
    (cd "$work/kernels" && apt-get -qq $apt_opts download "$image" >&2)
    mkdir -p "$kdir"
    dpkg-deb --fsys-tarfile "$work/kernels/${image}"_*.deb | (cd "$kdir" && tar -x --wildcards './boot/*')
    rm -f "$work/kernels/${image}"_*.deb
  fi
  kernel=$(ls "$kdir"/boot/vmlinuz-*)
  config=$(ls "$kdir"/boot/config-*)
  # CONFIG_ARM64_PAGE_SHIFT until 6.8, the generic CONFIG_PAGE_SHIFT since
  page_shift=$(sed -n 's/^CONFIG_\(ARM64_\)\{0,1\}PAGE_SHIFT=//p' "$config" | head -n1)
  [ -n "$page_shift" ] || die "no CONFIG_PAGE_SHIFT in $config"
  page_size=$((1 << page_shift))
  va=$(sed -n 's/^CONFIG_ARM64_VA_BITS=//p' "$config")
  if [ -n "$cpu_override" ]; then
    cpu=$cpu_override
    suffix=$suffix-${cpu_override%%,*}
  fi
  accel="-accel tcg"
  if [ "$(uname -m)" = aarch64 ] && [ -w /dev/kvm ]; then
    accel="-accel kvm" cpu=host
  fi
  console=$work/console$suffix.log
  log "booting $(basename "$kernel") ($page_size-byte pages, CONFIG_ARM64_VA_BITS=$va) on -cpu $cpu $accel"
  t_boot=$(date +%s)
  # 2 vCPUs and 2 GiB like a small Pi; the initramfs itself takes ~330 MB of it
  # shellcheck disable=SC2086
  timeout 3600 qemu-system-aarch64 -M virt $accel -cpu "$cpu" -smp 2 -m 2G -nographic -no-reboot \
    -kernel "$kernel" -initrd "$initrd" \
    -append "console=ttyAMA0 loglevel=1 panic=-1 rdinit=/init bramble.page_size=$page_size bramble.config_va=CONFIG_ARM64_VA_BITS=$va" \
    </dev/null 2>&1 | tr -d '\r' | tee "$console"
  seconds=$(($(date +%s) - t_boot))
  results=$work/results$suffix.txt
  {
    echo "# tools/arm64/run-in-qemu.sh --pages $set, $(date -u +%Y-%m-%d), in $seconds s"
    echo "# host: $(uname -m) $(uname -r), $(qemu-system-aarch64 --version | head -n1)"
    echo "# VM: qemu-system-aarch64 -M virt $accel -cpu $cpu -smp 2 -m 2G, kernel $image ($(basename "$kernel"))"
    echo "# userland: Debian 12 arm64 packages $(cd "$archives" && ls | sed -n 's/^\(openjdk-17-jre-headless\|busybox-static\|libseccomp2\)_\([^_]*\)_.*/\1 \2/p' | sed 's/%3a/:/' | tr '\n' ',' | sed 's/,$//; s/,/, /g')"
    echo "# bramble: $revision"
    sed -n '/^BRAMBLE-ARM64-BEGIN$/,/^BRAMBLE-ARM64-END$/p' "$console"
  } >"$results"
  summary=$(sed -n 's/^BRAMBLE-ARM64-SUMMARY //p' "$console")
  log "VM with $set pages: ${summary:-no summary (the VM did not finish: see $console)} in $seconds s"
  case "$summary" in
    *failed=0) ;;
    *) status=1 ;;
  esac
  if [ -n "$save" ]; then
    dest=$repo/tools/arm64/results/$(date -u +%Y-%m-%d)-debian-arm64$suffix.txt
    cp "$results" "$dest"
    log "saved $dest"
  fi
done
exit $status
