package dev.bramble.shim;

import dev.bramble.oci.io.SpecWriter;
import dev.bramble.oci.spec.DefaultSpec;
import dev.bramble.runtime.arch.Arch;
import dev.bramble.runtime.config.Capability;
import dev.bramble.runtime.config.ConfigTranslator;
import dev.bramble.runtime.container.BundleLoader;
import dev.bramble.runtime.container.GatedBundle;
import dev.bramble.runtime.gate.GateDowngrades;
import dev.bramble.runtime.linux.JnaLinuxKernel;
import dev.bramble.runtime.linux.LinuxKernel;
import dev.bramble.runtime.log.LogFormat;
import dev.bramble.runtime.log.Logger;
import dev.bramble.shim.api.StartOptions;
import dev.bramble.shim.api.TaskEvents;
import dev.bramble.shim.api.TaskRequests;
import dev.bramble.shim.api.TaskResponses;
import dev.bramble.shim.manager.ShimFlags;
import dev.bramble.shim.manager.ShimSocket;
import dev.bramble.shim.manager.StartCommand;
import dev.bramble.shim.proto.AnyMessage;
import dev.bramble.shim.proto.Timestamp;
import dev.bramble.shim.task.TaskService;
import dev.bramble.shim.ttrpc.Services;
import dev.bramble.shim.ttrpc.TtrpcMessages;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;

/**
 * The workload the build runs once with -XX:ArchiveClassesAtExit to make the shim's AppCDS archive (lib/shim.jsa):
 * what {@code start}, {@code delete} and a daemon's first Create pay for on every pod — flags, runtime options,
 * the socket name, config.json reading, validation and translation, host facts and gates, the ttrpc envelope and
 * Task messages — plus the loading of every shim class. Needs no root and starts nothing.
 *
 * <p>Arguments: the jars whose classes to load (the shim's own).
 */
public final class ShimStartupTraining {
  private ShimStartupTraining() {}

  public static void main(String[] jars) throws Exception {
    Path bundle = Files.createTempDirectory("bramble-shim-cds");
    try {
      Files.createDirectories(bundle.resolve("rootfs"));
      SpecWriter.write(DefaultSpec.create(false), bundle.resolve("config.json"));
      ShimFlags flags = ShimFlags.parse(new String[] {"-namespace", "default", "-address", "/run/c.sock",
          "-publish-binary", "/usr/bin/containerd", "-id", "cds", "-debug", "start"});
      StartOptions.parse(new AnyMessage(StartOptions.RUNTIME_OPTIONS_TYPE, new byte[0]).encode(), "cds");
      ShimSocket.of(ShimSocket.DEFAULT_DIR, flags.require("address"), "default", "cds").address();
      LinuxKernel kernel = new JnaLinuxKernel(Arch.host().syscalls());
      new StartCommand(kernel, flags, bundle, "/x").groupId("cds");
      Logger log = Logger.toStderr(OutputStream.nullOutputStream(), LogFormat.TEXT, true, InstantSource.system());
      try {
        GatedBundle.load(kernel, new BundleLoader(new ConfigTranslator(Capability.hostLast())), "cds", bundle,
            GateDowngrades.NONE, log);
      } catch (dev.bramble.runtime.error.BrambleException expected) {
        // the empty rootfs has no entrypoint, so a gate fails: the refusal path is trained as well
      }
      Services services = new TaskService(kernel, log, e -> {}, () -> {}, "cds").register(new Services(e -> {}));
      byte[] payload = new TaskRequests.Create("cds", bundle.toString(), List.of(), false, "", "", "", "", "", null)
          .encode();
      services.dispatch(TtrpcMessages.Request.decode(new TtrpcMessages.Request(TaskService.V2, "Connect", payload,
          0, List.of()).encode())).encode();
      new TaskResponses.Delete(1, 137, Timestamp.of(Instant.now())).encode();
      TaskEvents.forwardRequest(TaskEvents.exit("cds", "cds", 1, 0, Timestamp.of(Instant.now())), "default",
          Timestamp.of(Instant.now()));
      System.out.println("trained; loaded " + dev.bramble.runtime.cli.StartupTraining.loadAll(jars) + " classes");
    } finally {
      try (var walk = Files.walk(bundle)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

}
