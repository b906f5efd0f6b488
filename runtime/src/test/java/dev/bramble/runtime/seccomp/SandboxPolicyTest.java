package dev.bramble.runtime.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.runtime.arch.Arch;
import dev.bramble.runtime.config.Capability;
import dev.bramble.runtime.linux.Errno;
import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The built-in policy table keeps every promise of the sandbox, and a malformed table is refused. */
class SandboxPolicyTest {
  private static final List<PolicyEntry> ROWS = SandboxPolicy.defaults().entries();

  private static Map<String, List<PolicyEntry>> bySyscall() {
    return ROWS.stream().collect(Collectors.groupingBy(PolicyEntry::syscall));
  }

  @Test
  void deniesWhatTheSandboxPromisesWithTheDocumentedErrno() {
    Map<String, Integer> denied = Map.ofEntries(
        Map.entry("init_module", Errno.EPERM), Map.entry("finit_module", Errno.EPERM),
        Map.entry("delete_module", Errno.EPERM), Map.entry("kexec_load", Errno.EPERM),
        Map.entry("kexec_file_load", Errno.EPERM), Map.entry("bpf", Errno.EPERM),
        Map.entry("perf_event_open", Errno.EPERM), Map.entry("userfaultfd", Errno.EPERM),
        Map.entry("keyctl", Errno.EPERM), Map.entry("add_key", Errno.EPERM), Map.entry("request_key", Errno.EPERM),
        Map.entry("open_by_handle_at", Errno.EPERM), Map.entry("mount", Errno.EPERM),
        Map.entry("umount2", Errno.EPERM), Map.entry("pivot_root", Errno.EPERM), Map.entry("fsopen", Errno.EPERM),
        Map.entry("fsmount", Errno.EPERM), Map.entry("move_mount", Errno.EPERM),
        Map.entry("open_tree", Errno.EPERM), Map.entry("mount_setattr", Errno.EPERM),
        Map.entry("swapon", Errno.EPERM), Map.entry("swapoff", Errno.EPERM), Map.entry("reboot", Errno.EPERM),
        Map.entry("settimeofday", Errno.EPERM), Map.entry("clock_settime", Errno.EPERM),
        Map.entry("clock_adjtime", Errno.EPERM), Map.entry("adjtimex", Errno.EPERM),
        Map.entry("acct", Errno.EPERM), Map.entry("quotactl", Errno.EPERM), Map.entry("syslog", Errno.EPERM),
        Map.entry("iopl", Errno.EPERM), Map.entry("ioperm", Errno.EPERM), Map.entry("ptrace", Errno.EPERM),
        Map.entry("process_vm_readv", Errno.EPERM), Map.entry("process_vm_writev", Errno.EPERM),
        Map.entry("io_uring_setup", Errno.ENOSYS), Map.entry("io_uring_enter", Errno.ENOSYS),
        Map.entry("io_uring_register", Errno.ENOSYS), Map.entry("setns", Errno.EPERM));
    Map<String, List<PolicyEntry>> rows = bySyscall();
    denied.forEach((syscall, errno) -> {
      List<PolicyEntry> r = rows.get(syscall);
      assertTrue(r != null && r.size() == 1, syscall + " has one row");
      assertEquals(PolicyAction.DENY, r.get(0).action(), syscall + " is denied with an audit line");
      assertEquals(List.of(), r.get(0).conditions(), syscall + " is denied whatever its arguments");
      assertEquals(errno, r.get(0).errno(), syscall);
    });
  }

  @Test
  void conditionalRowsTestOnlyRegisters() {
    Map<String, List<PolicyEntry>> rows = bySyscall();
    long newUser = 0x10000000L;
    for (String s : new String[] {"clone", "unshare"}) {
      PolicyEntry r = rows.get(s).get(0);
      assertEquals(List.of(new ArgCondition(0, newUser, newUser)), r.conditions(), s + ": CLONE_NEWUSER only");
    }
    PolicyEntry tiocsti = rows.get("ioctl").get(0);
    assertEquals(List.of(new ArgCondition(1, 0xffffffffL, 0x5412)), tiocsti.conditions());
    assertEquals(PolicyAction.ERRNO, rows.get("clone3").get(0).action());
    assertEquals(Errno.ENOSYS, rows.get("clone3").get(0).errno(), "glibc falls back to clone on ENOSYS");
    List<PolicyEntry> sockets = rows.get("socket");
    assertEquals(4, sockets.size());
    int netRaw = Capability.number("CAP_NET_RAW").getAsInt();
    sockets.forEach(r -> assertEquals(netRaw, r.unless().getAsInt(), r.line()));
  }

  @Test
  void emulatedAndHandledCallsNameTheirHandler() {
    Map<String, List<PolicyEntry>> rows = bySyscall();
    for (String s : new String[] {"uname", "sysinfo", "personality"}) {
      assertEquals(PolicyAction.TRAP, rows.get(s).get(0).action(), s);
      assertEquals(s, rows.get(s).get(0).handler());
    }
  }

  @Test
  void everyRowHasAReasonAndNamesARealSyscall() {
    for (PolicyEntry r : ROWS) {
      assertTrue(r.reason().length() > 20, r.line() + ": a reason a reader can use");
      assertTrue(Arch.X86_64.syscalls().number(r.syscall()).isPresent()
          || Arch.AARCH64.syscalls().number(r.syscall()).isPresent(), r.line() + ": no such syscall anywhere");
    }
    assertFalse(Arch.AARCH64.syscalls().number("iopl").isPresent(), "rows absent on an arch are skipped there");
  }

  private static IllegalStateException refused(String row) {
    return assertThrows(IllegalStateException.class,
        () -> SandboxPolicy.parse("test.tsv", new BufferedReader(new StringReader("# header\n" + row + "\n"))));
  }

  @Test
  void malformedRowsAreRefusedWithTheirLine() {
    assertTrue(refused("mount\tdeny:EPERM\t-\t-").getMessage().contains("test.tsv line 2"));
    assertTrue(refused("mount\tdrop\t-\t-\treason").getMessage().contains("unknown action 'drop'"));
    assertTrue(refused("mount\tdeny:EWHATEVER\t-\t-\treason").getMessage().contains("known errno name"));
    assertTrue(refused("uname\ttrap:magic\t-\t-\treason").getMessage().contains("unknown handler 'magic'"));
    assertTrue(refused("clone\tdeny:EPERM\ta0&0x1==0x1,a0&0x2==0x2\t-\treason").getMessage()
        .contains("tested twice"));
    assertTrue(refused("clone\tdeny:EPERM\ta0&0x1==0x3\t-\treason").getMessage().contains("outside mask"));
    assertTrue(refused("socket\tdeny:EPERM\t-\tCAP_NOPE\treason").getMessage().contains("unknown capability"));
    assertTrue(refused("mount\tdeny:EPERM\t-\t-\t ").getMessage().contains("needs a reason"));
    assertTrue(refused("mount\tdeny:EPERM\t-\t-\ta\nmount\terrno:EPERM\ta0&0x1==0x1\t-\tb").getMessage()
        .contains("cannot share the syscall"), "overlapping rows would be resolved by libseccomp, not the table");
  }

  @Test
  void killRowsParse() throws Exception {
    SandboxPolicy p = SandboxPolicy.parse("t", new BufferedReader(new StringReader("uselib\tkill\t-\t-\told a.out "
        + "loader with a history of bugs\n")));
    assertEquals(PolicyAction.KILL, p.entries().get(0).action());
    assertEquals("kill", p.entries().get(0).actionText());
  }
}
