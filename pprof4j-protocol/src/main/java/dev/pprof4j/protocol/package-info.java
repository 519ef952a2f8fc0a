/**
 * The agent's protocol: each text format the agent writes and pprof4j's own tools read, as a
 * writer and a reader side by side (as google/pprof keeps profile.proto's encoding and decoding
 * in one place), and the small syntaxes every module shares. One owner per format: the runtime
 * writes with these classes, the report, CLI and JUnit modules read with them, and a round-trip
 * test keeps the two sides together.
 *
 * <p>This module has no dependencies and no state: it rides inside the agent jar, in other
 * people's JVMs.
 *
 * <ul>
 * <li>{@link dev.pprof4j.protocol.GoDurations}: Go's {@code time.ParseDuration} and
 *     {@code Duration.String()};</li>
 * <li>{@link dev.pprof4j.protocol.HistoryFormat}: the history text's header
 *     ({@code /debug/pprof/history});</li>
 * <li>{@link dev.pprof4j.protocol.RetainerRows}: the chain rows of
 *     {@code /debug/pprof/heap/retainers};</li>
 * <li>{@link dev.pprof4j.protocol.ClassHistogramRows}: HotSpot's {@code GC.class_histogram}
 *     rows, as jcmd prints them and as {@code heap?debug=1} ends with them;</li>
 * <li>{@link dev.pprof4j.protocol.JsonWriter} and {@link dev.pprof4j.protocol.JsonReader}:
 *     {@code /debug/vars} and any other JSON pprof4j writes (the leak report's too);</li>
 * <li>{@link dev.pprof4j.protocol.JavaFrames} and {@link dev.pprof4j.protocol.StableNames}:
 *     how a Java frame is named in every profile, the agent's and the CLI's conversion of JFR
 *     files alike, so a lambda is spelled once everywhere;</li>
 * <li>{@link dev.pprof4j.protocol.ClassNames}: the JVM's class names (JVMTI's signatures,
 *     {@code Class.getName()}, the class histogram's) as Java writes them, for the agent's
 *     heap outputs and the reports alike;</li>
 * <li>{@link dev.pprof4j.protocol.ThreadDumpText} and {@link dev.pprof4j.protocol.ThreadDumpJson}:
 *     the JDK's thread dumps (jstack, {@code jcmd Thread.print}, {@code Thread.dump_to_file} as
 *     text and JSON), which the JDK writes and the CLI and pprof4j-junit read, into
 *     {@link dev.pprof4j.protocol.DumpedThread}s.</li>
 * </ul>
 */
package dev.pprof4j.protocol;
