package dev.bramble.runtime.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bramble.oci.state.ContainerStatus;
import dev.bramble.runtime.cgroup.ContainerCgroup;
import dev.bramble.runtime.cgroup.OomWatcher;
import dev.bramble.runtime.cgroup.StatsJson;
import dev.bramble.runtime.container.CgroupOps;
import dev.bramble.runtime.error.BrambleException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;

/**
 * {@code bramble events ID}: the container's statistics every {@code --interval}, and an "oom" event whenever the
 * OOM killer strikes in its memory cgroup, one JSON object per line in runc's shape ({"type", "id", "data"}), until
 * the container stops. {@code --stats} prints the statistics once and exits.
 */
final class EventsCommand implements Callable<Integer> {
  static final CommandSpec SPEC = CommandSpec.builder("events",
          "print container events: OOM kills and resource usage statistics")
      .option(OptionSpec.value("--interval", "DURATION",
          "how often to print statistics (a Go duration: 5s, 500ms; default 5s)"))
      .option(OptionSpec.flag("--stats", "print the statistics once, then exit"))
      .required("ID", "the container id")
      .build();

  private final CommandContext context;
  final String interval;
  final boolean stats;
  final String id;

  EventsCommand(CommandContext context, Arguments args) {
    this.context = context;
    this.interval = args.value("interval", "5s");
    this.stats = args.flag("stats");
    this.id = args.param("ID");
  }

  @Override
  public Integer call() throws InterruptedException {
    Duration every;
    try {
      every = Units.duration("--interval", interval);
    } catch (IllegalArgumentException e) {
      throw new BrambleException("events: " + e.getMessage());
    }
    if (every.isZero() || every.isNegative()) {
      throw new BrambleException("events: --interval must be greater than 0");
    }
    CgroupOps ops = Lifecycle.cgroups(context);
    if (ops.status(id) == ContainerStatus.STOPPED) {
      throw new BrambleException("events: container \"" + id + "\" is not running");
    }
    ContainerCgroup cgroup = ops.cgroupOf(id);
    if (stats) {
      print(statsEvent(cgroup));
      return 0;
    }
    BlockingQueue<ObjectNode> oom = new LinkedBlockingQueue<>();
    Optional<OomWatcher> watcher = cgroup.watchOom(OomWatcher.DEFAULT_INTERVAL, kills -> oom.add(event("oom")));
    try {
      long next = System.nanoTime() + every.toNanos();
      while (running(ops)) {
        long wait = next - System.nanoTime();
        ObjectNode e = oom.poll(Math.max(0, wait), TimeUnit.NANOSECONDS);
        if (e != null) {
          print(e);
          continue;
        }
        next += every.toNanos();
        try {
          print(statsEvent(cgroup));
        } catch (RuntimeException statsFailure) {
          context.logger().error("events: " + statsFailure.getMessage());
        }
      }
      for (ObjectNode e; (e = oom.poll()) != null; ) {
        print(e); // an OOM kill is often what stopped it
      }
    } finally {
      watcher.ifPresent(OomWatcher::close);
    }
    return 0;
  }

  private boolean running(CgroupOps ops) {
    try {
      return ops.status(id) != ContainerStatus.STOPPED;
    } catch (BrambleException gone) {
      return false; // deleted meanwhile
    }
  }

  /** bramble's addition to runc's stats: what the sentry trapped, denied and emulated, per syscall. */
  private Optional<com.fasterxml.jackson.databind.JsonNode> sentryCounters() {
    try {
      String json = dev.bramble.runtime.container.ControlSocket.request(
          dev.bramble.runtime.container.ControlSocket.pathFor(Lifecycle.store(context), id), "counters");
      return Optional.of(dev.bramble.oci.json.JsonTrees.parse(
          json.getBytes(java.nio.charset.StandardCharsets.UTF_8), false));
    } catch (RuntimeException | java.io.IOException unreachable) {
      return Optional.empty(); // a container run by the shim or a sentry already gone: cgroup stats only
    }
  }

  private ObjectNode statsEvent(ContainerCgroup cgroup) {
    ObjectNode e = event("stats");
    com.fasterxml.jackson.databind.node.ObjectNode data = StatsJson.of(cgroup.stats());
    sentryCounters().ifPresent(counters -> data.set("sentry", counters));
    e.set("data", data);
    return e;
  }

  private ObjectNode event(String type) {
    ObjectNode e = JsonNodeFactory.instance.objectNode();
    e.put("type", type);
    e.put("id", id);
    return e;
  }

  private synchronized void print(ObjectNode event) {
    context.out().println(
        new String(dev.bramble.oci.json.JsonTrees.bytes(event), java.nio.charset.StandardCharsets.UTF_8));
    context.out().flush();
  }
}
