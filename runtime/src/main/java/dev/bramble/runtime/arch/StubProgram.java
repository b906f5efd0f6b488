package dev.bramble.runtime.arch;

/**
 * The stub's machine code for one architecture, position-independent of the load address.
 *
 * @param code the instructions
 * @param trampolineOffset offset in {@code code} of the syscall instruction the tracer points the pc at
 * @param syscallInstruction the bytes of that instruction ({@code syscall} 0f 05 / {@code svc #0} 01 00 00 d4)
 */
record StubProgram(byte[] code, int trampolineOffset, byte[] syscallInstruction) {
  StubProgram {
    code = code.clone();
    syscallInstruction = syscallInstruction.clone();
  }

  @Override
  public byte[] code() {
    return code.clone();
  }

  @Override
  public byte[] syscallInstruction() {
    return syscallInstruction.clone();
  }
}
