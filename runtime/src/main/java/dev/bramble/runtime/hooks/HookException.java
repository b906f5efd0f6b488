package dev.bramble.runtime.hooks;

import dev.bramble.runtime.error.BrambleException;

/** A hook that failed, timed out or could not be started; the message names it by its config.json path. */
public final class HookException extends BrambleException {
  public HookException(String message) {
    super(message);
  }

  public HookException(String message, Throwable cause) {
    super(message, cause);
  }
}
