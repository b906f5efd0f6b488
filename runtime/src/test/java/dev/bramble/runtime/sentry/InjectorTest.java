package dev.bramble.runtime.sentry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.runtime.arch.Arch;
import dev.bramble.runtime.linux.Ptrace;
import dev.bramble.runtime.linux.Signals;
import dev.bramble.runtime.linux.WaitStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class InjectorTest {
  private static final long TRAMPOLINE = 0x400090;

  @Test
  void loadsNumberAndArgumentsAtTheTrampolineAndReturnsTheExitValue() {
    SimulatedKernel k = new SimulatedKernel(Arch.X86_64, 7);
    k.results.put(165L, args -> -1); // mount → -EPERM
    long rv = new Injector(k, k.layout, TRAMPOLINE).inject(7, 165, 11, 22, 33, 44, 55);
    assertEquals(-1, rv);
    assertEquals(List.of("165[11, 22, 33, 44, 55, 0]"), k.executed);
    assertEquals(TRAMPOLINE, k.layout.programCounter(k.regs));
    assertEquals(List.of("SYSCALL 0", "SYSCALL 0"), k.requests, "entry and exit stop, nothing delivered");
  }

  @Test
  void onAarch64TheInterruptedSyscallIsForgottenThroughNtArmSystemCall() {
    SimulatedKernel k = new SimulatedKernel(Arch.AARCH64, 7);
    new Injector(k, k.layout, TRAMPOLINE).inject(7, 220, 0x11);
    assertEquals(List.of(-1), k.syscallNumberWrites);
    assertEquals(220, k.regs[8], "x8 carries the syscall number to svc");
  }

  @Test
  void aForkEventDuringCloneNamesTheNewChild() {
    SimulatedKernel k = new SimulatedKernel(Arch.X86_64, 7);
    k.results.put(56L, args -> 4321);
    k.interruptions.put(56L, SimulatedKernel.stops(SimulatedKernel.event(7, Ptrace.EVENT_FORK, Signals.SIGTRAP)));
    k.eventMessage = 4321;
    Injector injector = new Injector(k, k.layout, TRAMPOLINE);
    assertEquals(4321, injector.inject(7, 56, Signals.SIGCHLD));
    assertEquals(4321, injector.lastNewChild());
  }

  @Test
  void anExecEventEndsAnExecveInjection() {
    SimulatedKernel k = new SimulatedKernel(Arch.X86_64, 7);
    k.interruptions.put(59L, SimulatedKernel.stops(SimulatedKernel.event(7, Ptrace.EVENT_EXEC, Signals.SIGTRAP)));
    assertEquals(Injector.EXECUTED, new Injector(k, k.layout, TRAMPOLINE).inject(7, 59, 1, 2, 3));
  }

  @Test
  void signalsArrivingOnTheWayAreHeldBackButSigchldAndTheDoorbellAreDropped() {
    SimulatedKernel k = new SimulatedKernel(Arch.X86_64, 7);
    k.interruptions.put(39L, SimulatedKernel.stops(
        SimulatedKernel.signalStop(7, Signals.SIGTERM),
        SimulatedKernel.signalStop(7, Signals.SIGCHLD),
        SimulatedKernel.signalStop(7, Signals.SIGURG),
        SimulatedKernel.event(7, Ptrace.EVENT_STOP, Signals.SIGSTOP)));
    Injector injector = new Injector(k, k.layout, TRAMPOLINE);
    injector.inject(7, 39);
    assertTrue(k.requests.stream().allMatch(r -> r.equals("SYSCALL 0")), "no signal is delivered: " + k.requests);
    assertEquals(List.of(Signals.SIGTERM), injector.takeDeferredSignals());
    assertEquals(List.of(), injector.takeDeferredSignals());
  }

  @Test
  void aSyscallASignalInterruptedIsRunAgainAndTheSignalHeldBack() {
    SimulatedKernel k = new SimulatedKernel(Arch.X86_64, 7);
    int[] runs = {0};
    k.results.put(61L, args -> ++runs[0] == 1 ? -512 : 42); // wait4: ERESTARTSYS once, then a child
    k.interruptions.put(61L, SimulatedKernel.stops(SimulatedKernel.signalStop(7, Signals.SIGTERM)));
    Injector injector = new Injector(k, k.layout, TRAMPOLINE);
    assertEquals(42, injector.inject(7, 61, -1, 0, 0, 0));
    assertEquals(2, runs[0]);
    assertTrue(injector.takeDeferredSignals().contains(Signals.SIGTERM));
  }

  @Test
  void aSyscallThatIsInterruptedForeverEndsWithTheRestartCode() {
    SimulatedKernel k = new SimulatedKernel(Arch.X86_64, 7);
    k.results.put(35L, args -> -516); // nanosleep: ERESTART_RESTARTBLOCK every time
    assertEquals(-516, new Injector(k, k.layout, TRAMPOLINE).inject(7, 35, 0, 0));
    assertEquals(Injector.MAX_RESTARTS, k.executed.size());
  }

  @Test
  void aTraceeThatDiesMidInjectionIsReported() {
    SimulatedKernel k = new SimulatedKernel(Arch.X86_64, 7);
    k.interruptions.put(39L, SimulatedKernel.stops(new WaitStatus(7, Signals.SIGKILL)));
    TraceeExitedException e = assertThrows(TraceeExitedException.class,
        () -> new Injector(k, k.layout, TRAMPOLINE).inject(7, 39));
    assertTrue(e.getMessage().contains("killed by signal 9"), e.getMessage());
  }

  @Test
  void stagedArgumentsAreWrittenInOneGoBeforeTheCall() {
    SimulatedKernel k = new SimulatedKernel(Arch.X86_64, 7);
    ScratchArena arena = new ScratchArena(k, 0x7ff000000000L, 1 << 16);
    InjectedSyscalls sys = new InjectedSyscalls(7, new Injector(k, k.layout, TRAMPOLINE), arena,
        Arch.X86_64.syscalls());
    sys.sethostname("box");
    assertEquals(List.of("170[140668768878592, 3, 0, 0, 0, 0]"), k.executed);
    assertEquals("box", new String(k.memory.get(0x7ff000000000L), java.nio.charset.StandardCharsets.UTF_8));
  }
}
