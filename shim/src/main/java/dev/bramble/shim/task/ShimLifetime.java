package dev.bramble.shim.task;

/**
 * When the daemon may take a container and when it leaves, as {@link TaskService} reports its work to it. A pod
 * daemon ({@link #exitOnShutdown}) takes every Create and exits on the Shutdown that finds its pod empty; a
 * namespace daemon ({@code dev.bramble.shim.IdleExit}) stays warm and refuses a Create only once it has decided to
 * exit.
 */
public interface ShimLifetime {
  /**
   * Before a Create: false when the daemon is already leaving, and the Create must fail (fail closed: containerd
   * reports the error, a container is never attached to a daemon that is exiting). Each true is paired with one
   * {@link #createDone}.
   */
  boolean admitCreate();

  /** After an admitted Create, whether it succeeded (its container is in the table) or not. */
  void createDone();

  /** A Shutdown arrived and found no container and no Create in flight. */
  void shutdownRequested();

  /** A container left the table (its init was deleted). */
  void containerRemoved();

  /** Today's pod daemon: every Create is taken; {@code exit} runs on the Shutdown of an empty daemon. */
  static ShimLifetime exitOnShutdown(Runnable exit) {
    return new ShimLifetime() {
      @Override
      public boolean admitCreate() {
        return true;
      }

      @Override
      public void createDone() {}

      @Override
      public void shutdownRequested() {
        exit.run();
      }

      @Override
      public void containerRemoved() {}
    };
  }
}
