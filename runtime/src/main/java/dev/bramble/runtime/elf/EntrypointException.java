package dev.bramble.runtime.elf;

/** {@code process.args[0]} does not lead to something the kernel can execute; the message says why. */
public final class EntrypointException extends Exception {
  public EntrypointException(String message) {
    super(message);
  }
}
