package dev.bramble.shim.task;

import dev.bramble.runtime.log.LogFormat;
import dev.bramble.runtime.log.Logger;
import java.io.OutputStream;
import java.time.InstantSource;

/** Loggers for tests. */
public final class TestLogs {
  private TestLogs() {}

  public static Logger discard() {
    return Logger.toStderr(OutputStream.nullOutputStream(), LogFormat.TEXT, true, InstantSource.system());
  }
}
