package dev.bramble.runtime.gate;

import dev.bramble.runtime.host.OverlayFacts;
import java.util.Optional;

/**
 * overlayfs is what containerd's default snapshotter builds rootfs directories with. bramble only receives the
 * finished directory, so a missing overlayfs is a warning, never a failure.
 */
final class OverlayfsGate implements Gate {
  private static final String TITLE = "overlayfs";
  private static final String WHY =
      "containerd's overlayfs snapshotter prepares container rootfs directories with it (bramble only reads them)";

  @Override
  public String id() {
    return GateIds.OVERLAYFS;
  }

  @Override
  public Optional<Verdict> evaluate(GateInput input) {
    OverlayFacts overlay = input.host().overlay();
    if (overlay.registered()) {
      return Optional.of(Verdict.pass(id(), TITLE, "overlay in /proc/filesystems", overlay.source(), WHY));
    }
    if (overlay.module().isPresent()) {
      return Optional.of(Verdict.warn(id(), TITLE, "overlay module present but not loaded", overlay.source(), WHY,
          GateRemedies.overlayModule(overlay.module().get())));
    }
    return Optional.of(Verdict.warn(id(), TITLE, "overlay not in /proc/filesystems and no overlay module",
        overlay.source(), WHY, GateRemedies.overlayMissing()));
  }
}
