package dev.bramble.shim;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * An append-only log file that moves itself to {@code <file>.1} when a write would take it past {@code cap} bytes.
 * A namespace daemon lives as long as its namespace is busy and its file is on /run (memory), while sentries can log
 * a line per denied or traced syscall: unbounded growth would be a leak. Lines are written whole (the Logger hands
 * over one line per write).
 */
final class RotatingLog extends OutputStream {
  private final Path path;
  private final long cap;
  private FileChannel channel;

  RotatingLog(Path path, long cap) throws IOException {
    this.path = path;
    this.cap = cap;
    this.channel = open();
  }

  private FileChannel open() throws IOException {
    return FileChannel.open(path, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) throws IOException {
    long size = channel.size();
    if (size > 0 && size + len > cap) {
      channel.close();
      try {
        Files.move(path, Path.of(path + ".1"), StandardCopyOption.REPLACE_EXISTING);
      } finally {
        channel = open(); // appends to the old file if the move failed, rather than losing every later line
      }
    }
    ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public synchronized void close() throws IOException {
    channel.close();
  }
}
