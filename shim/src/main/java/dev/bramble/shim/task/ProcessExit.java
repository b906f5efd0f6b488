package dev.bramble.shim.task;

import dev.bramble.shim.proto.Timestamp;
import java.time.Instant;

/** How and when a process ended: the status as a shell reports it (128 + signal when killed). */
record ProcessExit(int status, Instant at) {
  Timestamp timestamp() {
    return Timestamp.of(at);
  }
}
