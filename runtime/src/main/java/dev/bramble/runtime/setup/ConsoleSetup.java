package dev.bramble.runtime.setup;

import dev.bramble.runtime.arch.OpenFlags;
import dev.bramble.runtime.config.ContainerConfig.ConsoleSize;
import dev.bramble.runtime.config.MountFlags;
import dev.bramble.runtime.sentry.RemoteSyscalls;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * process.terminal: the process opens a pty from the container's own devpts (after pivot_root, so it is the
 * container's /dev/ptmx), makes the peer its controlling terminal and its stdio, and bind-mounts it on /dev/console
 * as runc does. The master stays open in the process (close-on-exec) for the sentry to take with pidfd_getfd and
 * hand to the console socket.
 *
 * <p>The tty ioctl numbers are asm-generic, shared by x86_64 and aarch64.
 */
final class ConsoleSetup {
  static final long TIOCSCTTY = 0x540E, TIOCSWINSZ = 0x5414, TIOCGPTN = 0x80045430L, TIOCSPTLCK = 0x40045431L,
      TIOCGPTPEER = 0x5441;

  private final RemoteSyscalls sys;
  private final OpenFlags openFlags;

  ConsoleSetup(RemoteSyscalls sys, OpenFlags openFlags) {
    this.sys = sys;
    this.openFlags = openFlags;
  }

  /** Returns the master's fd number in the process. */
  int attach(ConsoleSize size, boolean mountDevConsole) {
    int master = sys.openat(RemoteSyscalls.AT_FDCWD, "/dev/ptmx",
        OpenFlags.O_RDWR | OpenFlags.O_NOCTTY | OpenFlags.O_CLOEXEC, 0);
    sys.ioctlIn(master, TIOCSPTLCK, ints(0)); // unlock the peer
    if (size != null && size.rows() > 0 && size.columns() > 0) {
      sys.ioctlIn(master, TIOCSWINSZ, winsize(size));
    }
    int number = sys.ioctlOutInt(master, TIOCGPTN);
    int peer = (int) sys.ioctl(master, TIOCGPTPEER, OpenFlags.O_RDWR | OpenFlags.O_NOCTTY);
    if (mountDevConsole) {
      int rootFd = sys.openat(RemoteSyscalls.AT_FDCWD, "/", OpenFlags.O_PATH | OpenFlags.O_CLOEXEC
          | openFlags.directory(), 0);
      try {
        int console = new InRootPaths(sys, openFlags, rootFd).touch("/dev/console", 0600);
        try {
          sys.mount("/dev/pts/" + number, InRootPaths.fdPath(console), "", MountFlags.BIND, "");
        } finally {
          sys.close(console);
        }
      } finally {
        sys.close(rootFd);
      }
    }
    sys.setsid();
    sys.ioctl(peer, TIOCSCTTY, 0);
    for (int fd = 0; fd <= 2; fd++) {
      sys.dup3(peer, fd, 0);
    }
    if (peer > 2) {
      sys.close(peer);
    }
    return master;
  }

  private static byte[] ints(int value) {
    return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array();
  }

  /** struct winsize: ws_row, ws_col, ws_xpixel, ws_ypixel (unsigned shorts). */
  private static byte[] winsize(ConsoleSize size) {
    return ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putShort((short) size.rows())
        .putShort((short) size.columns()).putShort((short) 0).putShort((short) 0).array();
  }
}
