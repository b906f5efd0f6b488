package dev.bramble.runtime.gate;

import java.util.Optional;

/** One create-time check. Gates only read facts; they never touch the host. */
public interface Gate {
  /** Stable kebab-case id, e.g. {@code memory-controller}; users downgrade it with {@code dev.bramble.gate.<id>}. */
  String id();

  /**
   * The verdict, or empty when the gate has nothing to judge: a bundle gate without a bundle, or an entrypoint gate
   * whose entrypoint could not be found (entrypoint-exists reports that).
   */
  Optional<Verdict> evaluate(GateInput input);
}
