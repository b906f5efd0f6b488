package dev.bramble.runtime.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bramble.runtime.error.BrambleException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {
  @TempDir Path root;

  static ContainerRecord record(String id) {
    return new ContainerRecord(id, "/b", "/b/rootfs", ContainerRecord.CREATING, 0, 0, 1, 1, "now", "",
        Map.of("a", "b"), null);
  }

  @Test
  void ofConcurrentCreatesOfOneIdExactlyOneWinsAndTheLoserHarmsNothing() throws Exception {
    StateStore store = new StateStore(root.resolve("state"));
    int racers = 8;
    CountDownLatch go = new CountDownLatch(1);
    AtomicInteger wins = new AtomicInteger();
    List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < racers; i++) {
      Thread t = new Thread(() -> {
        try {
          go.await();
          store.create(record("c1"));
          wins.incrementAndGet();
        } catch (BrambleException e) {
          failures.add(e.getMessage());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      t.start();
      threads.add(t);
    }
    go.countDown();
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(1, wins.get());
    assertEquals(racers - 1, failures.size());
    assertTrue(failures.get(0).contains("already exists"), failures.get(0));
    assertEquals(record("c1"), store.require("c1"));
  }

  @Test
  void roundTripsAndRemovesEverything() throws Exception {
    StateStore store = new StateStore(root);
    store.create(record("c2"));
    store.writeFile("c2", "config.json", "{}".getBytes());
    store.save(store.require("c2").withExitStatus(3));
    assertEquals(Integer.valueOf(3), store.require("c2").exitStatus());
    assertEquals(List.of("c2"), store.list().stream().map(ContainerRecord::id).toList());
    store.remove("c2");
    assertFalse(Files.exists(root.resolve("c2")));
    assertTrue(store.load("c2").isEmpty());
  }

  @Test
  void concurrentSavesInOneProcessNeverLeaveAMixOfTwoRecords() throws Exception {
    // a sentry records "running" on its control thread while its tracer thread records the exit: two writers of
    // records of different lengths, and a reader that must only ever see one of them whole
    StateStore store = new StateStore(root);
    ContainerRecord shorter = record("c5").withPhase(ContainerRecord.RUNNING);
    ContainerRecord longer = record("c5").withExitStatus(137)
        .withCgroup(new dev.bramble.runtime.cgroup.CgroupRecord(List.of(), null));
    store.create(shorter);
    java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
    List<String> bad = java.util.Collections.synchronizedList(new ArrayList<>());
    Thread reader = new Thread(() -> {
      while (writing.get()) {
        try {
          ContainerRecord read = store.require("c5");
          if (!read.equals(shorter) && !read.equals(longer)) {
            bad.add(read.toString());
          }
        } catch (RuntimeException e) {
          bad.add(e.getMessage());
        }
      }
    });
    reader.start();
    Thread a = new Thread(() -> repeat(2000, () -> store.save(shorter)));
    Thread b = new Thread(() -> repeat(2000, () -> store.save(longer)));
    a.start();
    b.start();
    a.join();
    b.join();
    writing.set(false);
    reader.join();
    assertEquals(List.of(), bad.subList(0, Math.min(3, bad.size())));
  }

  private static void repeat(int times, Runnable action) {
    for (int i = 0; i < times; i++) {
      action.run();
    }
  }

  @Test
  void savingAfterDeleteDoesNotResurrectTheContainer() {
    StateStore store = new StateStore(root);
    store.create(record("c3"));
    ContainerRecord r = store.require("c3");
    store.remove("c3");
    store.save(r.withExitStatus(0)); // the sentry recording an exit after delete --force
    assertFalse(Files.exists(root.resolve("c3")));
  }

  @Test
  void refusesIdsThatCouldEscapeTheRoot() {
    StateStore store = new StateStore(root);
    for (String bad : new String[] {"..", ".", "a/b", "", "x y"}) {
      BrambleException e = assertThrows(BrambleException.class, () -> store.create(record(bad)));
      assertTrue(e.getMessage().contains("invalid container id"), e.getMessage());
    }
  }

  @Test
  void missingContainerIsReportedByName() {
    BrambleException e = assertThrows(BrambleException.class, () -> new StateStore(root).require("nope"));
    assertEquals("container \"nope\" does not exist", e.getMessage());
  }
}
