package dev.bramble.runtime.elf;

import java.io.IOException;

/** The file starts with the ELF magic but its header or program headers are not something a kernel would load. */
public final class ElfFormatException extends IOException {
  public ElfFormatException(String message) {
    super(message);
  }
}
