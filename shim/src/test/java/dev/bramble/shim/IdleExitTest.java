package dev.bramble.shim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The namespace daemon's idle exit as a state machine, on a timer the test fires by hand. */
class IdleExitTest {
  private final List<String> actions = new ArrayList<>();
  private final List<Scheduled> timers = new ArrayList<>();
  private final AtomicInteger containers = new AtomicInteger();
  private IdleExit idle;

  private static final class Scheduled {
    final Runnable task;
    final long millis;
    boolean cancelled;

    Scheduled(Runnable task, long millis) {
      this.task = task;
      this.millis = millis;
    }
  }

  @BeforeEach
  void startIdleExit() {
    idle = new IdleExit(300_000, 2000, (task, millis) -> {
      Scheduled s = new Scheduled(task, millis);
      timers.add(s);
      return () -> s.cancelled = true;
    }, new IdleExit.Actions() {
      @Override
      public void publishReady() {
        actions.add("publish");
      }

      @Override
      public void withdrawReady() {
        actions.add("withdraw-ready");
      }

      @Override
      public void withdrawSocket() {
        actions.add("withdraw-socket");
      }

      @Override
      public void exit() {
        actions.add("exit");
      }
    }, line -> { });
    idle.started(containers::get);
  }

  /** Fires the newest timer that is not cancelled; its delay must be {@code millis}. */
  private void fire(long millis) {
    Scheduled s = pending();
    assertEquals(millis, s.millis);
    timers.remove(s);
    s.task.run();
  }

  private Scheduled pending() {
    List<Scheduled> live = timers.stream().filter(t -> !t.cancelled).toList();
    assertEquals(1, live.size(), "exactly one timer armed");
    return live.get(0);
  }

  private boolean armed() {
    return timers.stream().anyMatch(t -> !t.cancelled);
  }

  /** A Create as TaskService runs it: admitted, the container put in the table, done. */
  private boolean createContainer() {
    if (!idle.admitCreate()) {
      return false;
    }
    containers.incrementAndGet();
    idle.createDone();
    return true;
  }

  private void deleteLastAndShutdown() {
    containers.decrementAndGet();
    idle.containerRemoved();
    idle.shutdownRequested();
  }

  @Test
  void anEmptyDaemonPublishesAndLeavesAfterIdleTimeAndLinger() {
    assertEquals(List.of("publish"), actions);
    fire(300_000);
    assertEquals(List.of("publish", "withdraw-ready"), actions, "the ready file goes first");
    fire(2000);
    assertEquals(List.of("publish", "withdraw-ready", "withdraw-socket", "exit"), actions);
    assertTrue(idle.exiting());
    assertFalse(idle.admitCreate(), "a Create after the decision is refused, not hung");
    assertFalse(idle.connectionAccepted(), "a connection after the decision is dropped");
  }

  @Test
  void containersKeepItAndTheLastOneLeavingStartsTheIdleTime() {
    assertTrue(createContainer());
    assertFalse(armed(), "no idle timer while a container is hosted");
    assertTrue(createContainer());
    containers.decrementAndGet();
    idle.containerRemoved();
    idle.shutdownRequested();
    assertFalse(armed(), "one container remains");
    deleteLastAndShutdown();
    fire(300_000);
    fire(2000);
    assertEquals(List.of("publish", "withdraw-ready", "withdraw-socket", "exit"), actions);
  }

  @Test
  void aConnectionDuringTheLingerCancelsTheExitAndRepublishes() {
    fire(300_000);
    assertTrue(idle.connectionAccepted());
    assertEquals(List.of("publish", "withdraw-ready", "publish"), actions);
    fire(300_000); // a fresh idle time, not the rest of the old one
    fire(2000);
    assertTrue(idle.exiting());
  }

  @Test
  void aCreateDuringTheLingerIsAdmittedAndTheDaemonStays() {
    fire(300_000);
    assertTrue(createContainer());
    assertFalse(armed());
    assertFalse(idle.exiting());
    assertEquals(List.of("publish", "withdraw-ready", "publish"), actions);
  }

  @Test
  void aConnectionWhileIdleRestartsTheIdleTime() {
    Scheduled first = pending();
    assertTrue(idle.connectionAccepted());
    assertTrue(first.cancelled);
    first.task.run(); // a timer that fires after being overtaken does nothing
    assertEquals(List.of("publish"), actions);
    fire(300_000);
    assertEquals(List.of("publish", "withdraw-ready"), actions);
  }

  @Test
  void aFailedCreateLeavesTheDaemonIdleAgain() {
    assertTrue(idle.admitCreate());
    assertFalse(armed());
    idle.createDone(); // no container was added
    fire(300_000);
    fire(2000);
    assertTrue(idle.exiting());
  }

  @Test
  void aCreateInFlightHoldsTheExitEvenAtTheLingersEnd() {
    fire(300_000);
    assertTrue(idle.admitCreate());
    assertFalse(armed(), "the linger timer is cancelled by the admitted Create");
    assertFalse(idle.exiting());
  }

  @Test
  void shutdownWithContainersLeftChangesNothing() {
    assertTrue(createContainer());
    idle.shutdownRequested();
    assertFalse(armed());
    assertFalse(idle.exiting());
  }
}
