package dev.bramble.runtime.container;

import dev.bramble.runtime.error.BrambleException;
import dev.bramble.runtime.host.AddressSpaceProber;
import dev.bramble.runtime.host.Auxv;
import dev.bramble.runtime.host.HostFiles;
import dev.bramble.runtime.host.Sourced;
import dev.bramble.runtime.host.VirtualAddressSpace;
import dev.bramble.runtime.linux.LinuxKernel;
import dev.bramble.runtime.sentry.SandboxLayout;
import java.nio.file.Path;

/** The sandbox layout of this host: real page size (auxv) and measured top of user space (the mmap probe). */
public final class HostLayout {
  private HostLayout() {}

  public static SandboxLayout measure(LinuxKernel kernel) {
    long pageSize = Auxv.pageSize(new HostFiles(Path.of("/"))).map(Sourced::value)
        .orElseThrow(() -> new BrambleException("cannot read the page size from /proc/self/auxv (AT_PAGESZ)"));
    AddressSpaceProber.Result probe = AddressSpaceProber.measure(kernel::mapFixedErrno, pageSize);
    VirtualAddressSpace space = probe.space().orElseThrow(() -> new BrambleException(
        "cannot measure the user address space: " + probe.detail() + "; run 'bramble check' for details"));
    return new SandboxLayout(space.taskSize(), pageSize);
  }
}
