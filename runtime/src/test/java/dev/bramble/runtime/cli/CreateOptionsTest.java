package dev.bramble.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CreateOptionsTest {
  @Test
  void socketActivationCountsOnlyWhenListenPidNamesUs() {
    assertEquals(2, CreateOptions.listenFds("2", "4242", 4242));
    assertEquals(0, CreateOptions.listenFds("2", "1", 4242), "fds meant for another process");
    assertEquals(0, CreateOptions.listenFds(null, "4242", 4242));
    assertEquals(0, CreateOptions.listenFds("many", "4242", 4242));
  }
}
