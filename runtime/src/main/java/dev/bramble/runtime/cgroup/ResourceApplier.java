package dev.bramble.runtime.cgroup;

import dev.bramble.runtime.error.BrambleException;
import dev.bramble.runtime.linux.Bpf;
import dev.bramble.runtime.linux.LinuxKernel;
import dev.bramble.runtime.linux.SyscallException;
import dev.bramble.runtime.log.Logger;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Writes a {@link ResourcePlan} into a container's cgroups, and its device rules: as devices.allow/deny lines where
 * a cgroup v1 devices hierarchy exists, otherwise as an eBPF program attached to its cgroup v2 directory.
 */
final class ResourceApplier {
  private static final String LICENSE = "Apache-2.0";
  private static final int O_RDONLY = 0;

  private final LinuxKernel kernel;
  private final Logger log;

  ResourceApplier(LinuxKernel kernel, Logger log) {
    this.kernel = kernel;
    this.log = log;
  }

  /**
   * @param tolerated which unsupported settings the operator accepted (their gate was downgraded): skipped with a
   *     warning; any other makes this throw before anything is written
   * @param enableFailures why cgroup v2 could not enable some controllers, to explain a missing one
   */
  void apply(CgroupRecord record, ResourcePlan plan, Predicate<Unsupported> tolerated,
      Map<String, String> enableFailures) {
    List<Unsupported> refused = plan.unsupported().stream().filter(u -> !tolerated.test(u)).toList();
    if (!refused.isEmpty()) {
      throw new BrambleException("linux.resources cannot be enforced on this host: " + refused.stream()
          .map(u -> u.describe() + explain(u, enableFailures)).collect(Collectors.joining("; ")));
    }
    for (Unsupported u : plan.unsupported()) {
      log.warning("not enforced (gate downgraded): " + u.describe());
    }
    RecordPlanContext dirs = new RecordPlanContext(record);
    for (CgroupWrite w : plan.writes()) {
      CgroupDir dir = dirs.dirOf(w.controller()).orElseThrow(() -> new IllegalStateException(
          "planned a write for " + w.controller() + " without its hierarchy: " + w));
      CgroupFiles.write(dir.path(), w);
      if (w.file().equals("cpu.shares")) {
        verifyShares(dir, w);
      }
    }
  }

  private static String explain(Unsupported u, Map<String, String> enableFailures) {
    String failure = enableFailures.get(u.controller());
    return failure == null ? "" : " (" + failure + ")";
  }

  /** The kernel clamps cpu.shares to 2..262144 without an error: say so rather than run with another value. */
  private static void verifyShares(CgroupDir dir, CgroupWrite w) {
    String actual = CgroupFiles.read(dir.path(), "cpu.shares").orElse("");
    if (!actual.equals(w.value())) {
      throw new BrambleException(w.jsonPath() + ": the kernel set cpu.shares to " + actual + " instead of "
          + w.value() + " (it accepts 2 to 262144); use a value in that range");
    }
  }

  /** Device rules: v1 files where a devices hierarchy exists, else the cgroup v2 eBPF program. */
  void applyDevices(CgroupRecord record, List<DeviceRule> rules) {
    DeviceEmulator state = DeviceEmulator.of(rules);
    var v1 = record.dirs().stream().filter(d -> !d.unified() && d.has("devices")).findFirst();
    if (v1.isPresent()) {
      for (CgroupWrite w : state.v1Writes()) {
        CgroupFiles.write(v1.get().path(), w);
      }
      return;
    }
    CgroupDir v2 = record.unified().orElseThrow(() -> new BrambleException("linux.resources.devices: this host has"
        + " neither a cgroup v1 devices hierarchy nor cgroup v2, so device access cannot be restricted; mount one"
        + " (cgroup2 at /sys/fs/cgroup)"));
    attachDeviceProgram(v2, state);
  }

  /** Loads the device filter and attaches it to the cgroup v2 directory (descendants may add their own). */
  void attachDeviceProgram(CgroupDir dir, DeviceEmulator state) {
    byte[] program = DeviceFilterProgram.build(state);
    int cgroupFd = kernel.open(dir.dir(), O_RDONLY, 0);
    try {
      int progFd;
      try {
        progFd = kernel.bpfProgLoad(Bpf.PROG_TYPE_CGROUP_DEVICE, Bpf.ATTACH_CGROUP_DEVICE, program, LICENSE);
      } catch (SyscallException e) {
        throw new BrambleException("linux.resources.devices: load the cgroup v2 device filter for " + dir.dir()
            + ": " + e.getMessage() + "; the kernel needs CONFIG_CGROUP_BPF and CONFIG_BPF_SYSCALL, and bramble"
            + " must run as root", e);
      }
      try {
        kernel.bpfProgAttach(cgroupFd, progFd, Bpf.ATTACH_CGROUP_DEVICE, Bpf.F_ALLOW_MULTI);
      } catch (SyscallException e) {
        throw new BrambleException("linux.resources.devices: attach the device filter to " + dir.dir() + ": "
            + e.getMessage() + "; an ancestor cgroup may hold a device program that forbids more (EPERM)", e);
      } finally {
        kernel.close(progFd); // the attachment keeps the program alive as long as the cgroup
      }
    } finally {
      kernel.close(cgroupFd);
    }
  }
}
