package dev.bramble.runtime.cli;

import dev.bramble.oci.io.DocumentReader;
import dev.bramble.oci.io.SpecException;
import dev.bramble.oci.spec.LinuxBlockIo;
import dev.bramble.oci.spec.LinuxCpu;
import dev.bramble.oci.spec.LinuxMemory;
import dev.bramble.oci.spec.LinuxPids;
import dev.bramble.oci.spec.LinuxResources;
import dev.bramble.runtime.error.BrambleException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bramble update ID}: change the cgroup limits of a container, from runc's flags or from a
 * linux.resources JSON document ({@code --resources FILE}, or {@code -} for stdin, which containerd uses). A value
 * left out keeps its current setting; device rules cannot be changed.
 */
@Command(name = "update", description = "update the resource limits of a container")
final class UpdateCommand implements Callable<Integer> {
  private final CommandContext context;

  @Option(names = {"-r", "--resources"}, paramLabel = "FILE",
      description = "a linux.resources JSON document to apply, or - to read it from stdin")
  String resources;

  @Option(names = "--blkio-weight", paramLabel = "N", description = "block I/O weight, 10 to 1000")
  Integer blkioWeight;

  @Option(names = "--cpu-period", paramLabel = "US", description = "CFS period in microseconds")
  String cpuPeriod;

  @Option(names = "--cpu-quota", paramLabel = "US", description = "CFS quota in microseconds per period (-1: none)")
  String cpuQuota;

  @Option(names = "--cpu-burst", paramLabel = "US", description = "CFS burst in microseconds")
  String cpuBurst;

  @Option(names = "--cpu-share", paramLabel = "N", description = "CPU shares (relative weight)")
  String cpuShare;

  @Option(names = "--cpu-rt-period", paramLabel = "US", description = "realtime period in microseconds")
  String cpuRtPeriod;

  @Option(names = "--cpu-rt-runtime", paramLabel = "US", description = "realtime runtime in microseconds")
  String cpuRtRuntime;

  @Option(names = "--cpuset-cpus", paramLabel = "LIST", description = "CPUs to run on (0-3,5)")
  String cpusetCpus;

  @Option(names = "--cpuset-mems", paramLabel = "LIST", description = "memory nodes to allocate on")
  String cpusetMems;

  @Option(names = "--memory", paramLabel = "SIZE", description = "memory limit (512m, 2g; -1: none)")
  String memory;

  @Option(names = "--memory-reservation", paramLabel = "SIZE", description = "memory soft limit")
  String memoryReservation;

  @Option(names = "--memory-swap", paramLabel = "SIZE", description = "memory plus swap limit (-1: unlimited swap)")
  String memorySwap;

  @Option(names = "--kernel-memory", paramLabel = "SIZE", hidden = true, description = "obsolete; refused")
  String kernelMemory;

  @Option(names = "--kernel-memory-tcp", paramLabel = "SIZE", hidden = true, description = "obsolete; refused")
  String kernelMemoryTcp;

  @Option(names = "--pids-limit", paramLabel = "N", description = "maximum number of tasks (-1: none)")
  Long pidsLimit;

  @Option(names = "--l3-cache-schema", paramLabel = "SCHEMA", description = "Intel RDT (not supported)")
  String l3CacheSchema;

  @Option(names = "--mem-bw-schema", paramLabel = "SCHEMA", description = "Intel RDT (not supported)")
  String memBwSchema;

  @Parameters(index = "0", paramLabel = "ID", description = "the container id")
  String id;

  UpdateCommand(CommandContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (l3CacheSchema != null || memBwSchema != null) {
      throw new BrambleException("update: Intel RDT (--l3-cache-schema, --mem-bw-schema) is not supported by"
          + " bramble; leave those flags out");
    }
    LinuxResources changes = resources != null ? fromJson() : fromFlags();
    if (changes.memory() != null && (nonZero(changes.memory().kernel()) || nonZero(changes.memory().kernelTCP()))) {
      throw new BrambleException("update: kernel memory limits are obsolete (Linux 6.1 ignores them and cgroup v2"
          + " has none; the memory limit counts kernel memory); leave out --kernel-memory and memory.kernel");
    }
    Lifecycle.cgroups(context).update(id, changes);
    return 0;
  }

  private static boolean nonZero(Long v) {
    return v != null && v != 0;
  }

  LinuxResources fromJson() {
    if (anyFlag()) {
      throw new BrambleException("update: give either --resources or the individual flags, not both");
    }
    String json;
    String source = resources.equals("-") ? "stdin" : resources;
    try {
      json = resources.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
          : Files.readString(Path.of(resources));
    } catch (IOException e) {
      throw new BrambleException("update: read " + source + ": " + e.getMessage()
          + "; pass a readable linux.resources JSON file");
    }
    try {
      return DocumentReader.parse(json, source, LinuxResources.class);
    } catch (SpecException e) {
      throw new BrambleException("update: " + e.getMessage(), e);
    }
  }

  private boolean anyFlag() {
    return blkioWeight != null || cpuPeriod != null || cpuQuota != null || cpuBurst != null || cpuShare != null
        || cpuRtPeriod != null || cpuRtRuntime != null || cpusetCpus != null || cpusetMems != null
        || memory != null || memoryReservation != null || memorySwap != null || kernelMemory != null
        || kernelMemoryTcp != null || pidsLimit != null;
  }

  LinuxResources fromFlags() {
    if (!anyFlag()) {
      throw new BrambleException("update: nothing to change; give --resources FILE or flags such as --memory 256m"
          + " (see 'bramble update --help')");
    }
    try {
      LinuxMemory mem = memory == null && memoryReservation == null && memorySwap == null && kernelMemory == null
          && kernelMemoryTcp == null ? null : new LinuxMemory(mem("--memory", memory),
          mem("--memory-reservation", memoryReservation), mem("--memory-swap", memorySwap),
          mem("--kernel-memory", kernelMemory), mem("--kernel-memory-tcp", kernelMemoryTcp), null, null, null, null);
      LinuxCpu cpu = cpuPeriod == null && cpuQuota == null && cpuBurst == null && cpuShare == null
          && cpuRtPeriod == null && cpuRtRuntime == null && cpusetCpus == null && cpusetMems == null ? null
          : new LinuxCpu(number("--cpu-share", cpuShare), number("--cpu-quota", cpuQuota),
              number("--cpu-burst", cpuBurst), number("--cpu-period", cpuPeriod),
              number("--cpu-rt-runtime", cpuRtRuntime), number("--cpu-rt-period", cpuRtPeriod), cpusetCpus,
              cpusetMems, null);
      LinuxBlockIo io = blkioWeight == null ? null : new LinuxBlockIo(blkioWeight, null, null, null, null, null, null);
      LinuxPids pids = pidsLimit == null ? null : new LinuxPids(pidsLimit);
      return new LinuxResources(null, mem, cpu, pids, io, null, null, null, null);
    } catch (IllegalArgumentException e) {
      throw new BrambleException("update: " + e.getMessage());
    }
  }

  private static Long mem(String flag, String value) {
    return value == null ? null : Units.memory(flag, value);
  }

  private static Long number(String flag, String value) {
    if (value == null) {
      return null;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid value for " + flag + ": \"" + value + "\"; expected an integer");
    }
  }
}
