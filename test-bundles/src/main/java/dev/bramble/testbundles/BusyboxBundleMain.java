package dev.bramble.testbundles;

import dev.bramble.oci.io.SpecException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Command-line front end of {@link BusyboxBundle}:
 *
 * <pre>
 * java -cp test-bundles.jar:oci-spec.jar:jackson-*.jar dev.bramble.testbundles.BusyboxBundleMain \
 *     [options] BUNDLE_DIR [-- ARGS...]
 * </pre>
 *
 * Prints the bundle path on success. Exit status 0 on success, 2 on bad usage, 1 on failure.
 */
public final class BusyboxBundleMain {
  static final String USAGE =
      """
      usage: BusyboxBundleMain [options] BUNDLE_DIR [-- ARGS...]
        --rootless            user namespace mapping the current uid/gid to root
        --terminal            process.terminal = true (default false)
        --writable            root.readonly = false (default true)
        --hostname NAME       hostname (default "bramble")
        --cwd DIR             process.cwd
        --env KEY=VALUE       append to process.env (repeatable)
        --user UID:GID        process.user
        --annotation K=V      add an annotation (repeatable)
        --namespace TYPE      add a namespace (repeatable)
        --no-namespace TYPE   remove a namespace (repeatable)
        --busybox PATH        static busybox to install (default /bin/busybox)
        --no-validate         write config.json even if it is invalid
      ARGS default to: sh""";

  private BusyboxBundleMain() {}

  public static void main(String[] argv) {
    System.exit(run(argv, System.out, System.err));
  }

  /** Runs the command; returns the exit status. */
  static int run(String[] argv, PrintStream out, PrintStream err) {
    BusyboxBundle bundle;
    try {
      bundle = parse(argv);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    try {
      out.println(bundle.build());
      return 0;
    } catch (SpecException e) {
      err.println("error: invalid config.json: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
  }

  static BusyboxBundle parse(String[] argv) {
    List<String> args = new ArrayList<>(Arrays.asList(argv));
    List<String> processArgs = null;
    int dashes = args.indexOf("--");
    if (dashes >= 0) {
      processArgs = new ArrayList<>(args.subList(dashes + 1, args.size()));
      args = new ArrayList<>(args.subList(0, dashes));
      if (processArgs.isEmpty()) {
        throw new IllegalArgumentException("nothing after \"--\"; give the process arguments");
      }
    }
    List<Consumer<BusyboxBundle>> settings = new ArrayList<>();
    String dir = null;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "--rootless" -> settings.add(b -> b.rootless(true));
        case "--terminal" -> settings.add(b -> b.terminal(true));
        case "--writable" -> settings.add(b -> b.readonlyRoot(false));
        case "--no-validate" -> settings.add(b -> b.skipValidation());
        case "--hostname",
            "--cwd",
            "--env",
            "--user",
            "--annotation",
            "--namespace",
            "--no-namespace",
            "--busybox" -> {
          if (i + 1 >= args.size()) {
            throw new IllegalArgumentException(arg + " needs a value");
          }
          String value = args.get(++i);
          settings.add(valued(arg, value));
        }
        default -> {
          if (arg.startsWith("-")) {
            throw new IllegalArgumentException("unknown option " + arg);
          }
          if (dir != null) {
            throw new IllegalArgumentException(
                "more than one bundle directory ("
                    + dir
                    + ", "
                    + arg
                    + "); put process"
                    + " arguments after \"--\"");
          }
          dir = arg;
        }
      }
    }
    if (dir == null) {
      throw new IllegalArgumentException("missing BUNDLE_DIR");
    }
    BusyboxBundle bundle = BusyboxBundle.create(Path.of(dir));
    settings.forEach(setting -> setting.accept(bundle));
    if (processArgs != null) {
      bundle.args(processArgs.toArray(String[]::new));
    }
    return bundle;
  }

  private static Consumer<BusyboxBundle> valued(String option, String value) {
    return switch (option) {
      case "--hostname" -> b -> b.hostname(value);
      case "--cwd" -> b -> b.cwd(value);
      case "--env" -> b -> b.addEnv(value);
      case "--namespace" -> b -> b.namespace(value);
      case "--no-namespace" -> b -> b.withoutNamespace(value);
      case "--busybox" -> b -> b.busybox(Path.of(value));
      case "--user" -> {
        String[] ids = value.split(":", -1);
        if (ids.length != 2) {
          throw new IllegalArgumentException("--user wants UID:GID, got \"" + value + "\"");
        }
        long uid = parseId(ids[0], value);
        long gid = parseId(ids[1], value);
        yield b -> b.user(uid, gid);
      }
      case "--annotation" -> {
        int eq = value.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("--annotation wants KEY=VALUE, got \"" + value + "\"");
        }
        yield b -> b.annotation(value.substring(0, eq), value.substring(eq + 1));
      }
      default -> throw new IllegalStateException(option);
    };
  }

  private static long parseId(String id, String whole) {
    try {
      long value = Long.parseLong(id);
      if (value < 0 || value > 4294967295L) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--user wants numeric UID:GID, got \"" + whole + "\"");
    }
  }
}
