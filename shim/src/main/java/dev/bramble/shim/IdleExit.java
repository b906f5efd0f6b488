package dev.bramble.shim;

import dev.bramble.shim.task.ShimLifetime;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * The lifetime of a namespace daemon: it takes containers as they come and, after {@code idle_exit} with none,
 * leaves without ever stranding a container that a {@code start} has just sent its way.
 *
 * <p>A {@code start} finds the daemon in one of two ways: the launcher reads its ready file (no JVM), or the JVM
 * path connects to its socket. Either is followed by containerd dialling the socket and sending Create. So leaving
 * is done in two steps: when the idle time is up the ready file is withdrawn first (no new fast path leads here),
 * then for a short linger the daemon still listens, and any new connection or Create in that window cancels the
 * exit and re-publishes the ready file. Only after a quiet linger does it decide — atomically with Create's
 * admission, under this object's lock — to exit: the socket is unlinked (a later {@code start} binds a fresh one
 * and spawns a new daemon) and then closed. A Create or connection that still reaches it after that decision is
 * refused or dropped: containerd gets an error it reports, never a hang.
 *
 * <p>All actions run under the lock, so a Create is either admitted before the decision or refused after it.
 */
final class IdleExit implements ShimLifetime {
  /** The daemon's side effects, kept out so that the state machine is tested on its own. */
  interface Actions {
    /** (Re)writes the ready file. */
    void publishReady();

    void withdrawReady();

    /** Unlinks the listening socket(s) if they are still this daemon's. */
    void withdrawSocket();

    /** Stops serving; the daemon then exits. */
    void exit();
  }

  /** A one-shot timer. */
  interface Timer {
    /** @return cancels the task if it has not run yet */
    Runnable schedule(Runnable task, long millis);
  }

  private enum State { BUSY, IDLE, LINGER, EXITING }

  private final long idleMillis;
  private final long lingerMillis;
  private IntSupplier containers = () -> 0;
  private final Timer timer;
  private final Actions actions;
  private final Consumer<String> log;
  private State state = State.BUSY;
  private int creates;
  /** Bumped at every transition, so a timer that fires after being overtaken does nothing. */
  private long generation;
  private Runnable cancel = () -> { };

  IdleExit(long idleMillis, long lingerMillis, Timer timer, Actions actions, Consumer<String> log) {
    this.idleMillis = idleMillis;
    this.lingerMillis = lingerMillis;
    this.timer = timer;
    this.actions = actions;
    this.log = log;
  }

  /**
   * The daemon serves: publish the ready file and, as no container is here yet, start counting.
   *
   * @param hosted how many containers the daemon hosts now (read under the lock at every decision)
   */
  synchronized void started(IntSupplier hosted) {
    this.containers = hosted;
    actions.publishReady();
    evaluate();
  }

  @Override
  public synchronized boolean admitCreate() {
    if (state == State.EXITING) {
      return false;
    }
    creates++;
    becomeBusy();
    return true;
  }

  @Override
  public synchronized void createDone() {
    creates--;
    evaluate();
  }

  @Override
  public synchronized void shutdownRequested() {
    evaluate();
  }

  @Override
  public synchronized void containerRemoved() {
    evaluate();
  }

  /**
   * A new connection: containerd about to send a Create, or a {@code start} probing whether the daemon lives. It
   * restarts the idle time (and cancels a linger).
   *
   * @return false once the daemon has decided to exit: the caller drops the connection
   */
  synchronized boolean connectionAccepted() {
    if (state == State.EXITING) {
      return false;
    }
    if (state != State.BUSY) {
      becomeIdle();
    }
    return true;
  }

  synchronized boolean exiting() {
    return state == State.EXITING;
  }

  private void evaluate() {
    if (state == State.EXITING) {
      return;
    }
    if (creates > 0 || containers.getAsInt() > 0) {
      becomeBusy();
    } else if (state == State.BUSY) {
      becomeIdle();
    }
  }

  private void becomeBusy() {
    cancel.run();
    generation++;
    if (state == State.LINGER) {
      actions.publishReady();
    }
    state = State.BUSY;
  }

  private void becomeIdle() {
    cancel.run();
    if (state == State.LINGER) {
      actions.publishReady();
      log.accept("idle exit cancelled: a new connection arrived during the linger");
    }
    state = State.IDLE;
    long armed = ++generation;
    cancel = timer.schedule(() -> idleTimeUp(armed), idleMillis);
  }

  private synchronized void idleTimeUp(long armed) {
    if (armed != generation || state != State.IDLE) {
      return;
    }
    actions.withdrawReady(); // first: from now on no fast-path start leads here
    state = State.LINGER;
    long lingering = ++generation;
    cancel = timer.schedule(() -> lingerOver(lingering), lingerMillis);
  }

  private synchronized void lingerOver(long lingering) {
    if (lingering != generation || state != State.LINGER) {
      return;
    }
    state = State.EXITING;
    log.accept("no container for " + idleMillis / 1000 + " s: exiting");
    actions.withdrawSocket();
    actions.exit();
  }
}
