package dev.bramble.oci.validation;

import static dev.bramble.oci.validation.JsonPath.field;
import static dev.bramble.oci.validation.JsonPath.index;
import static dev.bramble.oci.validation.JsonPath.key;

import dev.bramble.oci.spec.KnownValues;
import dev.bramble.oci.spec.Linux;
import dev.bramble.oci.spec.LinuxBlockIo;
import dev.bramble.oci.spec.LinuxDevice;
import dev.bramble.oci.spec.LinuxDeviceCgroup;
import dev.bramble.oci.spec.LinuxHugepageLimit;
import dev.bramble.oci.spec.LinuxIntelRdt;
import dev.bramble.oci.spec.LinuxMemory;
import dev.bramble.oci.spec.LinuxPersonality;
import dev.bramble.oci.spec.LinuxRdma;
import dev.bramble.oci.spec.LinuxResources;
import dev.bramble.oci.spec.LinuxWeightDevice;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks on linux devices, resources, rootfsPropagation, personality and intelRdt. */
final class LinuxChecks {
  private static final Pattern PAGE_SIZE = Pattern.compile("\\d+[KMGTPE]?B");
  private static final Pattern DEVICE_ACCESS = Pattern.compile("[rwm]+");

  private LinuxChecks() {}

  static void check(Linux linux, Problems problems) {
    if (linux == null) {
      return;
    }
    checkDevices(linux.devices(), problems);
    checkResources(linux.resources(), problems);
    String propagation = linux.rootfsPropagation();
    if (propagation != null
        && !propagation.isEmpty()
        && !KnownValues.PROPAGATIONS.contains(propagation)) {
      problems.notOneOf(
          "linux.rootfsPropagation", "propagation", propagation, KnownValues.PROPAGATIONS);
    }
    checkPersonality(linux.personality(), problems);
    checkIntelRdt(linux.intelRdt(), problems);
  }

  private static void checkDevices(List<LinuxDevice> devices, Problems problems) {
    if (devices == null) {
      return;
    }
    Map<String, String> seen = new HashMap<>();
    for (int i = 0; i < devices.size(); i++) {
      LinuxDevice device = devices.get(i);
      if (device == null) {
        continue;
      }
      String path = index("linux.devices", i);
      String devicePath = device.path();
      if (devicePath == null || devicePath.isEmpty()) {
        problems.missing(field(path, "path"), "the absolute path of the device in the container");
      } else if (!devicePath.startsWith("/")) {
        problems.notAbsolute(field(path, "path"), "device path", devicePath);
      } else if (seen.containsKey(devicePath)) {
        problems.duplicate(field(path, "path"), "device path", devicePath, seen.get(devicePath));
      } else {
        seen.put(devicePath, field(path, "path"));
      }
      String type = device.type();
      if (type == null) {
        problems.missing(field(path, "type"), "c, b, u or p");
      } else if (!KnownValues.DEVICE_TYPES.contains(type)) {
        problems.notOneOf(field(path, "type"), "device type", type, KnownValues.DEVICE_TYPES);
      } else if (!type.equals("p")) {
        if (device.major() == null) {
          problems.missing(field(path, "major"), "the major number (required unless type is p)");
        }
        if (device.minor() == null) {
          problems.missing(field(path, "minor"), "the minor number (required unless type is p)");
        }
      }
    }
  }

  private static void checkResources(LinuxResources resources, Problems problems) {
    if (resources == null) {
      return;
    }
    checkDeviceRules(resources.devices(), problems);
    checkMemory(resources.memory(), problems);
    if (resources.cpu() != null) {
      ProcessChecks.checkCpuList("linux.resources.cpu.cpus", resources.cpu().cpus(), problems);
      ProcessChecks.checkCpuList("linux.resources.cpu.mems", resources.cpu().mems(), problems);
    }
    checkBlockIo(resources.blockIO(), problems);
    checkHugepages(resources.hugepageLimits(), problems);
    if (resources.network() != null && resources.network().priorities() != null) {
      var priorities = resources.network().priorities();
      for (int i = 0; i < priorities.size(); i++) {
        var priority = priorities.get(i);
        if (priority == null) {
          continue;
        }
        String path = index("linux.resources.network.priorities", i);
        if (priority.name() == null || priority.name().isEmpty()) {
          problems.missing(field(path, "name"), "a network interface name");
        }
        if (priority.priority() == null) {
          problems.missing(field(path, "priority"), "the priority (uint32)");
        }
      }
    }
    if (resources.rdma() != null) {
      for (Map.Entry<String, LinuxRdma> entry : resources.rdma().entrySet()) {
        LinuxRdma rdma = entry.getValue();
        if (rdma != null && rdma.hcaHandles() == null && rdma.hcaObjects() == null) {
          problems.missing(
              key("linux.resources.rdma", entry.getKey()),
              "at least one of hcaHandles, hcaObjects");
        }
      }
    }
  }

  private static void checkDeviceRules(List<LinuxDeviceCgroup> rules, Problems problems) {
    if (rules == null) {
      return;
    }
    for (int i = 0; i < rules.size(); i++) {
      LinuxDeviceCgroup rule = rules.get(i);
      if (rule == null) {
        continue;
      }
      String path = index("linux.resources.devices", i);
      if (rule.allow() == null) {
        problems.missing(field(path, "allow"), "true to allow or false to deny");
      }
      if (rule.type() != null && !KnownValues.DEVICE_CGROUP_TYPES.contains(rule.type())) {
        problems.notOneOf(
            field(path, "type"), "device rule type", rule.type(), KnownValues.DEVICE_CGROUP_TYPES);
      }
      if (rule.access() != null
          && !rule.access().isEmpty()
          && !DEVICE_ACCESS.matcher(rule.access()).matches()) {
        problems.invalid(
            field(path, "access"),
            "invalid device access: found "
                + JsonPath.quote(rule.access())
                + "; expected a combination of r (read), w (write), m (mknod), e.g. \"rwm\"");
      }
    }
  }

  private static void checkMemory(LinuxMemory memory, Problems problems) {
    if (memory == null) {
      return;
    }
    Long swappiness = memory.swappiness();
    if (swappiness != null && Long.compareUnsigned(swappiness, 100) > 0) {
      problems.outOfRange(
          "linux.resources.memory.swappiness", Long.toUnsignedString(swappiness), "0 to 100");
    }
    Long limit = memory.limit();
    Long swap = memory.swap();
    if (limit != null && swap != null && limit > 0 && swap > 0 && swap < limit) {
      problems.invalid(
          "linux.resources.memory.swap",
          "memory+swap limit below the memory limit: found swap "
              + swap
              + ", limit "
              + limit
              + "; expected swap >= limit (swap counts memory plus swap), or -1 for unlimited");
    }
  }

  private static void checkBlockIo(LinuxBlockIo blockIo, Problems problems) {
    if (blockIo == null) {
      return;
    }
    checkWeight("linux.resources.blockIO.weight", blockIo.weight(), problems);
    checkWeight("linux.resources.blockIO.leafWeight", blockIo.leafWeight(), problems);
    List<LinuxWeightDevice> devices = blockIo.weightDevice();
    if (devices != null) {
      for (int i = 0; i < devices.size(); i++) {
        LinuxWeightDevice device = devices.get(i);
        if (device == null) {
          continue;
        }
        String path = index("linux.resources.blockIO.weightDevice", i);
        if (device.major() == null) {
          problems.missing(field(path, "major"), "the device's major number");
        }
        if (device.minor() == null) {
          problems.missing(field(path, "minor"), "the device's minor number");
        }
        if (device.weight() == null && device.leafWeight() == null) {
          problems.missing(field(path, "weight"), "at least one of weight, leafWeight");
        }
        checkWeight(field(path, "weight"), device.weight(), problems);
        checkWeight(field(path, "leafWeight"), device.leafWeight(), problems);
      }
    }
    checkThrottle("throttleReadBpsDevice", blockIo.throttleReadBpsDevice(), problems);
    checkThrottle("throttleWriteBpsDevice", blockIo.throttleWriteBpsDevice(), problems);
    checkThrottle("throttleReadIOPSDevice", blockIo.throttleReadIOPSDevice(), problems);
    checkThrottle("throttleWriteIOPSDevice", blockIo.throttleWriteIOPSDevice(), problems);
  }

  private static void checkWeight(String path, Integer weight, Problems problems) {
    // 0 is accepted: runtimes treat it as "not set"
    if (weight != null && weight != 0 && (weight < 10 || weight > 1000)) {
      problems.outOfRange(path, weight.toString(), "10 to 1000");
    }
  }

  private static void checkThrottle(
      String name, List<dev.bramble.oci.spec.LinuxThrottleDevice> devices, Problems problems) {
    if (devices == null) {
      return;
    }
    for (int i = 0; i < devices.size(); i++) {
      var device = devices.get(i);
      if (device == null) {
        continue;
      }
      String path = index("linux.resources.blockIO." + name, i);
      if (device.major() == null) {
        problems.missing(field(path, "major"), "the device's major number");
      }
      if (device.minor() == null) {
        problems.missing(field(path, "minor"), "the device's minor number");
      }
      if (device.rate() == null) {
        problems.missing(field(path, "rate"), "the rate limit (uint64)");
      }
    }
  }

  private static void checkHugepages(List<LinuxHugepageLimit> limits, Problems problems) {
    if (limits == null) {
      return;
    }
    for (int i = 0; i < limits.size(); i++) {
      LinuxHugepageLimit limit = limits.get(i);
      if (limit == null) {
        continue;
      }
      String path = index("linux.resources.hugepageLimits", i);
      if (limit.pageSize() == null) {
        problems.missing(field(path, "pageSize"), "a page size such as \"2MB\"");
      } else if (!PAGE_SIZE.matcher(limit.pageSize()).matches()) {
        problems.invalid(
            field(path, "pageSize"),
            "invalid hugepage size: found "
                + JsonPath.quote(limit.pageSize())
                + "; expected <size><unit-prefix>B, e.g. \"64KB\", \"2MB\", \"1GB\"");
      }
      if (limit.limit() == null) {
        problems.missing(field(path, "limit"), "the limit in bytes (uint64)");
      }
    }
  }

  private static void checkPersonality(LinuxPersonality personality, Problems problems) {
    if (personality == null) {
      return;
    }
    if (personality.domain() == null) {
      problems.missing("linux.personality.domain", "LINUX or LINUX32");
    } else if (!KnownValues.PERSONALITY_DOMAINS.contains(personality.domain())) {
      problems.notOneOf(
          "linux.personality.domain",
          "personality domain",
          personality.domain(),
          KnownValues.PERSONALITY_DOMAINS);
    }
  }

  private static void checkIntelRdt(LinuxIntelRdt rdt, Problems problems) {
    if (rdt == null || rdt.closID() == null) {
      return;
    }
    String clos = rdt.closID();
    if (clos.equals(".") || clos.equals("..") || (clos.length() > 1 && clos.contains("/"))) {
      problems.invalid(
          "linux.intelRdt.closID",
          "invalid closID: found "
              + JsonPath.quote(clos)
              + "; expected a plain directory name (no \"/\", not \".\" or \"..\")");
    }
  }
}
