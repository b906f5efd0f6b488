package dev.bramble.runtime.seccomp;

import dev.bramble.runtime.config.Capability;
import dev.bramble.runtime.linux.Errno;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The sandbox policy table: which syscalls the sentry's filter denies, traps or kills, each row with its reason.
 * The table is data ({@code dev/bramble/runtime/seccomp/sandbox-policy.tsv}, format described at its top); this class
 * only parses and checks it, so a malformed row fails every container creation loudly rather than weakening one.
 */
public final class SandboxPolicy {
  public static final String RESOURCE = "dev/bramble/runtime/seccomp/sandbox-policy.tsv";
  /** The handlers a {@code trap:} row may name; the sentry implements each. */
  public static final Set<String> HANDLERS = Set.of("uname", "sysinfo", "personality");

  private static volatile SandboxPolicy defaults;

  private final List<PolicyEntry> entries;

  private SandboxPolicy(List<PolicyEntry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** bramble's built-in policy, parsed on first use. */
  public static SandboxPolicy defaults() {
    SandboxPolicy p = defaults;
    if (p == null) {
      InputStream in = SandboxPolicy.class.getClassLoader().getResourceAsStream(RESOURCE);
      if (in == null) {
        throw new IllegalStateException("the sandbox policy " + RESOURCE + " is missing from the classpath; the "
            + "bramble jar is incomplete");
      }
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        p = parse(RESOURCE, r);
      } catch (IOException e) {
        throw new UncheckedIOException("reading " + RESOURCE, e);
      }
      defaults = p;
    }
    return p;
  }

  public List<PolicyEntry> entries() {
    return entries;
  }

  /** Parses a policy table; {@code source} names it in errors. */
  public static SandboxPolicy parse(String source, BufferedReader r) throws IOException {
    List<PolicyEntry> out = new ArrayList<>();
    Map<String, PolicyEntry> unconditional = new HashMap<>();
    Map<String, PolicyEntry> anyRow = new HashMap<>();
    String line;
    int lineNo = 0;
    while ((line = r.readLine()) != null) {
      lineNo++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String where = source + " line " + lineNo;
      String[] f = line.split("\t", -1);
      if (f.length != 5) {
        throw malformed(where, line, "expected 5 tab-separated columns (syscall, action, when, unless, reason), "
            + "found " + f.length);
      }
      PolicyEntry e = entry(where, line, f);
      // libseccomp resolves overlapping rules of one syscall by its own precedence, not by table order: allow
      // several rows for a syscall only when each is conditional (the socket rows), so the table means what it says
      if (e.conditions().isEmpty() ? anyRow.containsKey(e.syscall()) : unconditional.containsKey(e.syscall())) {
        throw malformed(where, line, "an unconditional row for " + e.syscall() + " cannot share the syscall with "
            + "another row (" + anyRow.get(e.syscall()).line() + ")");
      }
      if (e.conditions().isEmpty()) {
        unconditional.put(e.syscall(), e);
      }
      anyRow.putIfAbsent(e.syscall(), e);
      out.add(e);
    }
    if (out.isEmpty()) {
      throw new IllegalStateException(source + " has no rows");
    }
    return new SandboxPolicy(out);
  }

  private static PolicyEntry entry(String where, String line, String[] f) {
    String syscall = f[0].trim();
    if (!syscall.matches("[a-z0-9_]+")) {
      throw malformed(where, line, "'" + syscall + "' is not a syscall name");
    }
    String actionText = f[1].trim();
    String[] parts = actionText.split(":", 2);
    PolicyAction action = null;
    for (PolicyAction a : PolicyAction.values()) {
      if (a.word().equals(parts[0])) {
        action = a;
      }
    }
    if (action == null) {
      throw malformed(where, line, "unknown action '" + actionText + "'; use deny:ERRNO, errno:ERRNO, trap:HANDLER "
          + "or kill");
    }
    int errno = 0;
    String handler = null;
    switch (action) {
      case DENY, ERRNO -> {
        OptionalInt n = parts.length == 2 ? errnoByName(parts[1]) : OptionalInt.empty();
        if (n.isEmpty()) {
          throw malformed(where, line, "'" + actionText + "' needs a known errno name, e.g. " + action.word()
              + ":EPERM");
        }
        errno = n.getAsInt();
      }
      case TRAP -> {
        handler = parts.length == 2 ? parts[1] : "";
        if (!HANDLERS.contains(handler)) {
          throw malformed(where, line, "unknown handler '" + handler + "'; the sentry has " + HANDLERS);
        }
      }
      case KILL -> {
        if (parts.length != 1) {
          throw malformed(where, line, "kill takes no argument");
        }
      }
    }
    List<ArgCondition> conditions = new ArrayList<>();
    String when = f[2].trim();
    if (!when.equals("-")) {
      boolean[] seen = new boolean[6];
      for (String c : when.split(",")) {
        ArgCondition cond;
        try {
          cond = ArgCondition.parse(c);
        } catch (IllegalArgumentException ex) {
          throw malformed(where, line, ex.getMessage());
        }
        if (seen[cond.index()]) {
          throw malformed(where, line, "argument " + cond.index() + " is tested twice; libseccomp allows one test "
              + "per argument in a rule: split the row");
        }
        seen[cond.index()] = true;
        conditions.add(cond);
      }
    }
    OptionalInt unless = OptionalInt.empty();
    String unlessText = f[3].trim();
    if (!unlessText.equals("-")) {
      unless = Capability.number(unlessText);
      if (unless.isEmpty()) {
        throw malformed(where, line, "unknown capability '" + unlessText + "'");
      }
    }
    String reason = f[4].trim();
    if (reason.isEmpty()) {
      throw malformed(where, line, "every row needs a reason");
    }
    return new PolicyEntry(syscall, action, errno, handler, conditions, unless, reason, where);
  }

  /** The errno whose symbolic name is {@code name} (EPERM, ENOSYS...), among those bramble names. */
  static OptionalInt errnoByName(String name) {
    for (int n = 1; n < 4096; n++) {
      if (Errno.name(n).equals(name)) {
        return OptionalInt.of(n);
      }
    }
    return OptionalInt.empty();
  }

  private static IllegalStateException malformed(String where, String line, String why) {
    return new IllegalStateException("sandbox policy " + where + " '" + line.replace('\t', ' ') + "': " + why);
  }
}
