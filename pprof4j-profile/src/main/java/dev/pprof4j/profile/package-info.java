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
 */
package dev.pprof4j.profile;
