package dev.bramble.runtime.cli;

import dev.bramble.runtime.config.Capability;
import dev.bramble.runtime.config.ConfigTranslator;
import dev.bramble.runtime.container.BundleLoader;
import dev.bramble.runtime.container.CgroupOps;
import dev.bramble.runtime.container.ContainerCreator;
import dev.bramble.runtime.container.ContainerOps;
import dev.bramble.runtime.container.ProcessTable;
import dev.bramble.runtime.container.StateStore;
import dev.bramble.runtime.linux.LinuxKernel;

/** Builds the lifecycle objects a verb needs from the global options. */
final class Lifecycle {
  private Lifecycle() {}

  static StateStore store(CommandContext context) {
    return new StateStore(context.globals().root());
  }

  static ContainerOps ops(CommandContext context) {
    return new ContainerOps(context.service(LinuxKernel.class), store(context), ProcessTable.host(),
        context.logger());
  }

  static CgroupOps cgroups(CommandContext context) {
    return new CgroupOps(context.service(LinuxKernel.class), store(context), ProcessTable.host(), context.logger());
  }

  static ContainerCreator creator(CommandContext context) {
    GlobalOptions g = context.globals();
    return new ContainerCreator(context.service(LinuxKernel.class), store(context),
        new BundleLoader(new ConfigTranslator(Capability.hostLast())), context.logger(),
        g.log().map(p -> p.toAbsolutePath().toString()), g.logFormat().text(), g.debug(), g.strace())
        .systemdCgroup(g.systemdCgroup());
  }
}
