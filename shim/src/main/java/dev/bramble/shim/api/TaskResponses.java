package dev.bramble.shim.api;

import dev.bramble.shim.proto.AnyMessage;
import dev.bramble.shim.proto.ProtoFields;
import dev.bramble.shim.proto.ProtoWriter;
import dev.bramble.shim.proto.Timestamp;
import java.util.List;

/** Responses of {@code containerd.task.v2.Task} (= v3). */
public final class TaskResponses {
  private TaskResponses() {}

  /** {@code containerd.v1.types.Status}. */
  public enum Status {
    UNKNOWN, CREATED, RUNNING, STOPPED, PAUSED, PAUSING
  }

  /** CreateTaskResponse and StartResponse: {pid = 1}. */
  public record Pid(int pid) {
    public static Pid decode(byte[] b) {
      return new Pid(ProtoFields.parse(b).uint32(1));
    }

    public byte[] encode() {
      return new ProtoWriter().uint32(1, pid).toByteArray();
    }
  }

  /** {pid = 1, exit_status = 2, exited_at = 3}: also what the {@code delete} subcommand prints. */
  public record Delete(int pid, int exitStatus, Timestamp exitedAt) {
    public static Delete decode(byte[] b) {
      ProtoFields f = ProtoFields.parse(b);
      return new Delete(f.uint32(1), f.uint32(2), f.message(3, Timestamp::decode));
    }

    public byte[] encode() {
      return new ProtoWriter().uint32(1, pid).uint32(2, exitStatus)
          .message(3, exitedAt == null ? null : exitedAt.encode()).toByteArray();
    }
  }

  public record State(String id, String bundle, int pid, Status status, String stdin, String stdout,
      String stderr, boolean terminal, int exitStatus, Timestamp exitedAt, String execId) {
    public static State decode(byte[] b) {
      ProtoFields f = ProtoFields.parse(b);
      int s = f.uint32(4);
      return new State(f.string(1), f.string(2), f.uint32(3),
          s >= 0 && s < Status.values().length ? Status.values()[s] : Status.UNKNOWN, f.string(5), f.string(6),
          f.string(7), f.bool(8), f.uint32(9), f.message(10, Timestamp::decode), f.string(11));
    }

    public byte[] encode() {
      return new ProtoWriter().string(1, id).string(2, bundle).uint32(3, pid).varint(4, status.ordinal())
          .string(5, stdin).string(6, stdout).string(7, stderr).bool(8, terminal).uint32(9, exitStatus)
          .message(10, exitedAt == null ? null : exitedAt.encode()).string(11, execId).toByteArray();
    }
  }

  /** {@code containerd.v1.types.ProcessInfo} {pid = 1, info = 2 Any}. */
  public record ProcessInfo(int pid, AnyMessage info) {
    public static ProcessInfo decode(byte[] b) {
      ProtoFields f = ProtoFields.parse(b);
      return new ProcessInfo(f.uint32(1), f.message(2, AnyMessage::decode));
    }

    public byte[] encode() {
      return new ProtoWriter().uint32(1, pid).message(2, info == null ? null : info.encode()).toByteArray();
    }
  }

  public record Pids(List<ProcessInfo> processes) {
    public static Pids decode(byte[] b) {
      return new Pids(ProtoFields.parse(b).messages(1, ProcessInfo::decode));
    }

    public byte[] encode() {
      return new ProtoWriter().messages(1, processes.stream().map(ProcessInfo::encode).toList()).toByteArray();
    }
  }

  /** {@code containerd.runc.v1.ProcessDetails} {exec_id = 1}: the info of an exec's ProcessInfo. */
  public static AnyMessage processDetails(String execId) {
    return new AnyMessage("containerd.runc.v1.ProcessDetails", new ProtoWriter().string(1, execId).toByteArray());
  }

  public record Wait(int exitStatus, Timestamp exitedAt) {
    public static Wait decode(byte[] b) {
      ProtoFields f = ProtoFields.parse(b);
      return new Wait(f.uint32(1), f.message(2, Timestamp::decode));
    }

    public byte[] encode() {
      return new ProtoWriter().uint32(1, exitStatus).message(2, exitedAt == null ? null : exitedAt.encode())
          .toByteArray();
    }
  }

  public record Connect(int shimPid, int taskPid, String version) {
    public static Connect decode(byte[] b) {
      ProtoFields f = ProtoFields.parse(b);
      return new Connect(f.uint32(1), f.uint32(2), f.string(3));
    }

    public byte[] encode() {
      return new ProtoWriter().uint32(1, shimPid).uint32(2, taskPid).string(3, version).toByteArray();
    }
  }

  /** google.protobuf.Empty. */
  public static final byte[] EMPTY = new byte[0];
}
