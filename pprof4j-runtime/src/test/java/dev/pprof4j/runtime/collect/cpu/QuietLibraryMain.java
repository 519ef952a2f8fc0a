package dev.pprof4j.runtime.collect.cpu;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs async-profiler through the agent's wrapper with an argument the library warns about,
 * for {@link QuietLibraryIT}: the warning must not reach this process's output.
 */
public final class QuietLibraryMain {
    public static void main(String[] args) throws Exception {
        AsyncProfilerLibrary library = AsyncProfilerLibrary.load(ForeignAsyncProfiler.ofThisProcess());
        Path recording = Files.createTempFile("pprof4j-quiet-", ".jfr");
        try {
            library.execute("start,event=ctimer,interval=10000000,jfr,file=" + recording + ",pprof4jprobe");
            Thread.sleep(200);
            library.execute("stop");
        } finally {
            Files.deleteIfExists(recording);
        }
        System.out.println("commands done");
    }
}
