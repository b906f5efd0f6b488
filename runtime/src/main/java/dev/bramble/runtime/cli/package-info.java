/**
 * The {@code bramble} command line: runc's global flags and one class per verb, parsed with runc's (Go flag)
 * semantics by a small parser of our own ({@link dev.bramble.runtime.cli.ArgParser}) — no reflection, so parsing
 * costs nothing noticeable at each start (every container operation is a fresh JVM).
 *
 * <h2>Adding a verb</h2>
 * Write {@code XxxCommand}: a package-private class implementing {@code Callable<Integer>} with a
 * {@code static final CommandSpec SPEC} (its name, one-line summary, options and positional parameters, built in
 * code) and a constructor taking the {@link dev.bramble.runtime.cli.CommandContext} and the parsed
 * {@link dev.bramble.runtime.cli.Arguments}, which it reads into final fields; keep it thin (read the arguments, call
 * the runtime library, print the result). Then add {@code new Verb(XxxCommand.SPEC, XxxCommand::new)} to
 * {@link dev.bramble.runtime.cli.Main#VERBS}. The value {@code call()} returns is the exit status. The help
 * ({@code bramble help xxx}, {@code bramble xxx --help}) is rendered from the spec.
 *
 * <h2>Inside a command</h2>
 * <ul>
 *   <li>{@code context.globals()}: {@code --root}, {@code --log}, {@code --log-format}, {@code --debug},
 *       {@code --systemd-cgroup}, {@code --rootless} (already validated when the verb runs).</li>
 *   <li>{@code context.logger()}: the runc-compatible logger ({@code debug/info/warning/error}); it never writes to
 *       stdout. Log the failure itself only by throwing: Main writes the final error line.</li>
 *   <li>{@code context.out()}: results only (JSON, tables); {@code context.err()} is rarely needed directly.</li>
 *   <li>{@code context.service(Type.class)}: a shared service built on first use from the factory registered in
 *       {@link dev.bramble.runtime.cli.Main#registerServices}; tests register a fake in their own context.</li>
 *   <li>Failures: throw {@link dev.bramble.runtime.error.BrambleException} (what, on what, why, remedy; exit code 1
 *       or {@code withExitCode(n)}). A wrong argument throws {@link dev.bramble.runtime.cli.UsageException}: it is
 *       reported as a usage error naming the verb and its help. Anything else is reported as unexpected, with the
 *       stack trace under {@code --debug}.</li>
 * </ul>
 *
 * <h2>Options callers pass that bramble does not use</h2>
 * All of runc's global flags parse. {@code --criu PATH} is accepted, hidden and ignored (containerd 1.6 passes it
 * when a criu path is configured; runc ignores it since 1.1 and dropped it in 1.4). {@code --rootless=true} is
 * refused until rootless mode exists. Any other unknown option is a usage error that names the option, so a typo
 * never silently changes behaviour. Verbs accept the options runc's verb of the same name accepts; an option that
 * bramble cannot honour is accepted only if ignoring it is safe, and the verb says so in a debug line.
 */
package dev.bramble.runtime.cli;
