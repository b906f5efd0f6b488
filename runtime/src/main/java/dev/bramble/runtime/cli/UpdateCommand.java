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

/**
 * {@code bramble update ID}: change the cgroup limits of a container, from runc's flags or from a
 * linux.resources JSON document ({@code --resources FILE}, or {@code -} for stdin, which containerd uses). A value
 * left out keeps its current setting; device rules cannot be changed.
 */
final class UpdateCommand implements Callable<Integer> {
  static final CommandSpec SPEC = CommandSpec.builder("update", "update the resource limits of a container")
      .option(OptionSpec.value("-r, --resources", "FILE",
          "a linux.resources JSON document to apply, or - to read it from stdin"))
      .option(OptionSpec.value("--blkio-weight", "N", "block I/O weight, 10 to 1000"))
      .option(OptionSpec.value("--cpu-period", "US", "CFS period in microseconds"))
      .option(OptionSpec.value("--cpu-quota", "US", "CFS quota in microseconds per period (-1: none)"))
      .option(OptionSpec.value("--cpu-burst", "US", "CFS burst in microseconds"))
      .option(OptionSpec.value("--cpu-share", "N", "CPU shares (relative weight)"))
      .option(OptionSpec.value("--cpu-rt-period", "US", "realtime period in microseconds"))
      .option(OptionSpec.value("--cpu-rt-runtime", "US", "realtime runtime in microseconds"))
      .option(OptionSpec.value("--cpuset-cpus", "LIST", "CPUs to run on (0-3,5)"))
      .option(OptionSpec.value("--cpuset-mems", "LIST", "memory nodes to allocate on"))
      .option(OptionSpec.value("--memory", "SIZE", "memory limit (512m, 2g; -1: none)"))
      .option(OptionSpec.value("--memory-reservation", "SIZE", "memory soft limit"))
      .option(OptionSpec.value("--memory-swap", "SIZE", "memory plus swap limit (-1: unlimited swap)"))
      .option(OptionSpec.value("--kernel-memory", "SIZE", "obsolete; refused").hide())
      .option(OptionSpec.value("--kernel-memory-tcp", "SIZE", "obsolete; refused").hide())
      .option(OptionSpec.value("--pids-limit", "N", "maximum number of tasks (-1: none)"))
      .option(OptionSpec.value("--l3-cache-schema", "SCHEMA", "Intel RDT (not supported)"))
      .option(OptionSpec.value("--mem-bw-schema", "SCHEMA", "Intel RDT (not supported)"))
      .required("ID", "the container id")
      .build();

  private final CommandContext context;
  final String resources;
  final Integer blkioWeight;
  final String cpuPeriod;
  final String cpuQuota;
  final String cpuBurst;
  final String cpuShare;
  final String cpuRtPeriod;
  final String cpuRtRuntime;
  final String cpusetCpus;
  final String cpusetMems;
  final String memory;
  final String memoryReservation;
  final String memorySwap;
  final String kernelMemory;
  final String kernelMemoryTcp;
  final Long pidsLimit;
  final String l3CacheSchema;
  final String memBwSchema;
  final String id;

  // a value left out is null: that setting keeps its current value
  UpdateCommand(CommandContext context, Arguments args) {
    this.context = context;
    this.resources = args.value("resources").orElse(null);
    this.blkioWeight = args.intValue("blkio-weight").orElse(null);
    this.cpuPeriod = args.value("cpu-period").orElse(null);
    this.cpuQuota = args.value("cpu-quota").orElse(null);
    this.cpuBurst = args.value("cpu-burst").orElse(null);
    this.cpuShare = args.value("cpu-share").orElse(null);
    this.cpuRtPeriod = args.value("cpu-rt-period").orElse(null);
    this.cpuRtRuntime = args.value("cpu-rt-runtime").orElse(null);
    this.cpusetCpus = args.value("cpuset-cpus").orElse(null);
    this.cpusetMems = args.value("cpuset-mems").orElse(null);
    this.memory = args.value("memory").orElse(null);
    this.memoryReservation = args.value("memory-reservation").orElse(null);
    this.memorySwap = args.value("memory-swap").orElse(null);
    this.kernelMemory = args.value("kernel-memory").orElse(null);
    this.kernelMemoryTcp = args.value("kernel-memory-tcp").orElse(null);
    this.pidsLimit = args.longValue("pids-limit").orElse(null);
    this.l3CacheSchema = args.value("l3-cache-schema").orElse(null);
    this.memBwSchema = args.value("mem-bw-schema").orElse(null);
    this.id = args.param("ID");
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
