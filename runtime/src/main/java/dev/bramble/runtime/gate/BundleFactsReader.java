package dev.bramble.runtime.gate;

import dev.bramble.oci.io.SpecException;
import dev.bramble.oci.io.SpecReader;
import dev.bramble.oci.spec.Linux;
import dev.bramble.oci.spec.LinuxBlockIo;
import dev.bramble.oci.spec.LinuxCpu;
import dev.bramble.oci.spec.LinuxMemory;
import dev.bramble.oci.spec.LinuxNamespace;
import dev.bramble.oci.spec.LinuxResources;
import dev.bramble.oci.spec.Process;
import dev.bramble.oci.spec.LinuxThrottleDevice;
import dev.bramble.oci.spec.LinuxWeightDevice;
import dev.bramble.oci.spec.Spec;
import dev.bramble.runtime.cgroup.Absent;
import dev.bramble.runtime.elf.Entrypoint;
import dev.bramble.runtime.elf.EntrypointException;
import dev.bramble.runtime.elf.EntrypointResolver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Derives {@link BundleFacts} from a bundle: the requirements config.json implies (cgroup limits and their
 * controllers, namespaces, a seccomp profile, annotations) and the entrypoint ELF in the rootfs.
 */
public final class BundleFactsReader {
  private BundleFactsReader() {}

  /**
   * Reads and validates {@code <bundle>/config.json}, then derives the facts.
   *
   * @throws SpecException when config.json is missing or invalid (every problem with its JSON path)
   */
  public static BundleFacts read(Path bundle) throws SpecException {
    return from(bundle, SpecReader.read(bundle.resolve("config.json")));
  }

  /** Derives the facts from an already parsed config.json of {@code bundle}. */
  public static BundleFacts from(Path bundle, Spec spec) {
    Optional<Entrypoint> entrypoint = Optional.empty();
    Optional<String> problem = Optional.empty();
    Process process = spec.process();
    if (process != null) {
      if (spec.root() == null || spec.root().path() == null || spec.root().path().isEmpty()) {
        problem = Optional.of("config.json has no root.path, so there is no rootfs to find process.args[0] in");
      } else {
        Path rootfs = bundle.resolve(spec.root().path());
        try {
          entrypoint = Optional.of(new EntrypointResolver(rootfs).resolve(process.args(), process.env(),
              process.cwd()));
        } catch (EntrypointException e) {
          problem = Optional.of(e.getMessage());
        }
      }
    }
    Linux linux = spec.linux();
    return new BundleFacts(
        bundle,
        spec.annotations() == null ? Map.of() : spec.annotations(),
        linux == null ? List.of() : resources(linux.resources()),
        linux == null ? List.of() : namespaces(linux.namespaces()),
        linux != null && linux.seccomp() != null,
        entrypoint,
        problem);
  }

  /** Each cgroup setting that something must enforce; "no limit" values (absent, 0, -1) need nothing. */
  static List<BundleFacts.ResourceRequest> resources(LinuxResources r) {
    List<BundleFacts.ResourceRequest> out = new ArrayList<>();
    if (r == null) {
      return out;
    }
    String base = "linux.resources.";
    LinuxMemory m = r.memory();
    if (m != null) {
      positive(out, "memory", base + "memory.limit", m.limit());
      positive(out, "memory", base + "memory.reservation", m.reservation());
      positive(out, "memory", base + "memory.swap", m.swap());
      positive(out, "memory", base + "memory.kernel", m.kernel());
      positive(out, "memory", base + "memory.kernelTCP", m.kernelTCP());
      if (m.swappiness() != null && m.swappiness() >= 0 && m.swappiness() <= 100) {
        out.add(new BundleFacts.ResourceRequest("memory", base + "memory.swappiness", m.swappiness().toString()));
      }
      if (Boolean.TRUE.equals(m.disableOOMKiller())) {
        out.add(new BundleFacts.ResourceRequest("memory", base + "memory.disableOOMKiller", "true"));
      }
    }
    if (r.pids() != null) {
      positive(out, "pids", base + "pids.limit", r.pids().limit());
    }
    LinuxCpu c = r.cpu();
    if (c != null) {
      positive(out, "cpu", base + "cpu.shares", c.shares());
      positive(out, "cpu", base + "cpu.quota", c.quota());
      positive(out, "cpu", base + "cpu.period", c.period());
      positive(out, "cpu", base + "cpu.burst", c.burst());
      positive(out, "cpu", base + "cpu.realtimeRuntime", c.realtimeRuntime());
      positive(out, "cpu", base + "cpu.realtimePeriod", c.realtimePeriod());
      if (c.idle() != null && c.idle() != 0) {
        out.add(new BundleFacts.ResourceRequest("cpu", base + "cpu.idle", c.idle().toString()));
      }
      text(out, "cpuset", base + "cpu.cpus", c.cpus());
      text(out, "cpuset", base + "cpu.mems", c.mems());
    }
    blockIo(out, r.blockIO());
    for (int i = 0; i < Absent.list(r.hugepageLimits()).size(); i++) {
      out.add(new BundleFacts.ResourceRequest("hugetlb", base + "hugepageLimits[" + i + "]",
          String.valueOf(Absent.list(r.hugepageLimits()).get(i).pageSize())));
    }
    if (r.network() != null) {
      if (r.network().classID() != null) {
        out.add(new BundleFacts.ResourceRequest("net_cls", base + "network.classID",
            r.network().classID().toString()));
      }
      for (int i = 0; i < Absent.list(r.network().priorities()).size(); i++) {
        out.add(new BundleFacts.ResourceRequest("net_prio", base + "network.priorities[" + i + "]",
            String.valueOf(Absent.list(r.network().priorities()).get(i).name())));
      }
    }
    Absent.map(r.rdma()).keySet().stream().sorted().forEach(device -> out.add(
        new BundleFacts.ResourceRequest("rdma", base + "rdma[\"" + device + "\"]", device)));
    if (r.unified() != null) {
      r.unified().keySet().stream().sorted().forEach(key -> {
        String controller = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
        out.add(new BundleFacts.ResourceRequest(controller, base + "unified[\"" + key + "\"]",
            r.unified().get(key)));
      });
    }
    return out;
  }

  /** blockIO settings, under the v1 controller's name "blkio" (cgroup v2 calls it "io"). */
  private static void blockIo(List<BundleFacts.ResourceRequest> out, LinuxBlockIo io) {
    if (io == null) {
      return;
    }
    String base = "linux.resources.blockIO.";
    if (io.weight() != null && io.weight() != 0) {
      out.add(new BundleFacts.ResourceRequest("blkio", base + "weight", io.weight().toString()));
    }
    if (io.leafWeight() != null && io.leafWeight() != 0) {
      out.add(new BundleFacts.ResourceRequest("blkio", base + "leafWeight", io.leafWeight().toString()));
    }
    for (int i = 0; i < Absent.list(io.weightDevice()).size(); i++) {
      LinuxWeightDevice d = Absent.list(io.weightDevice()).get(i);
      out.add(new BundleFacts.ResourceRequest("blkio", base + "weightDevice[" + i + "]", d.major() + ":" + d.minor()));
      if (d.leafWeight() != null && d.leafWeight() != 0) {
        out.add(new BundleFacts.ResourceRequest("blkio", base + "weightDevice[" + i + "].leafWeight",
            d.leafWeight().toString()));
      }
    }
    Map<String, List<LinuxThrottleDevice>> throttles = new LinkedHashMap<>();
    throttles.put("throttleReadBpsDevice", Absent.list(io.throttleReadBpsDevice()));
    throttles.put("throttleWriteBpsDevice", Absent.list(io.throttleWriteBpsDevice()));
    throttles.put("throttleReadIOPSDevice", Absent.list(io.throttleReadIOPSDevice()));
    throttles.put("throttleWriteIOPSDevice", Absent.list(io.throttleWriteIOPSDevice()));
    throttles.forEach((field, devices) -> {
      for (int i = 0; i < devices.size(); i++) {
        LinuxThrottleDevice d = devices.get(i);
        out.add(new BundleFacts.ResourceRequest("blkio", base + field + "[" + i + "]", d.major() + ":" + d.minor()
            + " " + (d.rate() == null ? 0 : Long.toUnsignedString(d.rate()))));
      }
    });
  }

  static List<BundleFacts.NamespaceRequest> namespaces(List<LinuxNamespace> namespaces) {
    List<BundleFacts.NamespaceRequest> out = new ArrayList<>();
    if (namespaces == null) {
      return out;
    }
    for (int i = 0; i < namespaces.size(); i++) {
      LinuxNamespace ns = namespaces.get(i);
      if (ns != null && ns.type() != null) {
        out.add(new BundleFacts.NamespaceRequest(ns.type(), "linux.namespaces[" + i + "]",
            ns.path() != null && !ns.path().isEmpty()));
      }
    }
    return out;
  }

  private static void positive(List<BundleFacts.ResourceRequest> out, String controller, String path, Long value) {
    // -1 means "unlimited" in runtime-spec limits; uint64 fields read back negative above Long.MAX_VALUE
    if (value != null && value != 0 && value != -1) {
      out.add(new BundleFacts.ResourceRequest(controller, path, Long.toUnsignedString(value)));
    }
  }

  private static void text(List<BundleFacts.ResourceRequest> out, String controller, String path, String value) {
    if (value != null && !value.isBlank()) {
      out.add(new BundleFacts.ResourceRequest(controller, path, value));
    }
  }
}
