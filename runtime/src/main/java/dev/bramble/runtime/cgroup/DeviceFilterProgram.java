package dev.bramble.runtime.cgroup;

import static dev.bramble.runtime.cgroup.BpfAssembler.R0;
import static dev.bramble.runtime.cgroup.BpfAssembler.R1;
import static dev.bramble.runtime.cgroup.BpfAssembler.R2;
import static dev.bramble.runtime.cgroup.BpfAssembler.R3;
import static dev.bramble.runtime.cgroup.BpfAssembler.R4;
import static dev.bramble.runtime.cgroup.BpfAssembler.R5;
import static dev.bramble.runtime.cgroup.BpfAssembler.R6;
import static dev.bramble.runtime.cgroup.BpfAssembler.R7;

import dev.bramble.runtime.cgroup.BpfAssembler.Insn;
import java.util.ArrayList;
import java.util.List;

/**
 * The cgroup v2 device controller is an eBPF program of type BPF_PROG_TYPE_CGROUP_DEVICE attached to the cgroup
 * (there are no devices.allow files in v2). This builds one from the {@link DeviceEmulator}'s state, so cgroup v2
 * enforces exactly what cgroup v1 would: the kernel calls it with {@code struct bpf_cgroup_dev_ctx} (access_type =
 * access bits << 16 | device type, major, minor) and it returns 1 to allow, 0 to deny.
 *
 * <pre>
 *   r2 = ctx-&gt;access_type; r3 = r2 &amp; 0xffff (type); r4 = r2 &gt;&gt; 16 (access)
 *   r5 = ctx-&gt;major; r6 = ctx-&gt;minor
 *   for each exception: if type, access, major and minor match: return verdict
 *   return default
 * </pre>
 */
public final class DeviceFilterProgram {
  /** bpf_cgroup_dev_ctx device types (BPF_DEVCG_DEV_BLOCK, BPF_DEVCG_DEV_CHAR). */
  static final int DEV_BLOCK = 1, DEV_CHAR = 2;
  private static final int ALL_ACCESS = 7;

  private DeviceFilterProgram() {}

  public static byte[] build(DeviceEmulator state) {
    return BpfAssembler.encode(instructions(state));
  }

  static List<Insn> instructions(DeviceEmulator state) {
    List<Insn> p = new ArrayList<>();
    p.add(BpfAssembler.loadWord(R2, R1, 0));
    p.add(BpfAssembler.mov32(R3, R2));
    p.add(BpfAssembler.and32(R3, 0xffff));
    p.add(BpfAssembler.mov32(R4, R2));
    p.add(BpfAssembler.rsh32(R4, 16));
    p.add(BpfAssembler.loadWord(R5, R1, 4));
    p.add(BpfAssembler.loadWord(R6, R1, 8));
    int verdict = state.defaultAllow() ? 0 : 1; // an exception is the opposite of the default
    for (DeviceRule ex : state.exceptions()) {
      p.addAll(rule(ex, state.defaultAllow(), verdict));
    }
    p.add(BpfAssembler.movImm32(R0, state.defaultAllow() ? 1 : 0));
    p.add(BpfAssembler.exit());
    return p;
  }

  /** One exception: falls through to the next on any mismatch, returns the verdict when everything matches. */
  private static List<Insn> rule(DeviceRule ex, boolean defaultAllow, int verdict) {
    List<Insn> block = new ArrayList<>();
    block.add(BpfAssembler.jumpIfNotEqual(R3, ex.type() == 'b' ? DEV_BLOCK : DEV_CHAR, 0));
    int bits = ex.accessBits();
    if (!defaultAllow && bits != ALL_ACCESS) {
      // an allow exception must cover every requested bit: (requested & ~granted) == 0
      block.add(BpfAssembler.mov32(R7, R4));
      block.add(BpfAssembler.and32(R7, ~bits & ALL_ACCESS));
      block.add(BpfAssembler.jumpIfNotEqual(R7, 0, 0));
    } else if (defaultAllow && bits != ALL_ACCESS) {
      // a deny exception applies when it names any requested bit: (requested & denied) != 0
      block.add(BpfAssembler.mov32(R7, R4));
      block.add(BpfAssembler.and32(R7, bits));
      block.add(BpfAssembler.jumpIfEqual(R7, 0, 0));
    }
    if (ex.major() != DeviceRule.WILDCARD) {
      block.add(BpfAssembler.jumpIfNotEqual(R5, (int) ex.major(), 0));
    }
    if (ex.minor() != DeviceRule.WILDCARD) {
      block.add(BpfAssembler.jumpIfNotEqual(R6, (int) ex.minor(), 0));
    }
    block.add(BpfAssembler.movImm32(R0, verdict));
    block.add(BpfAssembler.exit());
    return BpfAssembler.blockJumpingToEnd(block);
  }
}
