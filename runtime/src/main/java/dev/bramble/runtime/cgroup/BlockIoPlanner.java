package dev.bramble.runtime.cgroup;

import static dev.bramble.runtime.cgroup.ResourcePlanner.BASE;

import dev.bramble.oci.spec.LinuxBlockIo;
import dev.bramble.oci.spec.LinuxThrottleDevice;
import dev.bramble.oci.spec.LinuxWeightDevice;
import java.util.List;
import java.util.Optional;

/**
 * linux.resources.blockIO: the v1 blkio controller, or the v2 io controller. Proportional weights need the BFQ
 * I/O scheduler (CFQ, whose blkio.weight files v1 once had, left Linux in 5.0); throttles need
 * CONFIG_BLK_DEV_THROTTLING.
 */
final class BlockIoPlanner {
  private static final String P = BASE + "blockIO.";

  private BlockIoPlanner() {}

  static void plan(LinuxBlockIo io, PlanContext ctx, ResourcePlan.Builder b) {
    if (io == null || !requested(io)) {
      return;
    }
    boolean v1 = ctx.unified("blkio").map(u -> !u).orElse(false);
    String controller = v1 ? "blkio" : "io";
    if (!v1 && ResourcePlanner.controller(ctx, b, "io", BASE + "blockIO", "(blockIO settings)").isEmpty()) {
      return;
    }
    Target t = new Target(controller, v1, ctx, b);
    if (io.weight() != null && io.weight() != 0) {
      t.weight(P + "weight", "", io.weight());
    }
    if (io.leafWeight() != null && io.leafWeight() != 0) {
      t.leafWeight(P + "leafWeight", "", io.leafWeight());
    }
    List<LinuxWeightDevice> devices = Absent.list(io.weightDevice());
    for (int i = 0; i < devices.size(); i++) {
      LinuxWeightDevice d = devices.get(i);
      String device = d.major() + ":" + d.minor() + " ";
      if (d.weight() != null && d.weight() != 0) {
        t.weight(P + "weightDevice[" + i + "].weight", device, d.weight());
      }
      if (d.leafWeight() != null && d.leafWeight() != 0) {
        t.leafWeight(P + "weightDevice[" + i + "].leafWeight", device, d.leafWeight());
      }
    }
    t.throttle("throttleReadBpsDevice", "read_bps_device", "rbps", Absent.list(io.throttleReadBpsDevice()));
    t.throttle("throttleWriteBpsDevice", "write_bps_device", "wbps", Absent.list(io.throttleWriteBpsDevice()));
    t.throttle("throttleReadIOPSDevice", "read_iops_device", "riops", Absent.list(io.throttleReadIOPSDevice()));
    t.throttle("throttleWriteIOPSDevice", "write_iops_device", "wiops", Absent.list(io.throttleWriteIOPSDevice()));
  }

  private static boolean requested(LinuxBlockIo io) {
    return io.weight() != null && io.weight() != 0 || io.leafWeight() != null && io.leafWeight() != 0
        || !Absent.list(io.weightDevice()).isEmpty() || !Absent.list(io.throttleReadBpsDevice()).isEmpty()
        || !Absent.list(io.throttleWriteBpsDevice()).isEmpty() || !Absent.list(io.throttleReadIOPSDevice()).isEmpty()
        || !Absent.list(io.throttleWriteIOPSDevice()).isEmpty();
  }

  /** cgroup v1 blkio weight (10..1000) onto cgroup v2 io.weight (1..10000), as runc converts. */
  static long ioWeightFromBlkio(long weight) {
    return 1 + (Math.max(10, Math.min(1000, weight)) - 10) * 9999 / 990;
  }

  private record Target(String controller, boolean v1, PlanContext ctx, ResourcePlan.Builder b) {
    void weight(String path, String device, int weight) {
      String suffix = device.isEmpty() ? "" : "_device";
      if (v1) {
        Optional<String> file = first("blkio.weight" + suffix, "blkio.bfq.weight" + suffix);
        if (file.isEmpty()) {
          noWeights(path, weight);
          return;
        }
        b.write(controller, file.get(), device + weight, path);
      } else if (ctx.exists(controller, "io.bfq.weight")) {
        b.write(controller, "io.bfq.weight", device + weight, path);
      } else if (ctx.exists(controller, "io.weight")) {
        b.write(controller, "io.weight", device + (device.isEmpty() ? "default " : "") + ioWeightFromBlkio(weight),
            path);
      } else {
        noWeights(path, weight);
      }
    }

    void leafWeight(String path, String device, int weight) {
      String file = device.isEmpty() ? "blkio.leaf_weight" : "blkio.leaf_weight_device";
      if (!v1 || !ctx.exists(controller, file)) {
        b.unsupported(controller, path, weight, "leaf weights were a feature of the CFQ I/O scheduler, which left"
            + " Linux in 5.0 (and cgroup v2 never had them); remove the leafWeight");
        return;
      }
      b.write(controller, file, device + weight, path);
    }

    void throttle(String field, String v1File, String v2Key, List<LinuxThrottleDevice> devices) {
      for (int i = 0; i < devices.size(); i++) {
        LinuxThrottleDevice d = devices.get(i);
        String path = P + field + "[" + i + "]";
        long rate = d.rate() == null ? 0 : d.rate();
        String file = v1 ? "blkio.throttle." + v1File : "io.max";
        if (!ctx.exists(controller, file)) {
          b.unsupported(controller, path, rate, "the kernel has no I/O throttling (no " + file + ": built without"
              + " CONFIG_BLK_DEV_THROTTLING); remove " + field);
          continue;
        }
        String device = d.major() + ":" + d.minor();
        String value = v1 ? device + " " + Long.toUnsignedString(rate)
            : device + " " + v2Key + "=" + (rate == 0 ? "max" : Long.toUnsignedString(rate));
        b.write(controller, file, value, path);
      }
    }

    private Optional<String> first(String... files) {
      for (String f : files) {
        if (ctx.exists(controller, f)) {
          return Optional.of(f);
        }
      }
      return Optional.empty();
    }

    private void noWeights(String path, int weight) {
      b.unsupported(controller, path, weight, "proportional I/O weights need the BFQ I/O scheduler, and this"
          + " cgroup has no weight file (CONFIG_BFQ_GROUP_IOSCHED off, or BFQ not loaded: modprobe bfq); remove"
          + " the weight");
    }
  }
}
