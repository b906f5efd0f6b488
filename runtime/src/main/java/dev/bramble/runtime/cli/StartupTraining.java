package dev.bramble.runtime.cli;

import dev.bramble.oci.io.SpecReader;
import dev.bramble.oci.io.SpecWriter;
import dev.bramble.oci.spec.DefaultSpec;
import dev.bramble.runtime.arch.Arch;
import dev.bramble.runtime.config.Capability;
import dev.bramble.runtime.config.ConfigTranslator;
import dev.bramble.runtime.container.ContainerRecord;
import dev.bramble.runtime.container.StateStore;
import dev.bramble.runtime.gate.BundleFactsReader;
import dev.bramble.runtime.gate.GateDowngrades;
import dev.bramble.runtime.gate.Gates;
import dev.bramble.runtime.host.HostFacts;
import dev.bramble.runtime.host.HostFactsReader;
import dev.bramble.runtime.linux.JnaLinuxKernel;
import dev.bramble.runtime.linux.LinuxKernel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Enumeration;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The workload the build runs once with -XX:ArchiveClassesAtExit to produce the AppCDS archive the launcher maps at
 * every start (README, Performance): command lines and help screens, config.json reading and validation,
 * translation, the host facts and gates, state JSON, and the loading of every bramble class — what every verb pays
 * for. As root it also runs a container ({@link #runContainer}); otherwise it needs no root and starts none.
 *
 * <p>Arguments: the jars whose classes to load (bramble's own).
 */
public final class StartupTraining {
  private StartupTraining() {}

  public static void main(String[] jars) throws Exception {
    Path tmp = Files.createTempDirectory("bramble-cds");
    try {
      PrintStream sink = new PrintStream(new ByteArrayOutputStream());
      for (String[] args : new String[][] {{"--version"}, {"features"}, {"--help"}, {"state", "--help"},
          {"--root", tmp.resolve("state").toString(), "--log-format", "json", "list", "--format", "json"},
          {"spec", "--bundle", tmp.toString()}}) {
        CommandContext context = new CommandContext(sink, sink, InstantSource.system());
        Main.registerServices(context.services());
        Main.execute(context, args);
      }
      Files.createDirectories(tmp.resolve("rootfs"));
      var spec = SpecReader.read(tmp.resolve("config.json"));
      SpecWriter.toJson(spec);
      var config = new ConfigTranslator(Capability.hostLast()).translate("cds", tmp, spec);
      LinuxKernel kernel = new JnaLinuxKernel(Arch.host().syscalls());
      kernel.getpid();
      HostFacts host = new HostFactsReader(Path.of("/"), Optional.of(kernel::mapFixedErrno)).read();
      Gates.evaluate(host, Optional.of(BundleFactsReader.from(tmp, spec)), GateDowngrades.NONE);
      StateStore store = new StateStore(tmp.resolve("state"));
      store.create(new ContainerRecord("cds", tmp.toString(), tmp.resolve("rootfs").toString(),
          ContainerRecord.CREATING, 1, 1, 1, 1, "now", "", Map.of(), null));
      store.list();
      store.remove("cds");
      SpecWriter.toJson(DefaultSpec.create(true));
      boolean ran = runContainer(tmp.resolve("run"));
      System.out.println("trained on " + config.id() + (ran ? " and a container run" : "") + "; loaded "
          + loadAll(jars) + " classes");
    } finally {
      try (var walk = Files.walk(tmp)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * As root, with Debian's static busybox at hand, the hot path itself: `bramble run` of a container that runs
   * `true` — the sentry, the injected setup, the seccomp filters, the event loop. Skipped otherwise (a JDK with an
   * AOT cache then just learns less).
   */
  private static boolean runContainer(Path dir) throws IOException {
    Path busybox = Path.of("/bin/busybox");
    if (!Files.isExecutable(busybox) || !"root".equals(System.getProperty("user.name"))) {
      return false;
    }
    Path rootfs = Files.createDirectories(dir.resolve("bundle/rootfs"));
    for (String d : new String[] {"bin", "proc", "sys", "dev", "tmp", "etc"}) {
      Files.createDirectories(rootfs.resolve(d));
    }
    Files.copy(busybox, rootfs.resolve("bin/busybox"));
    Files.createSymbolicLink(rootfs.resolve("bin/sh"), Path.of("busybox"));
    Files.createSymbolicLink(rootfs.resolve("bin/true"), Path.of("busybox"));
    var spec = DefaultSpec.create(false);
    spec = spec.withProcess(spec.process().withTerminal(false).withArgs(java.util.List.of("sh", "-c", "true")));
    SpecWriter.write(spec, dir.resolve("bundle/config.json"));
    PrintStream sink = new PrintStream(new ByteArrayOutputStream());
    CommandContext context = new CommandContext(sink, sink, InstantSource.system());
    Main.registerServices(context.services());
    return Main.execute(context, "--root", dir.resolve("state").toString(), "run", "--bundle",
        dir.resolve("bundle").toString(), "startup-training") == 0;
  }

  /**
   * Loads (without initialising) every class of the given jars, so that all of them land in the archive; the
   * shim's training uses it too. A class whose optional dependency is absent is skipped.
   */
  public static int loadAll(String[] jars) throws IOException {
    int n = 0;
    ClassLoader loader = StartupTraining.class.getClassLoader();
    for (String jar : jars) {
      try (JarFile file = new JarFile(jar)) {
        for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements(); ) {
          String name = e.nextElement().getName();
          if (name.endsWith(".class") && !name.contains("-") && !name.startsWith("META-INF")) {
            try {
              Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false, loader);
              n++;
            } catch (ClassNotFoundException | LinkageError optional) {
              // a class whose optional dependency is absent: it will not be used either
            }
          }
        }
      }
    }
    return n;
  }
}
