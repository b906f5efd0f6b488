package dev.bramble.shim.api;

import dev.bramble.shim.proto.AnyMessage;
import dev.bramble.shim.proto.ProtoWriter;
import dev.bramble.shim.proto.Timestamp;
import java.util.List;

/**
 * The task events a shim publishes ({@code containerd.events}, api/events/task.proto), each with its topic and its
 * bare type URL.
 */
public final class TaskEvents {
  private TaskEvents() {}

  /** An event ready to forward: topic ("/tasks/exit") and the payload as an Any with a bare type URL. */
  public record Event(String topic, AnyMessage payload) {}

  private static Event event(String topic, String type, ProtoWriter w) {
    return new Event(topic, new AnyMessage("containerd.events." + type, w.toByteArray()));
  }

  public static Event create(String containerId, String bundle, List<Mount> rootfs, String stdin, String stdout,
      String stderr, boolean terminal, int pid) {
    byte[] io = new ProtoWriter().string(1, stdin).string(2, stdout).string(3, stderr).bool(4, terminal)
        .toByteArray();
    return event("/tasks/create", "TaskCreate", new ProtoWriter().string(1, containerId).string(2, bundle)
        .messages(3, rootfs.stream().map(Mount::encode).toList()).message(4, io).uint32(6, pid));
  }

  public static Event start(String containerId, int pid) {
    return event("/tasks/start", "TaskStart", new ProtoWriter().string(1, containerId).uint32(2, pid));
  }

  /** @param id the exec id, or the container id for the init process */
  public static Event exit(String containerId, String id, int pid, int exitStatus, Timestamp exitedAt) {
    return event("/tasks/exit", "TaskExit", new ProtoWriter().string(1, containerId).string(2, id).uint32(3, pid)
        .uint32(4, exitStatus).message(5, exitedAt.encode()));
  }

  public static Event delete(String containerId, int pid, int exitStatus, Timestamp exitedAt) {
    return event("/tasks/delete", "TaskDelete", new ProtoWriter().string(1, containerId).uint32(2, pid)
        .uint32(3, exitStatus).message(4, exitedAt.encode()).string(5, containerId));
  }

  public static Event execAdded(String containerId, String execId) {
    return event("/tasks/exec-added", "TaskExecAdded", new ProtoWriter().string(1, containerId).string(2, execId));
  }

  public static Event execStarted(String containerId, String execId, int pid) {
    return event("/tasks/exec-started", "TaskExecStarted", new ProtoWriter().string(1, containerId)
        .string(2, execId).uint32(3, pid));
  }

  public static Event paused(String containerId) {
    return event("/tasks/paused", "TaskPaused", new ProtoWriter().string(1, containerId));
  }

  public static Event resumed(String containerId) {
    return event("/tasks/resumed", "TaskResumed", new ProtoWriter().string(1, containerId));
  }

  public static Event oom(String containerId) {
    return event("/tasks/oom", "TaskOOM", new ProtoWriter().string(1, containerId));
  }

  /**
   * {@code containerd.services.events.ttrpc.v1.ForwardRequest} {envelope = 1 Envelope{timestamp = 1,
   * namespace = 2, topic = 3, event = 4}}.
   */
  public static byte[] forwardRequest(Event event, String namespace, Timestamp timestamp) {
    byte[] envelope = new ProtoWriter().message(1, timestamp.encode()).string(2, namespace)
        .string(3, event.topic()).message(4, event.payload().encode()).toByteArray();
    return new ProtoWriter().message(1, envelope).toByteArray();
  }
}
