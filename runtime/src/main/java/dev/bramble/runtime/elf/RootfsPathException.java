package dev.bramble.runtime.elf;

/** A path could not be resolved inside a rootfs; the message names the path as the container sees it. */
public final class RootfsPathException extends Exception {
  /** What went wrong, in the kernel's terms. */
  public enum Kind {
    NOT_FOUND("no such file or directory"),
    NOT_A_DIRECTORY("not a directory"),
    SYMLINK_LOOP("too many levels of symbolic links"),
    UNREADABLE("cannot be read");

    private final String text;

    Kind(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }
  }

  private final Kind kind;
  private final String containerPath;

  public RootfsPathException(Kind kind, String containerPath, String detail) {
    super(containerPath + ": " + kind.text() + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")"));
    this.kind = kind;
    this.containerPath = containerPath;
  }

  public Kind kind() {
    return kind;
  }

  /** The container path at which resolution stopped. */
  public String containerPath() {
    return containerPath;
  }
}
