package dev.bramble.oci.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.json.Extensions;
import dev.bramble.oci.json.Immutable;
import java.util.List;
import java.util.Map;

/**
 * cgroup resource limits (config-linux.md "Control groups").
 *
 * @param devices device allow/deny list, applied in order
 * @param memory memory controller
 * @param cpu cpu and cpuset controllers
 * @param pids pids controller
 * @param blockIO blkio / io controller
 * @param hugepageLimits hugetlb controller
 * @param network net_cls / net_prio controllers
 * @param rdma rdma controller, keyed by device name
 * @param unified cgroup v2 files and values, written as is
 * @param extensions properties this model does not know, kept verbatim for round trips
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LinuxResources(
    List<LinuxDeviceCgroup> devices,
    LinuxMemory memory,
    LinuxCpu cpu,
    LinuxPids pids,
    LinuxBlockIo blockIO,
    List<LinuxHugepageLimit> hugepageLimits,
    LinuxNetwork network,
    Map<String, LinuxRdma> rdma,
    Map<String, String> unified,
    @Extensions Map<String, JsonNode> extensions) {

  public LinuxResources {
    devices = Immutable.list(devices);
    hugepageLimits = Immutable.list(hugepageLimits);
    rdma = Immutable.map(rdma);
    unified = Immutable.map(unified);
    extensions = Immutable.extensions(extensions);
  }

  /** Creates the record without extension properties. */
  public LinuxResources(
      List<LinuxDeviceCgroup> devices,
      LinuxMemory memory,
      LinuxCpu cpu,
      LinuxPids pids,
      LinuxBlockIo blockIO,
      List<LinuxHugepageLimit> hugepageLimits,
      LinuxNetwork network,
      Map<String, LinuxRdma> rdma,
      Map<String, String> unified) {
    this(devices, memory, cpu, pids, blockIO, hugepageLimits, network, rdma, unified, Map.of());
  }

  /** Returns a copy with memory replaced. */
  public LinuxResources withMemory(LinuxMemory memory) {
    return new LinuxResources(
        devices, memory, cpu, pids, blockIO, hugepageLimits, network, rdma, unified, extensions);
  }

  /** Returns a copy with cpu replaced. */
  public LinuxResources withCpu(LinuxCpu cpu) {
    return new LinuxResources(
        devices, memory, cpu, pids, blockIO, hugepageLimits, network, rdma, unified, extensions);
  }

  /** Returns a copy with pids replaced. */
  public LinuxResources withPids(LinuxPids pids) {
    return new LinuxResources(
        devices, memory, cpu, pids, blockIO, hugepageLimits, network, rdma, unified, extensions);
  }

  /** Returns a copy with blockIO replaced. */
  public LinuxResources withBlockIO(LinuxBlockIo blockIO) {
    return new LinuxResources(
        devices, memory, cpu, pids, blockIO, hugepageLimits, network, rdma, unified, extensions);
  }

  /** Returns a copy with hugepageLimits replaced. */
  public LinuxResources withHugepageLimits(List<LinuxHugepageLimit> hugepageLimits) {
    return new LinuxResources(
        devices, memory, cpu, pids, blockIO, hugepageLimits, network, rdma, unified, extensions);
  }

  /** Returns a copy with network replaced. */
  public LinuxResources withNetwork(LinuxNetwork network) {
    return new LinuxResources(
        devices, memory, cpu, pids, blockIO, hugepageLimits, network, rdma, unified, extensions);
  }

  /** Returns a copy with rdma replaced. */
  public LinuxResources withRdma(Map<String, LinuxRdma> rdma) {
    return new LinuxResources(
        devices, memory, cpu, pids, blockIO, hugepageLimits, network, rdma, unified, extensions);
  }

  /** Returns a copy with unified replaced. */
  public LinuxResources withUnified(Map<String, String> unified) {
    return new LinuxResources(
        devices, memory, cpu, pids, blockIO, hugepageLimits, network, rdma, unified, extensions);
  }
}
