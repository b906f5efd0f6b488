package dev.bramble.runtime.cgroup;

import dev.bramble.oci.spec.LinuxDevice;
import dev.bramble.oci.spec.LinuxDeviceCgroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The device rules a container's cgroup gets: config.json's {@code linux.resources.devices}, in order, followed by
 * the rules every container needs (runc's AllowedDevices): mknod of any device, and read/write/mknod of /dev/null,
 * zero, full, random, urandom, tty, ptmx and the pty slaves. A default device that config.json's
 * {@code linux.devices} redefines (same path) is left to the config's own rules, as runc does.
 *
 * <p>Unlike runc 1.1, the tun/tap device (c 10:200) is not allowed by default: giving every container the host's
 * tun device is not something a sandbox should do unasked (runc dropped it in 1.2 as well).
 */
public final class DeviceRules {
  private record Default(String path, DeviceRule rule) {}

  private static final List<Default> DEFAULTS = List.of(
      new Default(null, new DeviceRule('c', DeviceRule.WILDCARD, DeviceRule.WILDCARD, "m", true)),
      new Default(null, new DeviceRule('b', DeviceRule.WILDCARD, DeviceRule.WILDCARD, "m", true)),
      new Default("/dev/null", new DeviceRule('c', 1, 3, "rwm", true)),
      new Default("/dev/random", new DeviceRule('c', 1, 8, "rwm", true)),
      new Default("/dev/full", new DeviceRule('c', 1, 7, "rwm", true)),
      new Default("/dev/tty", new DeviceRule('c', 5, 0, "rwm", true)),
      new Default("/dev/zero", new DeviceRule('c', 1, 5, "rwm", true)),
      new Default("/dev/urandom", new DeviceRule('c', 1, 9, "rwm", true)),
      new Default(null, new DeviceRule('c', 136, DeviceRule.WILDCARD, "rwm", true)), // /dev/pts/*
      new Default(null, new DeviceRule('c', 5, 2, "rwm", true))); // /dev/ptmx

  private DeviceRules() {}

  /**
   * @throws IllegalArgumentException naming the JSON path of a rule with an unknown type
   */
  public static List<DeviceRule> effective(List<LinuxDeviceCgroup> configured, List<LinuxDevice> nodes) {
    List<DeviceRule> out = new ArrayList<>();
    for (int i = 0; i < configured.size(); i++) {
      out.add(fromSpec(configured.get(i), "linux.resources.devices[" + i + "]"));
    }
    Set<String> redefined = nodes.stream().map(LinuxDevice::path).collect(Collectors.toSet());
    for (Default d : DEFAULTS) {
      if (d.path() == null || !redefined.contains(d.path())) {
        out.add(d.rule());
      }
    }
    return out;
  }

  static DeviceRule fromSpec(LinuxDeviceCgroup d, String jsonPath) {
    String type = d.type() == null || d.type().isEmpty() ? "a" : d.type();
    if (type.length() != 1 || "abc".indexOf(type.charAt(0)) < 0) {
      throw new IllegalArgumentException(jsonPath + ".type: unknown device type \"" + type + "\"; use a, b or c");
    }
    String access = d.access() == null || d.access().isEmpty() ? "rwm" : d.access();
    if (!access.matches("[rwm]+")) {
      throw new IllegalArgumentException(jsonPath + ".access: \"" + access + "\" is not a combination of r, w, m");
    }
    return new DeviceRule(type.charAt(0), d.major() == null ? DeviceRule.WILDCARD : d.major(),
        d.minor() == null ? DeviceRule.WILDCARD : d.minor(), access, Boolean.TRUE.equals(d.allow()));
  }
}
