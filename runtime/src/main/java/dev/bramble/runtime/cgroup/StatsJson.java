package dev.bramble.runtime.cgroup;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * {@link CgroupStats} in the JSON shape of runc's {@code events} (runc's types.Stats): the same keys, and the same
 * fields left out when zero, so that tools parsing runc's output parse bramble's.
 */
public final class StatsJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private StatsJson() {}

  public static ObjectNode of(CgroupStats s) {
    ObjectNode out = F.objectNode();
    out.set("cpu", cpu(s.cpu()));
    out.set("cpuset", cpuset(s.cpuset()));
    out.set("memory", memory(s.memory()));
    ObjectNode pids = out.putObject("pids");
    omitZero(pids, "current", s.pids().current());
    omitZero(pids, "limit", s.pids().limit());
    ObjectNode blkio = out.putObject("blkio");
    entries(blkio, "ioServiceBytesRecursive", s.blkio().serviceBytes());
    entries(blkio, "ioServicedRecursive", s.blkio().serviced());
    ObjectNode hugetlb = out.putObject("hugetlb");
    for (Map.Entry<String, CgroupStats.Hugetlb> e : s.hugetlb().entrySet()) {
      ObjectNode h = hugetlb.putObject(e.getKey());
      omitZero(h, "usage", e.getValue().usage());
      omitZero(h, "max", e.getValue().max());
      h.set("failcnt", unsigned(e.getValue().failcnt()));
    }
    out.putObject("intel_rdt");
    out.putNull("network_interfaces");
    return out;
  }

  private static ObjectNode cpu(CgroupStats.Cpu c) {
    ObjectNode cpu = F.objectNode();
    ObjectNode usage = cpu.putObject("usage");
    omitZero(usage, "total", c.total());
    omitEmpty(usage, "percpu", c.percpu());
    omitEmpty(usage, "percpu_kernel", c.percpuKernel());
    omitEmpty(usage, "percpu_user", c.percpuUser());
    usage.set("kernel", unsigned(c.kernel()));
    usage.set("user", unsigned(c.user()));
    ObjectNode throttling = cpu.putObject("throttling");
    omitZero(throttling, "periods", c.periods());
    omitZero(throttling, "throttledPeriods", c.throttledPeriods());
    omitZero(throttling, "throttledTime", c.throttledTime());
    return cpu;
  }

  private static ObjectNode cpuset(CgroupStats.CpuSet c) {
    ObjectNode out = F.objectNode();
    if (!c.cpus().isEmpty()) {
      ArrayNode cpus = out.putArray("cpus");
      c.cpus().forEach(cpus::add);
    }
    out.put("cpu_exclusive", c.flags().getOrDefault("cpu_exclusive", 0L));
    if (!c.mems().isEmpty()) {
      ArrayNode mems = out.putArray("mems");
      c.mems().forEach(mems::add);
    }
    for (String flag : List.of("mem_hardwall", "mem_exclusive", "memory_migrate", "memory_spread_page",
        "memory_spread_slab", "memory_pressure", "sched_load_balance", "sched_relax_domain_level")) {
      out.put(flag, c.flags().getOrDefault(flag, 0L));
    }
    return out;
  }

  private static ObjectNode memory(CgroupStats.Memory m) {
    ObjectNode out = F.objectNode();
    omitZero(out, "cache", m.cache());
    out.set("usage", entry(m.usage()));
    out.set("swap", entry(m.swap()));
    out.set("kernel", entry(m.kernel()));
    out.set("kernelTCP", entry(m.kernelTcp()));
    if (!m.raw().isEmpty()) {
      ObjectNode raw = out.putObject("raw");
      m.raw().forEach((k, v) -> raw.set(k, unsigned(v)));
    }
    return out;
  }

  private static ObjectNode entry(CgroupStats.MemoryEntry e) {
    ObjectNode out = F.objectNode();
    out.set("limit", unsigned(e.limit()));
    omitZero(out, "usage", e.usage());
    omitZero(out, "max", e.max());
    out.set("failcnt", unsigned(e.failcnt()));
    return out;
  }

  private static void entries(ObjectNode parent, String name, List<CgroupStats.BlkioEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    ArrayNode array = parent.putArray(name);
    for (CgroupStats.BlkioEntry e : entries) {
      ObjectNode o = array.addObject();
      omitZero(o, "major", e.major());
      omitZero(o, "minor", e.minor());
      if (!e.op().isEmpty()) {
        o.put("op", e.op());
      }
      omitZero(o, "value", e.value());
    }
  }

  private static void omitZero(ObjectNode node, String name, long value) {
    if (value != 0) {
      node.set(name, unsigned(value));
    }
  }

  private static void omitEmpty(ObjectNode node, String name, List<Long> values) {
    if (!values.isEmpty()) {
      ArrayNode array = node.putArray(name);
      values.forEach(v -> array.add(unsigned(v)));
    }
  }

  private static com.fasterxml.jackson.databind.JsonNode unsigned(long v) {
    return v >= 0 ? F.numberNode(v) : F.numberNode(new BigInteger(Long.toUnsignedString(v)));
  }
}
