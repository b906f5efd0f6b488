package dev.bramble.runtime.gate;

import dev.bramble.runtime.arch.Arch;
import dev.bramble.runtime.host.HostFacts;
import dev.bramble.runtime.host.KernelVersion;

/**
 * Every fix the gates suggest, in one place so the advice stays consistent and can be reviewed as a whole (like
 * Jib's HelpfulSuggestions). Raspberry Pi specifics come first where the host is a Pi, because that is where most
 * of these failures happen. Each text completes "fix: ...".
 */
public final class GateRemedies {
  static final String PI_CMDLINE = "/boot/firmware/cmdline.txt (/boot/cmdline.txt before Raspberry Pi OS bookworm)";
  static final String PI_CONFIG = "/boot/firmware/config.txt";
  static final String REPORT_BUG = "this is a bug in bramble; report it with the output of 'bramble check'";

  private GateRemedies() {}

  static String hostArch(HostFacts host) {
    String text = "run bramble on a 64-bit x86_64 or aarch64 kernel";
    if (host.isRaspberryPi()) {
      text += "; on a Raspberry Pi 3, 4 or 5 install the 64-bit Raspberry Pi OS, or set arm_64bit=1 in " + PI_CONFIG;
    }
    return text;
  }

  static String kernelUpgrade(HostFacts host, KernelVersion needed) {
    String text = "boot a Linux " + needed + " or newer kernel";
    if (host.isRaspberryPi()) {
      return text + " (sudo apt full-upgrade installs one on Raspberry Pi OS)";
    }
    return text + " (Debian 12, Ubuntu 22.04 and Raspberry Pi OS bookworm ship 6.1 or newer)";
  }

  static String kernelUnparsable() {
    return "check /proc/sys/kernel/osrelease; if the release string is unusual, downgrade this gate with "
        + "--gate-warn kernel-version at your own risk";
  }

  static String seccompKernel() {
    return "boot a kernel built with CONFIG_SECCOMP=y and CONFIG_SECCOMP_FILTER=y (every distribution kernel is)";
  }

  static String yamaScope3() {
    return "ptrace_scope 3 cannot be lowered until reboot: remove kernel.yama.ptrace_scope=3 from /etc/sysctl.conf"
        + " and /etc/sysctl.d/*.conf (or set it to 1), then reboot";
  }

  static String yamaScope2() {
    return "run bramble as root (it needs CAP_SYS_PTRACE at ptrace_scope 2), or sysctl -w kernel.yama.ptrace_scope=1";
  }

  static String libseccompMissing() {
    return "install libseccomp 2.4 or newer (apt-get install libseccomp2; dnf install libseccomp)";
  }

  static String libseccompOld() {
    return "upgrade libseccomp to 2.4 or newer (Debian 11+, Ubuntu 20.04+ and Raspberry Pi OS bullseye+ ship it)";
  }

  static String libseccompVersionUnknown() {
    return "make sure the library is libseccomp 2.4 or newer (dpkg -l libseccomp2)";
  }

  /** The host's page size differs from the one the workload declares (or needs). */
  static String pageSize(HostFacts host, long wanted) {
    long actual = host.pageSize().map(p -> p.value()).orElse(0L);
    if (host.isRaspberryPi() && actual == 16384 && wanted == 4096) {
      return "add kernel=kernel8.img to " + PI_CONFIG + " and reboot: that Raspberry Pi 5 kernel uses 4K pages,"
          + " but its user address space is only 39 bits (too small for TCMalloc/Envoy); or run this image on a"
          + " node labelled bramble.dev/page-size=4096";
    }
    if (host.arch().orElse(null) == Arch.AARCH64) {
      return "boot a kernel built with CONFIG_ARM64_" + wanted / 1024 + "K_PAGES=y, or schedule the image on a node"
          + " labelled bramble.dev/page-size=" + wanted + "; an allocator that reads the page size at run time"
          + " (jemalloc built with --with-lg-page=16) avoids the problem";
    }
    return "schedule the image on a node labelled bramble.dev/page-size=" + wanted;
  }

  /** Suggests a declaration, for host-only warnings that cannot know what the image needs. */
  static String declarePageSize(HostFacts host) {
    return "images that need 4K pages can declare annotation " + WorkloadDeclarations.PAGE_SIZE
        + "=4096 to be refused at create; " + pageSize(host, 4096);
  }

  /** The host's address width is below what the workload declares. */
  static String vaBits(HostFacts host, int wanted) {
    if (host.isRaspberryPi()) {
      return "Raspberry Pi OS kernels have 39-bit (kernel8.img, 4K pages) or 47-bit (kernel_2712.img, 16K pages)"
          + " address spaces; for " + wanted + " bits install Ubuntu for Raspberry Pi (its linux-raspi kernel has"
          + " 48-bit VA and 4K pages) or rebuild the kernel with CONFIG_ARM64_VA_BITS_48=y";
    }
    if (host.arch().orElse(null) == Arch.X86_64) {
      return "x86_64 gives 48-bit addresses with 4-level paging and 57-bit with 5-level paging (a CPU with la57 and a"
          + " kernel with CONFIG_X86_5LEVEL, booted without no5lvl); schedule the image on a node labelled"
          + " bramble.dev/va-bits=" + wanted;
    }
    return "boot a kernel built with CONFIG_ARM64_VA_BITS_48=y (Debian, Fedora and Ubuntu arm64 kernels are), or"
        + " schedule the image on a node labelled bramble.dev/va-bits=" + wanted;
  }

  static String declareVaBits(HostFacts host) {
    return "images that need a wider address space can declare annotation " + WorkloadDeclarations.MIN_VA_BITS
        + "=48 to be refused at create; " + vaBits(host, 48);
  }

  static String addressSpaceUnmeasured(String detail) {
    if (detail.startsWith("no address-space probe")) {
      return REPORT_BUG;
    }
    return "run bramble where mmap is not filtered (not inside another sandbox's seccomp profile), or " + REPORT_BUG;
  }

  static String namespaceMissing(String kernelName) {
    return "boot a kernel built with the " + kernelName + " namespace ("
        + switch (kernelName) {
          case "cgroup" -> "CONFIG_CGROUPS, Linux 4.6+";
          case "time" -> "CONFIG_TIME_NS, Linux 5.6+";
          case "user" -> "CONFIG_USER_NS";
          case "net" -> "CONFIG_NET_NS";
          case "pid" -> "CONFIG_PID_NS";
          case "ipc" -> "CONFIG_IPC_NS";
          case "uts" -> "CONFIG_UTS_NS";
          default -> "CONFIG_NAMESPACES";
        }
        + "), or remove it from linux.namespaces in config.json";
  }

  static String userNamespacesDisabled(boolean kernelLacksThem) {
    if (kernelLacksThem) {
      return "boot a kernel built with CONFIG_USER_NS=y, or remove the user namespace from linux.namespaces";
    }
    return "sysctl -w user.max_user_namespaces=15000 (persist it in /etc/sysctl.d/), or remove the user namespace"
        + " from linux.namespaces";
  }

  static String userNamespacesRestricted(String knob) {
    if (knob.contains("apparmor")) {
      return "run bramble as root (containerd does), or sysctl -w kernel.apparmor_restrict_unprivileged_userns=0,"
          + " or give bramble an AppArmor profile that allows 'userns,'";
    }
    return "run bramble as root (containerd does), or sysctl -w kernel.unprivileged_userns_clone=1";
  }

  /** Why a cgroup controller is missing decides the fix; {@code reason} comes from the controller gate. */
  static String controller(HostFacts host, String controller, ControllerGate.Absence reason) {
    return switch (reason) {
      case DISABLED_ON_COMMAND_LINE -> host.isRaspberryPi()
          ? "append cgroup_enable=" + controller + " to the single line in " + PI_CMDLINE + " and reboot; the"
              + " firmware puts cgroup_disable=" + controller + " earlier on the line and the later setting wins"
          : "remove cgroup_disable=" + controller + " from the kernel command line (GRUB_CMDLINE_LINUX in"
              + " /etc/default/grub, then update-grub) and reboot";
      case NOT_BUILT -> "boot a kernel built with " + ControllerGate.configOption(controller) + "=y";
      case NOT_MOUNTED -> "mount the " + controller + " controller, or switch to cgroup v2 by booting with"
          + " systemd.unified_cgroup_hierarchy=1";
      case NOT_IN_CONTROLLERS -> "the cgroup v2 root does not offer " + controller + ": check that no cgroup v1"
          + " hierarchy holds it (grep cgroup /proc/self/mounts) and that the kernel has "
          + ControllerGate.configOption(controller);
    };
  }

  static String dropResourceOr(String controllerFix) {
    return controllerFix + "; or remove the setting from config.json";
  }

  static String overlayModule(String module) {
    return "modprobe overlay (and persist it: echo overlay > /etc/modules-load.d/overlay.conf); module " + module;
  }

  static String overlayMissing() {
    return "boot a kernel built with CONFIG_OVERLAY_FS, or configure containerd with another snapshotter (native)";
  }

  static String annotations() {
    return "correct the dev.bramble.* annotations in config.json (in Kubernetes: the pod's annotations)";
  }

  static String entrypointMissing() {
    return "check process.args[0], process.env PATH and process.cwd in config.json against the image: the program"
        + " (and its #! interpreter and ELF loader) must exist inside the rootfs";
  }

  static String entrypointArch(HostFacts host, String imageArch) {
    String nodeArch = host.arch().map(Arch::debianName).orElse(host.machine().value());
    return "use the image's linux/" + nodeArch + " variant (a multi-arch tag, or ctr image pull --platform linux/"
        + nodeArch + "), or run this " + imageArch + " image on a matching node (nodeSelector kubernetes.io/arch)";
  }

  static String compat32NoKernelSupport(HostFacts host) {
    return host.arch().orElse(null) == Arch.X86_64
        ? "boot a kernel with CONFIG_IA32_EMULATION=y and without ia32_emulation=0 on its command line, or use the"
            + " image's 64-bit (amd64) variant"
        : "boot a kernel with CONFIG_COMPAT=y (and 4K pages), or use the image's 64-bit (arm64) variant";
  }

  static String compat32Sandbox(HostFacts host) {
    String nodeArch = host.arch().map(Arch::debianName).orElse("64-bit");
    return "use the image's 64-bit variant (linux/" + nodeArch + ": a multi-arch tag, or ctr image pull --platform "
        + "linux/" + nodeArch + ")";
  }

  static String compat32PageSize(HostFacts host) {
    if (host.isRaspberryPi()) {
      return "use the image's 64-bit (arm64) variant, or add kernel=kernel8.img to " + PI_CONFIG
          + " and reboot (4K pages, 39-bit address space)";
    }
    return "use the image's 64-bit (arm64) variant, or boot a kernel with 4K pages (CONFIG_ARM64_4K_PAGES=y)";
  }

  static String alignment(HostFacts host, long pageSize) {
    String relink = "rebuild the program linked with -z max-page-size=65536 (runs on 4K, 16K and 64K page kernels)";
    if (host.isRaspberryPi() && pageSize == 16384) {
      return relink + ", or add kernel=kernel8.img to " + PI_CONFIG + " and reboot (4K pages, 39-bit address space)";
    }
    return relink + ", or run it on a node labelled bramble.dev/page-size=4096";
  }
}
