package dev.bramble.oci.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.bramble.oci.json.Extensions;
import dev.bramble.oci.json.Immutable;
import java.util.List;
import java.util.Map;

/**
 * One lifecycle hook (config.md "POSIX-platform Hooks").
 *
 * @param path absolute path of the executable in the runtime namespace, REQUIRED
 * @param args argv, including argv[0]
 * @param env environment in KEY=value form
 * @param timeout seconds before the hook is aborted; greater than zero
 * @param extensions properties this model does not know, kept verbatim for round trips
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Hook(
    String path,
    List<String> args,
    List<String> env,
    Integer timeout,
    @Extensions Map<String, JsonNode> extensions) {

  public Hook {
    args = Immutable.list(args);
    env = Immutable.list(env);
    extensions = Immutable.extensions(extensions);
  }

  /** Creates the record without extension properties. */
  public Hook(String path, List<String> args, List<String> env, Integer timeout) {
    this(path, args, env, timeout, Map.of());
  }

  /** Returns a copy with args replaced. */
  public Hook withArgs(List<String> args) {
    return new Hook(path, args, env, timeout, extensions);
  }

  /** Returns a copy with env replaced. */
  public Hook withEnv(List<String> env) {
    return new Hook(path, args, env, timeout, extensions);
  }
}
