package dev.bramble.runtime.elf;

import java.util.List;
import java.util.Optional;

/**
 * What the kernel will execute for a container's {@code process.args[0]}.
 *
 * @param requested {@code process.args[0]} as written in config.json
 * @param chain the files execve goes through: the entrypoint, then each {@code #!} interpreter; the last one is the
 *     ELF file the kernel loads
 * @param elf the headers of the last file in {@code chain}
 * @param loader the ELF's PT_INTERP (dynamic loader) found in the rootfs, with its headers
 * @param loaderProblem why the PT_INTERP named by {@code elf} cannot be loaded (missing, not ELF), if it cannot
 */
public record Entrypoint(
    String requested,
    List<RootfsPath> chain,
    ElfFile elf,
    Optional<Loader> loader,
    Optional<String> loaderProblem) {

  public Entrypoint {
    chain = List.copyOf(chain);
  }

  /** The dynamic loader named by PT_INTERP, resolved inside the rootfs. */
  public record Loader(RootfsPath path, ElfFile elf) {}

  /** The file the kernel's ELF loader maps (the end of the {@code #!} chain). */
  public RootfsPath executable() {
    return chain.get(chain.size() - 1);
  }

  /** "sh → /bin/busybox (ELF 64-bit LSB executable, amd64 (x86_64), statically linked)". */
  public String describe() {
    StringBuilder text = new StringBuilder(requested);
    for (RootfsPath step : chain) {
      if (!step.containerPath().equals(requested)) {
        text.append(" → ").append(step.containerPath());
      }
    }
    return text.append(" (").append(elf.describe()).append(')').toString();
  }
}
