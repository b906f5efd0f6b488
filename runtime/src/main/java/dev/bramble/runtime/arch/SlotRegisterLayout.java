package dev.bramble.runtime.arch;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A {@link RegisterLayout} driven entirely by {@link RegisterFacts}: register names are resolved to slot indexes once,
 * so the per-syscall accessors are plain array reads.
 */
final class SlotRegisterLayout implements RegisterLayout {
  private final RegisterFacts facts;
  private final Map<String, Integer> slotByName = new HashMap<>();
  private final int syscallNumber;
  private final int injectedNumber;
  private final int restartGuard;
  private final int[] args = new int[6];
  private final int returnValue;
  private final int programCounter;
  private final int stackPointer;
  private final int clobbered;

  SlotRegisterLayout(RegisterFacts facts) {
    this.facts = facts;
    List<String> slots = facts.slots();
    for (int i = 0; i < slots.size(); i++) {
      if (slotByName.put(slots.get(i), i) != null) {
        throw new IllegalArgumentException(facts.arch() + ": register " + slots.get(i) + " listed twice");
      }
    }
    syscallNumber = resolve(facts.syscallNumber());
    injectedNumber = resolve(facts.injectedNumber());
    restartGuard = facts.restartGuard() == null ? -1 : resolve(facts.restartGuard());
    for (int i = 0; i < 6; i++) {
      args[i] = resolve(facts.args().get(i));
    }
    returnValue = resolve(facts.returnValue());
    programCounter = resolve(facts.programCounter());
    stackPointer = resolve(facts.stackPointer());
    clobbered = facts.clobberedAtSyscallStop() == null ? -1 : resolve(facts.clobberedAtSyscallStop());
  }

  private int resolve(String name) {
    Integer slot = slotByName.get(name);
    if (slot == null) {
      throw new IllegalArgumentException(facts.arch() + ": no register named " + name + " in " + facts.slots());
    }
    return slot;
  }

  @Override
  public Arch arch() {
    return facts.arch();
  }

  @Override
  public int slotCount() {
    return facts.slots().size();
  }

  @Override
  public List<String> slotNames() {
    return facts.slots();
  }

  @Override
  public OptionalInt slot(String registerName) {
    Integer slot = slotByName.get(registerName);
    return slot == null ? OptionalInt.empty() : OptionalInt.of(slot);
  }

  @Override
  public long syscallNumber(long[] regs) {
    return check(regs)[syscallNumber];
  }

  @Override
  public boolean syscallNumberInRegset() {
    return facts.syscallNumberInRegset();
  }

  @Override
  public OptionalInt syscallNumberRegset() {
    return facts.syscallNumberInRegset() ? OptionalInt.empty() : OptionalInt.of(NT_ARM_SYSTEM_CALL);
  }

  @Override
  public void setSyscallNumber(long[] regs, long nr) {
    if (!facts.syscallNumberInRegset()) {
      throw new UnsupportedOperationException(
          facts.arch().unameName()
              + " ignores syscall number writes to "
              + facts.syscallNumber()
              + " at a stop; write the number through the NT_ARM_SYSTEM_CALL (0x404) regset instead");
    }
    check(regs)[syscallNumber] = nr;
  }

  @Override
  public long arg(long[] regs, int i) {
    return check(regs)[args[argIndex(i)]];
  }

  @Override
  public void setArg(long[] regs, int i, long value) {
    check(regs)[args[argIndex(i)]] = value;
  }

  @Override
  public long returnValue(long[] regs) {
    return check(regs)[returnValue];
  }

  @Override
  public void setReturnValue(long[] regs, long value) {
    check(regs)[returnValue] = value;
  }

  @Override
  public long programCounter(long[] regs) {
    return check(regs)[programCounter];
  }

  @Override
  public void setProgramCounter(long[] regs, long pc) {
    check(regs)[programCounter] = pc;
  }

  @Override
  public long stackPointer(long[] regs) {
    return check(regs)[stackPointer];
  }

  @Override
  public int clobberedAtSyscallStop() {
    return clobbered;
  }

  @Override
  public void prepareInjection(long[] regs, long trampolinePc, long nr, long... injectedArgs) {
    check(regs);
    if (injectedArgs.length > 6) {
      throw new IllegalArgumentException(
          "a syscall takes at most 6 arguments, got " + injectedArgs.length + " for syscall " + nr);
    }
    regs[programCounter] = trampolinePc;
    regs[injectedNumber] = nr;
    if (restartGuard >= 0) {
      regs[restartGuard] = -1;
    }
    for (int i = 0; i < 6; i++) {
      regs[args[i]] = i < injectedArgs.length ? injectedArgs[i] : 0;
    }
  }

  @Override
  public CloneArgs decodeClone(long[] regs) {
    check(regs);
    CloneArgs.Order o = facts.cloneOrder();
    return new CloneArgs(
        regs[args[o.flags()]],
        regs[args[o.stack()]],
        regs[args[o.parentTid()]],
        regs[args[o.childTid()]],
        regs[args[o.tls()]]);
  }

  private long[] check(long[] regs) {
    if (regs.length < facts.slots().size()) {
      throw new IllegalArgumentException(
          facts.arch().unameName()
              + " NT_PRSTATUS has "
              + facts.slots().size()
              + " slots but the register array has "
              + regs.length);
    }
    return regs;
  }

  private static int argIndex(int i) {
    if (i < 0 || i > 5) {
      throw new IllegalArgumentException("syscall argument index must be 0..5, got " + i);
    }
    return i;
  }

  @Override
  public String toString() {
    return "RegisterLayout[" + facts.arch().unameName() + ", " + slotCount() + " slots]";
  }
}
