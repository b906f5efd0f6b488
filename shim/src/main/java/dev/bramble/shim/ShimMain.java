package dev.bramble.shim;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Entry point of {@code containerd-shim-bramble-v1}. The shim protocol (ttrpc Task service, start/delete) is issue 8;
 * for now it answers {@code -v} like containerd's shims and refuses everything else clearly.
 */
public final class ShimMain {
  private ShimMain() {}

  public static void main(String[] args) {
    for (String a : args) {
      if (a.equals("-v") || a.equals("--version") || a.equals("-version")) {
        System.out.println("containerd-shim-bramble-v1:");
        System.out.println("  Version:  " + version());
        System.out.println("  Runtime:  java " + Runtime.version());
        return;
      }
    }
    System.err.println("containerd-shim-bramble-v1 " + version() + ": the shim protocol is not implemented yet; "
        + "use the bramble binary through containerd's runc shim (runtime_type io.containerd.runc.v2, "
        + "BinaryName bramble) meanwhile");
    System.exit(1);
  }

  static String version() {
    try (InputStream in = ShimMain.class.getResourceAsStream("/dev/bramble/runtime/version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
