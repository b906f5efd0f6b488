package dev.bramble.runtime.arch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A captured register dump fixture ({@code regdump-<arch>.txt}, written by tools/arch/capture-regdump.sh): raw
 * NT_PRSTATUS slots at labelled ptrace stops, the kernel's own PTRACE_GET_SYSCALL_INFO decoding of each stop, and
 * facts the capture program observed.
 */
final class RegisterDump {
  /** The kernel's decoding of one stop: op (entry, exit, seccomp, none) and its key=value fields. */
  record SyscallInfo(String op, Map<String, String> fields) {
    long get(String key) {
      String v = fields.get(key);
      if (v == null) {
        throw new IllegalArgumentException("sysinfo has no field " + key + ": " + fields);
      }
      return number(v);
    }
  }

  final Map<String, String> facts = new LinkedHashMap<>();
  final Map<String, long[]> regs = new LinkedHashMap<>();
  final Map<String, SyscallInfo> sysinfo = new HashMap<>();
  final Map<String, Long> sysno = new HashMap<>();

  static RegisterDump load(Arch arch) throws IOException {
    String resource = "dev/bramble/runtime/arch/regdump-" + arch.unameName() + ".txt";
    InputStream in = RegisterDump.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException(resource + " missing; run tools/arch/capture-regdump.sh " + arch.unameName());
    }
    RegisterDump d = new RegisterDump();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        String[] f = line.split(" ");
        switch (f[0]) {
          case "fact" -> d.facts.put(f[1], line.substring(f[0].length() + f[1].length() + 2));
          case "regs" -> {
            long[] slots = new long[Integer.parseInt(f[2])];
            if (f.length != slots.length + 3) {
              throw new IllegalStateException(resource + ": slot count mismatch in " + line);
            }
            for (int i = 0; i < slots.length; i++) {
              slots[i] = number(f[i + 3]);
            }
            d.regs.put(f[1], slots);
          }
          case "sysinfo" -> {
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 3; i < f.length; i++) {
              String[] kv = f[i].split("=", 2);
              fields.put(kv[0], kv[1]);
            }
            d.sysinfo.put(f[1], new SyscallInfo(f[2], fields));
          }
          case "sysno" -> d.sysno.put(f[1], Long.parseLong(f[2]));
          default -> {
            // comments and the BEGIN/END markers
          }
        }
      }
    }
    return d;
  }

  long fact(String key) {
    String v = facts.get(key);
    if (v == null) {
      throw new IllegalArgumentException("fixture has no fact " + key + ": " + facts.keySet());
    }
    return number(v);
  }

  long[] regs(String label) {
    long[] r = regs.get(label);
    if (r == null) {
      throw new IllegalArgumentException("fixture has no stop " + label + ": " + regs.keySet());
    }
    return r.clone();
  }

  SyscallInfo sysinfo(String label) {
    return sysinfo.get(label);
  }

  static long number(String s) {
    return s.startsWith("0x") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseLong(s);
  }
}
