package dev.bramble.runtime.container;

import dev.bramble.runtime.config.ContainerConfig.LaunchOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** LaunchOptions on the sentry daemon's command line (create hands them down). */
final class LaunchArguments {
  static final Set<String> FLAGS = Set.of("--no-pivot", "--no-new-keyring");

  private LaunchArguments() {}

  static List<String> toArguments(LaunchOptions launch) {
    List<String> args = new ArrayList<>();
    if (launch.noPivot()) {
      args.add("--no-pivot");
    }
    if (launch.noNewKeyring()) {
      args.add("--no-new-keyring");
    }
    if (launch.preservedFds() > 0) {
      args.addAll(List.of("--preserve-fds", Integer.toString(launch.preservedFds())));
    }
    for (String env : launch.extraEnv()) {
      args.addAll(List.of("--extra-env", env));
    }
    return args;
  }

  static LaunchOptions fromArguments(String[] args) {
    boolean noPivot = false, noNewKeyring = false;
    int preserved = 0;
    List<String> env = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--no-pivot" -> noPivot = true;
        case "--no-new-keyring" -> noNewKeyring = true;
        case "--preserve-fds" -> preserved = Integer.parseInt(args[++i]);
        case "--extra-env" -> env.add(args[++i]);
        default -> { }
      }
    }
    return new LaunchOptions(noPivot, noNewKeyring, preserved, env);
  }
}
