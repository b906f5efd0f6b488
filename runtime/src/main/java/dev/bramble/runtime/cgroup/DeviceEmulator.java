package dev.bramble.runtime.cgroup;

import java.util.ArrayList;
import java.util.List;

/**
 * The cgroup v1 devices controller's semantics, evaluated in Java (security/device_cgroup.c): a default
 * (allow all, or deny all) plus exceptions. A rule of type 'a' resets both; an allow rule adds an exception under
 * deny-all and removes access from exactly matching exceptions under allow-all; a deny rule does the opposite. The
 * result drives both the v1 files (which re-create it in the kernel) and the v2 eBPF program (which checks it),
 * so the two hierarchies enforce the same thing.
 */
public final class DeviceEmulator {
  private boolean defaultAllow = true;
  private final List<DeviceRule> exceptions = new ArrayList<>();

  public static DeviceEmulator of(List<DeviceRule> rules) {
    DeviceEmulator e = new DeviceEmulator();
    rules.forEach(e::apply);
    return e;
  }

  public void apply(DeviceRule rule) {
    if (rule.type() == 'a') {
      defaultAllow = rule.allow();
      exceptions.clear();
      return;
    }
    if (rule.access().isEmpty()) {
      return;
    }
    if (rule.allow() != defaultAllow) {
      add(rule);
    } else {
      remove(rule);
    }
  }

  private void add(DeviceRule rule) {
    for (int i = 0; i < exceptions.size(); i++) {
      DeviceRule ex = exceptions.get(i);
      if (ex.sameDevice(rule)) {
        exceptions.set(i, new DeviceRule(ex.type(), ex.major(), ex.minor(),
            DeviceRule.accessOf(ex.accessBits() | rule.accessBits()), ex.allow()));
        return;
      }
    }
    exceptions.add(new DeviceRule(rule.type(), rule.major(), rule.minor(), rule.access(), !defaultAllow));
  }

  private void remove(DeviceRule rule) {
    for (int i = exceptions.size() - 1; i >= 0; i--) {
      DeviceRule ex = exceptions.get(i);
      if (ex.sameDevice(rule)) {
        int left = ex.accessBits() & ~rule.accessBits();
        if (left == 0) {
          exceptions.remove(i);
        } else {
          exceptions.set(i, new DeviceRule(ex.type(), ex.major(), ex.minor(), DeviceRule.accessOf(left),
              ex.allow()));
        }
      }
    }
  }

  public boolean defaultAllow() {
    return defaultAllow;
  }

  /** Under deny-all these are what is allowed; under allow-all, what is denied. */
  public List<DeviceRule> exceptions() {
    return List.copyOf(exceptions);
  }

  /**
   * Whether access (bits: m=1, r=2, w=4) to a device is allowed, as the kernel decides: under deny-all one exception
   * must grant every requested bit; under allow-all any exception that names one requested bit denies.
   */
  public boolean allows(char type, long major, long minor, int access) {
    for (DeviceRule ex : exceptions) {
      boolean matches = (ex.type() == type) && (ex.major() == DeviceRule.WILDCARD || ex.major() == major)
          && (ex.minor() == DeviceRule.WILDCARD || ex.minor() == minor);
      if (!matches) {
        continue;
      }
      if (!defaultAllow && (access & ~ex.accessBits()) == 0) {
        return true;
      }
      if (defaultAllow && (access & ex.accessBits()) != 0) {
        return false;
      }
    }
    return defaultAllow;
  }

  /** The v1 writes that re-create this state in a fresh cgroup: the reset, then each exception. */
  public List<CgroupWrite> v1Writes() {
    List<CgroupWrite> out = new ArrayList<>();
    String path = "linux.resources.devices";
    out.add(new CgroupWrite("devices", defaultAllow ? "devices.allow" : "devices.deny", "a", path));
    for (DeviceRule ex : exceptions) {
      out.add(new CgroupWrite("devices", defaultAllow ? "devices.deny" : "devices.allow", ex.v1Line(), path));
    }
    return out;
  }
}
