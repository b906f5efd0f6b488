package dev.bramble.runtime.container;

import dev.bramble.runtime.config.ConfigException;
import dev.bramble.runtime.config.ContainerConfig;
import dev.bramble.runtime.linux.ProcFs;
import java.io.IOException;
import java.nio.file.Path;

/**
 * AppArmor and SELinux settings against what the host has. On a host without them runc fails at start with a raw
 * kernel error ("write /proc/self/attr/exec: invalid argument"); bramble refuses at create, saying why.
 */
final class SecurityModules {
  private static final Path APPARMOR_ENABLED = Path.of("/sys/module/apparmor/parameters/enabled");

  private SecurityModules() {}

  static void check(ContainerConfig config) {
    if (config.process().apparmorProfile() != null && !appArmorEnabled()) {
      throw new ConfigException("process.apparmorProfile", "AppArmor profile \"" + config.process().apparmorProfile()
          + "\" requested, but AppArmor is not enabled on this host (" + APPARMOR_ENABLED + ")",
          "remove process.apparmorProfile, or enable AppArmor (apparmor=1 security=apparmor on the kernel command "
              + "line) and load the profile");
    }
  }

  static boolean appArmorEnabled() {
    try {
      return ProcFs.read(APPARMOR_ENABLED).startsWith("Y");
    } catch (IOException e) {
      return false;
    }
  }
}
