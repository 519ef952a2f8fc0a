import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.management.ObjectName;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A JIT-heavy application for the cost of non-safepoint debug information: javac, in process,
 * compiles SRC (every .java file under it) ROUNDS times (class path CP), so the JIT compiles
 * thousands of methods while the run lasts. Prints one line of key=value: wall and process CPU
 * milliseconds, the JIT's own compile milliseconds, compiles (sun.ci.totalCompiles), live
 * nmethods and code cache used, and the native memory HotSpot files under Code (nmethods' debug
 * information lives there from JDK 25 on, outside the code cache). Needs
 * -XX:NativeMemoryTracking=summary for the last figure.
 *
 * <p>Usage: {@code java JitCost ROUNDS SRC CP}
 */
public final class JitCost {
    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        List<String> sources;
        try (Stream<Path> files = Files.walk(Path.of(args[1]))) {
            sources = files.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        long wall = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            Path out = Files.createTempDirectory("jitcost");
            String[] javacArgs = Stream.concat(Stream.of("-proc:none", "-nowarn", "-cp", args[2], "-d", out.toString()),
                    sources.stream()).toArray(String[]::new);
            if (javac.run(null, null, System.err, javacArgs) != 0) {
                throw new IllegalStateException("javac failed");
            }
        }
        long wallMillis = (System.nanoTime() - wall) / 1_000_000;
        long cpuMillis = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1_000_000;
        long compileMillis = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        long codeCacheUsed = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getName().startsWith("CodeHeap") || pool.getName().equals("CodeCache")) {
                codeCacheUsed += pool.getUsage().getUsed();
            }
        }
        String codecache = dcmd("compilerCodecache");
        String perf = jcmd("PerfCounter.print");
        String nmt = dcmd("vmNativeMemory", "summary");
        System.out.println("wall_ms=" + wallMillis + " cpu_ms=" + cpuMillis + " jit_ms=" + compileMillis
                + " compiles=" + find(perf, "sun\\.ci\\.totalCompiles=(\\d+)")
                + " nmethods=" + find(codecache, "nmethods=(\\d+)")
                + " codecache_kb=" + codeCacheUsed / 1024
                + " nmt_code_kb=" + find(nmt, "-\\s+Code \\(reserved=\\d+KB, committed=(\\d+)KB"));
        System.exit(0);
    }

    private static String dcmd(String op, String... args) throws Exception {
        return (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), op,
                new Object[] {args}, new String[] {String[].class.getName()});
    }

    /** PerfCounter.print is not offered through the DiagnosticCommand MBean. */
    private static String jcmd(String command) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(ProcessHandle.current().pid()), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1) : "?";
    }
}
