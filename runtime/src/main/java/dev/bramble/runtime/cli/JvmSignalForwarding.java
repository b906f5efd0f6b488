package dev.bramble.runtime.cli;

import dev.bramble.runtime.container.SignalForwarding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Forwards the signals a foreground {@code bramble run} receives to the container, as runc does. The JVM reserves
 * SIGQUIT (thread dumps) and some others; those stay with the JVM.
 */
final class JvmSignalForwarding implements SignalForwarding {
  private static final Map<String, Integer> FORWARDED = Map.of("INT", 2, "TERM", 15, "HUP", 1, "USR2", 12,
      "ALRM", 14, "USR1", 10);

  @Override
  public Registration forwardTo(IntConsumer target) {
    List<Map.Entry<Signal, SignalHandler>> previous = new ArrayList<>();
    for (Map.Entry<String, Integer> e : FORWARDED.entrySet()) {
      try {
        Signal signal = new Signal(e.getKey());
        int number = e.getValue();
        previous.add(Map.entry(signal, Signal.handle(signal, s -> target.accept(number))));
      } catch (IllegalArgumentException reservedByJvm) {
        // not forwardable in this JVM
      }
    }
    return () -> previous.forEach(p -> Signal.handle(p.getKey(), p.getValue()));
  }
}
