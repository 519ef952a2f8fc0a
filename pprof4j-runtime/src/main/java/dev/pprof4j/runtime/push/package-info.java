/**
 * Pushes the agent's profiles to Grafana Pyroscope ({@code pyroscope=URL}, {@code app=NAME}):
 * every {@code pushinterval} one request through Pyroscope's connect Push API
 * ({@code POST /push.v1.PusherService/Push}, binary protobuf) carrying one series per profile
 * kind — {@code process_cpu}, {@code memory}, {@code block}, {@code mutex}, {@code goroutine} —
 * each a gzipped pprof of that window alone, because Pyroscope's current write path computes
 * no deltas itself.
 *
 * <p>Everything runs on one daemon thread, {@code pprof4j-push}: it takes the window's
 * profiles ({@link dev.pprof4j.runtime.push.WindowProfiles}; CPU through the engine shared
 * with {@code /debug/pprof/profile}), queues the request (bounded; the oldest is dropped and
 * counted), and sends with connect and read timeouts and a capped, jittered backoff on
 * 5xx, 408, 429 and I/O errors. The application's threads never wait for it.
 */
package dev.pprof4j.runtime.push;
