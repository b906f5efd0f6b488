package dev.bramble.runtime.gate;

import dev.bramble.runtime.elf.ElfFile;
import dev.bramble.runtime.elf.Entrypoint;
import dev.bramble.runtime.elf.ProgramHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every PT_LOAD segment must be mappable with the host's pages: a program linked for 4K pages (p_align 0x1000)
 * fails to load on a 16K-page kernel when a segment's file offset and address disagree modulo 16K, and shares pages
 * between segments of different permissions even when they agree.
 */
final class EntrypointAlignmentGate implements Gate {
  private static final String TITLE = "segment alignment";

  @Override
  public String id() {
    return GateIds.ENTRYPOINT_ALIGNMENT;
  }

  @Override
  public Optional<Verdict> evaluate(GateInput input) {
    Optional<Entrypoint> entrypoint = input.bundle().flatMap(BundleFacts::entrypoint);
    if (entrypoint.isEmpty() || input.host().pageSize().isEmpty()) {
      return Optional.empty();
    }
    long page = input.host().pageSize().get().value();
    Entrypoint e = entrypoint.get();
    List<String> broken = new ArrayList<>();
    List<String> loose = new ArrayList<>();
    inspect(e.executable().containerPath(), e.elf(), page, broken, loose);
    e.loader().ifPresent(l -> inspect(l.path().containerPath(), l.elf(), page, broken, loose));
    String source = e.executable().containerPath() + " program headers, " + input.host().pageSize().get().source();
    String pageText = "page size " + page;
    if (!broken.isEmpty()) {
      return Optional.of(Verdict.fail(id(), TITLE, String.join("; ", broken) + "; " + pageText, source,
          "the kernel cannot map a segment whose offset and address disagree modulo the page size, so execve"
              + " would fail", GateRemedies.alignment(input.host(), page)));
    }
    if (!loose.isEmpty()) {
      return Optional.of(Verdict.warn(id(), TITLE, String.join("; ", loose) + "; " + pageText, source,
          "the segments still map, but neighbouring segments share pages and so share their permissions",
          GateRemedies.alignment(input.host(), page)));
    }
    long smallest = e.elf().loadSegments().stream().mapToLong(ProgramHeader::effectiveAlign).min().orElse(page);
    return Optional.of(Verdict.pass(id(), TITLE, "PT_LOAD alignment 0x" + Long.toHexString(smallest) + ", "
        + pageText, source, "every segment maps with this kernel's pages"));
  }

  private static void inspect(String path, ElfFile elf, long page, List<String> broken, List<String> loose) {
    List<ProgramHeader> loads = elf.loadSegments();
    for (int i = 0; i < loads.size(); i++) {
      ProgramHeader h = loads.get(i);
      if (h.effectiveAlign() >= page) {
        continue;
      }
      String text = path + " PT_LOAD #" + i + " (offset 0x" + Long.toHexString(h.offset()) + ", vaddr 0x"
          + Long.toHexString(h.vaddr()) + ", align 0x" + Long.toHexString(h.align()) + ")";
      (h.mappableWith(page) ? loose : broken).add(text);
    }
  }
}
