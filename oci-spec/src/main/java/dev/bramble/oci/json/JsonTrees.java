package dev.bramble.oci.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * JSON text to and from Jackson trees with jackson-core's streaming parser and generator alone. The results are those
 * of {@code ObjectMapper.readTree} and {@code writeValueAsString} (tested against them), but no ObjectMapper is built:
 * its construction cost ~27 ms of every verb's cold start (README, Performance), and bramble's hot paths read and
 * write only trees.
 */
public final class JsonTrees {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final JsonFactory LENIENT = JsonFactory.builder().build();
  // Duplicate keys are refused: Go keeps the last one silently, which hides mistakes.
  private static final JsonFactory STRICT =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private JsonTrees() {}

  /**
   * Parses one JSON document; {@link MissingNode} when there is none. {@code strict}: duplicate keys and anything
   * after the document are errors (else the last duplicate wins, as Jackson's default).
   *
   * @throws JsonParseException with the location, for malformed text
   */
  public static JsonNode parse(byte[] json, boolean strict) throws IOException {
    try (JsonParser parser = (strict ? STRICT : LENIENT).createParser(json)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return MissingNode.getInstance();
      }
      JsonNode root = value(parser, first);
      JsonToken trailing = parser.nextToken();
      if (strict && trailing != null) {
        throw new JsonParseException(parser, "Trailing token (of type " + trailing + ") found after the document");
      }
      return root;
    }
  }

  private static JsonNode value(JsonParser p, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT: {
        ObjectNode object = NODES.objectNode();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
          String name = p.currentName();
          object.set(name, value(p, p.nextToken()));
        }
        return object;
      }
      case START_ARRAY: {
        ArrayNode array = NODES.arrayNode();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
          array.add(value(p, t));
        }
        return array;
      }
      case VALUE_STRING:
        return NODES.textNode(p.getText());
      case VALUE_NUMBER_INT:
        switch (p.getNumberType()) {
          case INT:
            return NODES.numberNode(p.getIntValue());
          case LONG:
            return NODES.numberNode(p.getLongValue());
          default:
            return NODES.numberNode(p.getBigIntegerValue());
        }
      case VALUE_NUMBER_FLOAT:
        return NODES.numberNode(p.getDoubleValue());
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        throw new JsonParseException(p, "Unexpected token " + token);
    }
  }

  /** Compact JSON, as {@code ObjectMapper.writeValueAsBytes} writes the tree. */
  public static byte[] bytes(JsonNode tree) {
    return write(tree, false).toByteArray();
  }

  /** Pretty JSON in the layout of {@link OciJson#prettyWriter()} (runc's), without a trailing newline. */
  public static String pretty(JsonNode tree) {
    return write(tree, true).toString(StandardCharsets.UTF_8);
  }

  private static ByteArrayOutputStream write(JsonNode tree, boolean pretty) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator gen = LENIENT.createGenerator(out)) {
      if (pretty) {
        gen.setPrettyPrinter(prettyPrinter());
      }
      write(gen, tree);
    } catch (IOException e) {
      throw new UncheckedIOException("write JSON to memory", e);
    }
    return out;
  }

  private static void write(JsonGenerator gen, JsonNode node) throws IOException {
    switch (node.getNodeType()) {
      case OBJECT -> {
        gen.writeStartObject();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
          gen.writeFieldName(field.getKey());
          write(gen, field.getValue());
        }
        gen.writeEndObject();
      }
      case ARRAY -> {
        gen.writeStartArray();
        for (JsonNode item : node) {
          write(gen, item);
        }
        gen.writeEndArray();
      }
      case STRING -> gen.writeString(node.textValue());
      case BOOLEAN -> gen.writeBoolean(node.booleanValue());
      case NULL -> gen.writeNull();
      case NUMBER -> writeNumber(gen, node);
      case BINARY -> gen.writeBinary(node.binaryValue());
      default -> throw new IllegalArgumentException("no JSON for a " + node.getNodeType() + " node");
    }
  }

  private static void writeNumber(JsonGenerator gen, JsonNode node) throws IOException {
    switch (node.numberType()) {
      case INT -> gen.writeNumber(node.intValue());
      case LONG -> gen.writeNumber(node.longValue());
      case BIG_INTEGER -> gen.writeNumber(node.bigIntegerValue());
      case FLOAT -> gen.writeNumber(node.floatValue());
      case DOUBLE -> gen.writeNumber(node.doubleValue());
      case BIG_DECIMAL -> gen.writeNumber(node.decimalValue());
      default -> throw new IllegalArgumentException("no JSON for number " + node);
    }
  }

  /** Go's {@code json.MarshalIndent(v, "", "  ")}: two-space indent, {@code "key": value}, {@code []} when empty. */
  static DefaultPrettyPrinter prettyPrinter() {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    Separators separators =
        Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator("");
    return new DefaultPrettyPrinter(separators)
        .withObjectIndenter(indenter)
        .withArrayIndenter(indenter);
  }
}
