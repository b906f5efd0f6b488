package dev.bramble.runtime.linux;

import java.util.List;

/**
 * A compiled seccomp filter: the classic BPF program ({@code struct sock_filter[]}, 8 bytes per instruction, host
 * byte order) and the rules libseccomp could not place because it does not know their syscall.
 */
public record SeccompProgram(byte[] bpf, List<String> unknownSyscalls) {
  /** The kernel's limit on one filter program (BPF_MAXINSNS). */
  public static final int MAX_INSTRUCTIONS = 4096;

  public SeccompProgram {
    unknownSyscalls = List.copyOf(unknownSyscalls);
    if (bpf.length % 8 != 0) {
      throw new IllegalArgumentException("a BPF program is a whole number of 8-byte instructions, got "
          + bpf.length + " bytes");
    }
  }

  public int instructions() {
    return bpf.length / 8;
  }
}
