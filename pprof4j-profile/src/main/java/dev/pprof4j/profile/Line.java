package dev.pprof4j.profile;

/**
 * One frame of a location: a function and the line in it. A location carries several
 * lines when calls were inlined; the last is the caller (profile.proto's order).
 *
 * @param column 0 when unknown; profile.proto added the field in 2023
 */
public record Line(Function function, long line, long column) {
    public Line(Function function, long line) {
        this(function, line, 0);
    }
}
