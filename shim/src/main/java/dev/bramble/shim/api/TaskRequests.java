package dev.bramble.shim.api;

import dev.bramble.shim.proto.AnyMessage;
import dev.bramble.shim.proto.ProtoFields;
import dev.bramble.shim.proto.ProtoWriter;
import java.util.List;
import java.util.Map;

/** Requests of {@code containerd.task.v2.Task} (= v3), field numbers as in shim.proto. */
public final class TaskRequests {
  private TaskRequests() {}

  public record Create(String id, String bundle, List<Mount> rootfs, boolean terminal, String stdin,
      String stdout, String stderr, String checkpoint, String parentCheckpoint, AnyMessage options) {
    public static Create decode(byte[] b) {
      ProtoFields f = ProtoFields.parse(b);
      return new Create(f.string(1), f.string(2), f.messages(3, Mount::decode), f.bool(4), f.string(5),
          f.string(6), f.string(7), f.string(8), f.string(9), f.message(10, AnyMessage::decode));
    }

    public byte[] encode() {
      return new ProtoWriter().string(1, id).string(2, bundle)
          .messages(3, rootfs.stream().map(Mount::encode).toList()).bool(4, terminal).string(5, stdin)
          .string(6, stdout).string(7, stderr).string(8, checkpoint).string(9, parentCheckpoint)
          .message(10, options == null ? null : options.encode()).toByteArray();
    }
  }

  /** Start, Delete, State and Wait all carry {id = 1, exec_id = 2}. */
  public record ProcessRef(String id, String execId) {
    public static ProcessRef decode(byte[] b) {
      ProtoFields f = ProtoFields.parse(b);
      return new ProcessRef(f.string(1), f.string(2));
    }

    public byte[] encode() {
      return new ProtoWriter().string(1, id).string(2, execId).toByteArray();
    }
  }

  /** Pids, Pause, Resume, Stats, Connect: {id = 1}. */
  public record ContainerRef(String id) {
    public static ContainerRef decode(byte[] b) {
      return new ContainerRef(ProtoFields.parse(b).string(1));
    }

    public byte[] encode() {
      return new ProtoWriter().string(1, id).toByteArray();
    }
  }

  public record Exec(String id, String execId, boolean terminal, String stdin, String stdout, String stderr,
      AnyMessage spec) {
    public static Exec decode(byte[] b) {
      ProtoFields f = ProtoFields.parse(b);
      return new Exec(f.string(1), f.string(2), f.bool(3), f.string(4), f.string(5), f.string(6),
          f.message(7, AnyMessage::decode));
    }

    public byte[] encode() {
      return new ProtoWriter().string(1, id).string(2, execId).bool(3, terminal).string(4, stdin)
          .string(5, stdout).string(6, stderr).message(7, spec == null ? null : spec.encode()).toByteArray();
    }
  }

  public record Kill(String id, String execId, int signal, boolean all) {
    public static Kill decode(byte[] b) {
      ProtoFields f = ProtoFields.parse(b);
      return new Kill(f.string(1), f.string(2), f.uint32(3), f.bool(4));
    }

    public byte[] encode() {
      return new ProtoWriter().string(1, id).string(2, execId).uint32(3, signal).bool(4, all).toByteArray();
    }
  }

  public record ResizePty(String id, String execId, int width, int height) {
    public static ResizePty decode(byte[] b) {
      ProtoFields f = ProtoFields.parse(b);
      return new ResizePty(f.string(1), f.string(2), f.uint32(3), f.uint32(4));
    }
  }

  public record CloseIO(String id, String execId, boolean stdin) {
    public static CloseIO decode(byte[] b) {
      ProtoFields f = ProtoFields.parse(b);
      return new CloseIO(f.string(1), f.string(2), f.bool(3));
    }
  }

  public record Checkpoint(String id, String path, AnyMessage options) {
    public static Checkpoint decode(byte[] b) {
      ProtoFields f = ProtoFields.parse(b);
      return new Checkpoint(f.string(1), f.string(2), f.message(3, AnyMessage::decode));
    }
  }

  public record Update(String id, AnyMessage resources, Map<String, String> annotations) {
    public static Update decode(byte[] b) {
      ProtoFields f = ProtoFields.parse(b);
      return new Update(f.string(1), f.message(2, AnyMessage::decode), f.stringMap(3));
    }
  }

  public record Shutdown(String id, boolean now) {
    public static Shutdown decode(byte[] b) {
      ProtoFields f = ProtoFields.parse(b);
      return new Shutdown(f.string(1), f.bool(2));
    }

    public byte[] encode() {
      return new ProtoWriter().string(1, id).bool(2, now).toByteArray();
    }
  }
}
