package dev.bramble.runtime.container;

import dev.bramble.runtime.gate.GateDowngrades;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The arguments of {@code create} and {@code run}.
 *
 * @param pidFile where to write the init's host pid (runc --pid-file)
 * @param consoleSocket runc --console-socket; needed when process.terminal is true
 * @param gateWarnings gates downgraded to warnings by flag
 * @param launch runc's launch flags (--no-pivot, --no-new-keyring, --preserve-fds, LISTEN_FDS)
 */
public record CreateRequest(String id, Path bundle, Optional<Path> pidFile, Optional<Path> consoleSocket,
    GateDowngrades gateWarnings, dev.bramble.runtime.config.ContainerConfig.LaunchOptions launch) {}
