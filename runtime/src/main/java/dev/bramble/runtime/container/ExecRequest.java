package dev.bramble.runtime.container;

import dev.bramble.oci.spec.Process;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The arguments of {@code exec}: the process to run (already merged from --process or the container's own
 * process and the flags, as runc does), and how to wait.
 */
public record ExecRequest(String id, Process process, boolean detach, Optional<Path> pidFile,
    Optional<Path> consoleSocket) {}
