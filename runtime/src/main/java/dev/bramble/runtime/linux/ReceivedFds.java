package dev.bramble.runtime.linux;

/** A message received over a unix socket: its bytes and the file descriptors that came with it (SCM_RIGHTS). */
public record ReceivedFds(byte[] payload, int[] fds) {}
