package dev.bramble.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Status words as the kernel builds them (wait(2), ptrace(2)). */
class WaitStatusTest {
  @Test
  void exitCodesAndSignalsBecomeShellStatuses() {
    WaitStatus exit7 = new WaitStatus(5, 7 << 8);
    assertTrue(exit7.exited());
    assertEquals(7, exit7.shellStatus());
    WaitStatus killed = new WaitStatus(5, 9);
    assertTrue(killed.signaled());
    assertEquals(137, killed.shellStatus(), "128 + SIGKILL, as runc and shells report it");
    WaitStatus coreDumped = new WaitStatus(5, 0x80 | 11);
    assertEquals(139, coreDumped.shellStatus());
  }

  @Test
  void decodesStops() {
    WaitStatus syscall = new WaitStatus(5, 0x857f);
    assertTrue(syscall.stopped() && syscall.syscallStop());
    WaitStatus forkEvent = new WaitStatus(5, 0x1057f);
    assertEquals(Ptrace.EVENT_FORK, forkEvent.event());
    assertFalse(forkEvent.syscallStop());
    WaitStatus groupStop = new WaitStatus(5, 0x80137f);
    assertEquals(Ptrace.EVENT_STOP, groupStop.event());
    assertEquals(Signals.SIGSTOP, groupStop.stopSignal());
  }
}
