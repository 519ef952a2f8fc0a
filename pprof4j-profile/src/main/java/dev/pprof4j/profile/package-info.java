/**
 * The pprof data model (google/pprof's {@code profile.proto} in Java) and what can be done
 * to a profile without printing it: encode, decode, merge, scale, subtract, prune, and
 * change granularity.
 *
 * <p>Like google/pprof's {@code profile} package, the model holds object references, not
 * ids: a {@link dev.pprof4j.profile.Sample} points at its {@link dev.pprof4j.profile.Location}s,
 * a {@link dev.pprof4j.profile.Line} at its {@link dev.pprof4j.profile.Function}. The string
 * table and the numeric ids exist only on the wire; the encoder builds them and the decoder
 * resolves them away. The mutable classes expose their fields directly, as Go's structs
 * do, because every operation here (merge, prune, subtract) rewrites them in place and
 * getters would only add noise; the small value types are records.
 *
 * <h2>What is here</h2>
 * <ul>
 * <li>{@link dev.pprof4j.profile.ProfileDecoder} reads gzip or raw profile.proto, bounded
 *     (decompressed size capped, the heap a decode takes capped at half the JVM's and
 *     estimated as the input arrives, every index, length and id checked; with
 *     {@code mergingSamples()} equal samples are merged as they are read, so memory follows
 *     the distinct samples); errors are
 *     {@link dev.pprof4j.profile.ProfileFormatException}s that read like go tool pprof's.
 * <li>{@link dev.pprof4j.profile.ProfileEncoder} writes it, gzip-compressed.
 * <li>Operations, each as go tool pprof does it (google/pprof's profile package):
 *     {@link dev.pprof4j.profile.Merger} (several sources, compaction),
 *     {@link dev.pprof4j.profile.Scaler}, {@link dev.pprof4j.profile.Difference}
 *     ({@code -base}, {@code -diff_base}, {@code -normalize}),
 *     {@link dev.pprof4j.profile.NameFilter} ({@code -focus/-ignore/-hide/-show/-show_from}),
 *     {@link dev.pprof4j.profile.FramePruner} (the profile's drop_frames/keep_frames,
 *     {@code -prune_from}), {@link dev.pprof4j.profile.Granularity}
 *     ({@code -functions/-filefunctions/-files/-lines/-addresses}, {@code -noinlines}),
 *     {@link dev.pprof4j.profile.Compaction}.
 * </ul>
 * go tool pprof's order, which a command line should keep: merge the sources; combine with
 * the base; apply drop_frames; filter by name; aggregate to the granularity; report.
 * Operations that change a profile do so in place (use {@link dev.pprof4j.profile.Profile#copy()}
 * to keep the original); merge and subtract return new profiles.
 */
package dev.pprof4j.profile;
