package dev.pprof4j;

import dev.pprof4j.runtime.agent.AgentOptions;
import dev.pprof4j.runtime.collect.CollectorSet;
import dev.pprof4j.runtime.http.PprofServer;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.instrument.Instrumentation;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Serves {@code /debug/pprof} from this JVM, what {@code import _ "net/http/pprof"} does for
 * a Go program:
 *
 * <pre>{@code
 * try (Pprof4j pprof = Pprof4j.start("port=6060")) { ... }
 * }</pre>
 *
 * <p>The bound address is published as the system property {@value #ADDRESS_PROPERTY}
 * ({@code host:port}) and in one line on standard error, so {@code port=0} is usable. The
 * java agent ({@code -javaagent:pprof4j-agent.jar=port=6060}) and {@code pprof4j attach}
 * start the same thing; as an agent it can also list virtual threads on JDK 21+.
 */
public final class Pprof4j implements Closeable {
    /** System property holding {@code host:port} of the running server. */
    public static final String ADDRESS_PROPERTY = "pprof4j.address";

    private final CollectorSet collectors;
    private final PprofServer server;
    private final String published;

    private Pprof4j(CollectorSet collectors, PprofServer server) {
        this.collectors = collectors;
        this.server = server;
        InetSocketAddress address = server.address();
        this.published = hostPort(address);
    }

    /**
     * {@code host:port} as a URL names it: an IPv6 address in brackets ({@code [::1]:6060},
     * {@code [0:0:0:0:0:0:0:0]:6060} for the wildcard), so {@code http://} + it is a URL.
     */
    static String hostPort(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        int zone = host.indexOf('%');
        if (zone >= 0) {
            host = host.substring(0, zone); // a scope id is the host's own business, not a URL's
        }
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /** Starts with the defaults: 127.0.0.1:6060. */
    public static Pprof4j start() throws IOException {
        return start(AgentOptions.defaults(), null);
    }

    /**
     * Starts with agent-style options, e.g. {@code "port=0"} or
     * {@code "host=0.0.0.0,port=6060,token=s3cret"}.
     *
     * @throws IllegalArgumentException when an option is malformed or unknown (one-line reason)
     * @throws IOException when the address cannot be bound
     */
    public static Pprof4j start(String options) throws IOException {
        return start(AgentOptions.parse(options), null);
    }

    public static Pprof4j start(AgentOptions options) throws IOException {
        return start(options, null);
    }

    /**
     * The agent's entry. The JDK's HTTP server makes its dispatcher thread inherit the daemon
     * flag of the thread that starts it; starting it from a daemon thread keeps the host
     * application free to exit when its own threads end.
     */
    public static Pprof4j start(AgentOptions options, Instrumentation instrumentation) throws IOException {
        return start(options, instrumentation, false);
    }

    /**
     * @param atJvmStart true from the agent's premain, before the application's code is
     *                   compiled: then nothing compiled lacks the debug information a JFR CPU
     *                   profile needs to credit inlined methods (see
     *                   {@link dev.pprof4j.runtime.collect.cpu.NonSafepointDebugInfo})
     */
    public static Pprof4j start(AgentOptions options, Instrumentation instrumentation, boolean atJvmStart)
            throws IOException {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread starter = new Thread(() -> {
            // The port first: when it is taken, nothing else has started (no JFR stream, no
            // native sampler, no history thread) and nothing is left running in the host.
            com.sun.net.httpserver.HttpServer bound;
            try {
                bound = PprofServer.bind(options);
            } catch (IOException | RuntimeException | Error e) {
                result.set(e);
                return;
            }
            CollectorSet collectors = null;
            try {
                collectors = CollectorSet.start(options, instrumentation, atJvmStart);
                result.set(new Pprof4j(collectors, PprofServer.serve(bound, options, collectors)));
            } catch (RuntimeException | Error e) {
                bound.stop(0);
                if (collectors != null) {
                    collectors.close();
                }
                result.set(e);
            }
        }, "pprof4j-start");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting pprof4j", e);
        }
        Object outcome = result.get();
        if (outcome instanceof Pprof4j pprof) {
            pprof.publish();
            return pprof;
        }
        if (outcome instanceof IOException e) {
            throw new IOException("cannot serve /debug/pprof on " + options.host() + ":" + options.port() + ": "
                    + e.getMessage() + " (is the port in use? port=0 picks a free one)", e);
        }
        if (outcome instanceof RuntimeException e) {
            throw e;
        }
        if (outcome instanceof Error e) {
            throw e;
        }
        throw new UncheckedIOException(new IOException("pprof4j did not start"));
    }

    private void publish() {
        System.setProperty(ADDRESS_PROPERTY, published);
        System.err.println("pprof4j: serving http://" + published + "/debug/pprof/ (cpu: " + collectors.cpu().name()
                + ", heap: " + collectors.heapSampler().map(s -> s.name()).orElse("jfr allocation samples only")
                + (collectors.eventsUnavailableReason() == null ? "" : "; " + collectors.eventsUnavailableReason())
                + ")");
    }

    /** The bound address. */
    public InetSocketAddress address() {
        return server.address();
    }

    /** {@code http://host:port/debug/pprof/}. */
    public String url() {
        return "http://" + published + "/debug/pprof/";
    }

    /** Stops serving and releases the collectors; the JVM runs on. */
    @Override
    public void close() {
        server.close();
        collectors.close();
        if (published.equals(System.getProperty(ADDRESS_PROPERTY))) {
            System.clearProperty(ADDRESS_PROPERTY);
        }
    }
}
