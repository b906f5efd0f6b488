package dev.bramble.shim;

import dev.bramble.runtime.arch.Arch;
import dev.bramble.runtime.linux.JnaLinuxKernel;
import dev.bramble.runtime.linux.LinuxKernel;
import dev.bramble.shim.manager.DeleteCommand;
import dev.bramble.shim.manager.ShimFlags;
import dev.bramble.shim.manager.StartCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Entry point of {@code containerd-shim-bramble-v1}, as containerd runs it: {@code start} (print the address of the
 * group's shim, starting it if needed), {@code delete} (clean up one container, print a DeleteResponse), no action
 * (the daemon), {@code -v}. For start and delete, stdout is protocol: nothing else may ever be printed there.
 */
public final class ShimMain {
  private ShimMain() {}

  public static void main(String[] args) {
    ShimFlags flags;
    try {
      flags = ShimFlags.parse(args);
    } catch (RuntimeException e) {
      fail("containerd-shim-bramble-v1: " + e.getMessage());
      return;
    }
    if (flags.flag("v") || flags.flag("version")) {
      System.out.println("containerd-shim-bramble-v1:");
      System.out.println("  Version:  " + version());
      System.out.println("  Runtime:  java " + Runtime.version());
      return;
    }
    if (flags.flag("info")) {
      fail("containerd-shim-bramble-v1 -info: runtime info (needed by containerd 2.x only for idmapped mounts) "
          + "is not implemented; bramble does not support idmapped mounts yet");
      return;
    }
    switch (flags.action()) {
      case "start" -> start(flags);
      case "delete" -> delete(flags);
      case "" -> System.exit(ShimDaemon.run(flags));
      default -> fail("containerd-shim-bramble-v1: unknown action \"" + flags.action()
          + "\"; containerd runs this binary with start, delete, or none (the daemon)");
    }
  }

  private static void start(ShimFlags flags) {
    try {
      byte[] stdin = System.in.readAllBytes();
      String launcher = System.getProperty("bramble.shim.launcher");
      if (launcher == null) {
        throw new IllegalStateException("run through the containerd-shim-bramble-v1 launcher "
            + "(-Dbramble.shim.launcher is not set)");
      }
      String address = new StartCommand(kernel(), flags, Path.of("").toAbsolutePath(), launcher).run(stdin);
      print(address.getBytes(StandardCharsets.UTF_8));
      System.exit(0);
    } catch (IOException | RuntimeException e) {
      fail("containerd-shim-bramble-v1 start: " + e.getMessage());
    }
  }

  private static void delete(ShimFlags flags) {
    try {
      Path bundle = Path.of(flags.get("bundle").orElse("")).toAbsolutePath();
      print(new DeleteCommand(kernel(), bundle).run());
      System.exit(0);
    } catch (RuntimeException e) {
      fail("containerd-shim-bramble-v1 delete: " + e.getMessage());
    }
  }

  private static LinuxKernel kernel() {
    return new JnaLinuxKernel(Arch.host().syscalls());
  }

  /** Exactly these bytes on stdout, no newline (containerd trims the address, and parses delete's as protobuf). */
  private static void print(byte[] bytes) {
    PrintStream out = System.out;
    out.write(bytes, 0, bytes.length);
    out.flush();
  }

  private static void fail(String message) {
    System.err.print(message);
    System.err.flush();
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
