/**
 * The containerd messages the shim speaks, written from the documented field numbers (containerd
 * {@code runtime/v2/task/shim.proto}, {@code api/types/mount.proto}, {@code api/types/task/task.proto},
 * {@code api/events/task.proto}, {@code api/services/ttrpc/events/v1/events.proto},
 * {@code runtimeoptions/v1/api.proto}, {@code api/runtime/bootstrap/v1/bootstrap.proto}; summarised in
 * shared/reference/containerd-shim.md §5–6).
 *
 * <p>Hand-written codecs over protobuf-java's CodedInputStream/CodedOutputStream rather than protoc output: about
 * forty flat messages, no protoc binary needed at build time (so the arm64 package builds on any host), and
 * containerd's own quirks — bare Any type URLs, Go's zero time, proto3 default omission — are explicit here.
 * {@code containerd.task.v2} and {@code v3} are identical on the wire, so one set serves both.
 */
package dev.bramble.shim.api;
