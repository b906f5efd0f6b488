package dev.bramble.runtime.container;

import dev.bramble.runtime.config.ContainerConfig;
import dev.bramble.runtime.container.BundleLoader.Loaded;
import dev.bramble.runtime.error.BrambleException;
import dev.bramble.runtime.gate.BundleFactsReader;
import dev.bramble.runtime.gate.GateDowngrades;
import dev.bramble.runtime.gate.GateReport;
import dev.bramble.runtime.gate.Gates;
import dev.bramble.runtime.host.HostFacts;
import dev.bramble.runtime.host.HostFactsReader;
import dev.bramble.runtime.linux.LinuxKernel;
import dev.bramble.runtime.log.Logger;
import dev.bramble.runtime.log.Timeline;
import dev.bramble.runtime.sentry.SandboxLayout;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The first step of every create — CLI or shim: read, validate and translate the bundle's config.json, then judge
 * host and bundle with every gate. Nothing exists yet when this refuses, so a refusal leaves nothing behind.
 *
 * @param loaded the validated spec and its translation
 * @param layout where the sentry puts its pages, from the measured top of user space and the page size
 */
public record GatedBundle(Loaded loaded, SandboxLayout layout) {

  /**
   * @param gateWarnings gates the operator downgraded to warnings (--gate-warn); the bundle's own annotations are
   *     added by the gates
   * @throws BrambleException with the bundle problem, or the first failed gate's what/why/fix line
   */
  public static GatedBundle load(LinuxKernel kernel, BundleLoader loader, String id, Path bundle,
      GateDowngrades gateWarnings, Logger log) {
    return load(kernel, loader, id, bundle, gateWarnings, ContainerConfig.LaunchOptions.DEFAULT, log);
  }

  /** @param launch runc's launch flags for this create (--no-pivot, --preserve-fds, ...) */
  public static GatedBundle load(LinuxKernel kernel, BundleLoader loader, String id, Path bundle,
      GateDowngrades gateWarnings, ContainerConfig.LaunchOptions launch, Logger log) {
    log.debug(Timeline.stamp() + "create " + id + ": reading the bundle");
    Loaded loaded = loader.load(id, bundle, launch);
    log.debug(Timeline.stamp() + "create " + id + ": config valid; reading host facts");
    HostFacts host = new HostFactsReader(Path.of("/"), Optional.of(kernel::mapFixedErrno)).read();
    GateReport report = Gates.evaluate(host,
        Optional.of(BundleFactsReader.from(loaded.config().bundle(), loaded.spec())), gateWarnings);
    log.debug(Timeline.stamp() + "create " + id + ": gates judged");
    report.downgradeNotices().forEach(log::warning);
    if (report.failed()) {
      throw new BrambleException(report.createError(id));
    }
    return new GatedBundle(loaded, new SandboxLayout(host.taskSize(), host.pageSizeBytes()));
  }
}
