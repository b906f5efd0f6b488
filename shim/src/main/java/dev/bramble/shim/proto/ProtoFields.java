package dev.bramble.shim.proto;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One decoded protobuf message as field number → values, the way proto3 readers see it: unknown fields are kept
 * and ignored, a repeated scalar may come packed or not, and the last value of a singular field wins. The shim's
 * message records decode themselves from this, so each needs only its field numbers — no generated code.
 */
public final class ProtoFields {
  private final Map<Integer, List<Object>> values;

  private ProtoFields(Map<Integer, List<Object>> values) {
    this.values = values;
  }

  /** @throws ProtoException on any malformed input (truncated, bad tag, wrong wire type for a known use) */
  public static ProtoFields parse(byte[] bytes) {
    Map<Integer, List<Object>> values = new HashMap<>();
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    try {
      while (true) {
        int tag = in.readTag();
        if (tag == 0) {
          break;
        }
        int field = WireFormat.getTagFieldNumber(tag);
        Object value = switch (WireFormat.getTagWireType(tag)) {
          case WireFormat.WIRETYPE_VARINT -> in.readRawVarint64();
          case WireFormat.WIRETYPE_FIXED64 -> in.readRawLittleEndian64();
          case WireFormat.WIRETYPE_FIXED32 -> (long) in.readRawLittleEndian32();
          case WireFormat.WIRETYPE_LENGTH_DELIMITED -> in.readByteArray();
          default -> throw new ProtoException("unsupported wire type " + WireFormat.getTagWireType(tag)
              + " for field " + field);
        };
        if (field <= 0) {
          throw new ProtoException("invalid field number " + field);
        }
        values.computeIfAbsent(field, k -> new ArrayList<>(1)).add(value);
      }
    } catch (IOException e) {
      throw new ProtoException("malformed protobuf message: " + e.getMessage());
    }
    return new ProtoFields(values);
  }

  public boolean has(int field) {
    return values.containsKey(field);
  }

  private Object last(int field) {
    List<Object> v = values.get(field);
    return v == null ? null : v.get(v.size() - 1);
  }

  public long varint(int field) {
    Object v = last(field);
    if (v == null) {
      return 0;
    }
    if (v instanceof Long l) {
      return l;
    }
    throw new ProtoException("field " + field + " is length-delimited where a number was expected");
  }

  public int uint32(int field) {
    return (int) varint(field);
  }

  public boolean bool(int field) {
    return varint(field) != 0;
  }

  public byte[] bytes(int field) {
    Object v = last(field);
    if (v == null) {
      return new byte[0];
    }
    if (v instanceof byte[] b) {
      return b;
    }
    throw new ProtoException("field " + field + " is a number where bytes were expected");
  }

  public String string(int field) {
    return new String(bytes(field), StandardCharsets.UTF_8);
  }

  /** An embedded message, or null when absent. */
  public <T> T message(int field, Function<byte[], T> decoder) {
    return has(field) ? decoder.apply(bytes(field)) : null;
  }

  public <T> List<T> messages(int field, Function<byte[], T> decoder) {
    List<T> out = new ArrayList<>();
    for (Object v : values.getOrDefault(field, List.of())) {
      if (!(v instanceof byte[] b)) {
        throw new ProtoException("field " + field + " is a number where a message was expected");
      }
      out.add(decoder.apply(b));
    }
    return out;
  }

  public List<String> strings(int field) {
    return messages(field, b -> new String(b, StandardCharsets.UTF_8));
  }

  /** A {@code map<string,string>}: repeated entries {key = 1, value = 2}. */
  public Map<String, String> stringMap(int field) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (ProtoFields entry : messages(field, ProtoFields::parse)) {
      out.put(entry.string(1), entry.string(2));
    }
    return out;
  }

  /** Every value of {@code field}, in wire order (for telling message kinds apart). */
  public List<Object> raw(int field) {
    return values.getOrDefault(field, List.of());
  }

  public java.util.Set<Integer> fieldNumbers() {
    return values.keySet();
  }
}
