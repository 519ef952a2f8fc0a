package dev.pprof4j.report.top;

/**
 * Where the source listings ({@code -list}, {@code -weblist}, the web UI's source view) read a
 * profile's files: the command line finds them as go tool pprof does ({@link SourceReader});
 * the web UI shows only files inside its source path.
 */
public interface SourceLines {
    /** Line {@code lineno} (from 1) of {@code file}, a frame of {@code function}; null past its end or when it cannot be read. */
    String line(String file, String function, long lineno);

    /** Why {@code file} could not be read (after a {@link #line} call), or null. */
    String error(String file, String function);

    /** Where on disk {@code file} was read, when worth saying beside the profile's name; null otherwise. */
    default String readFrom(String file, String function) {
        return null;
    }
}
