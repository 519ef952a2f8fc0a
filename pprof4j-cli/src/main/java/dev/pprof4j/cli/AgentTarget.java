package dev.pprof4j.cli;

import java.io.IOException;
import dev.pprof4j.runtime.agent.Attacher;
import java.net.URI;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * What a leak hunt's TARGET names: an agent's base URL ({@code http://127.0.0.1:6060}, or
 * Go's {@code host:port}), or the pid of a JVM to load the agent into first.
 */
final class AgentTarget {
    private static final Pattern PID = Pattern.compile("\\d+");
    private static final Pattern HOST_PORT = Pattern.compile("^[A-Za-z0-9.\\-\\[\\]:]+:\\d+/?$");

    private AgentTarget() {
    }

    /**
     * Go's {@code host:port} for an agent (a name, an IPv4 address or a bracketed IPv6 one),
     * perhaps with a trailing slash: the one test every command that takes an agent uses.
     */
    static boolean isHostPort(String text) {
        return HOST_PORT.matcher(text).matches();
    }

    static URI resolve(String target) throws IOException {
        if (target.startsWith("http://") || target.startsWith("https://")) {
            URI uri = URI.create(target);
            // A URL copied from a browser may carry the pprof path; the hunt wants the base.
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            int at = path.indexOf("/debug/");
            return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + (at >= 0 ? path.substring(0, at) : path));
        }
        if (PID.matcher(target).matches()) {
            return attach(Long.parseLong(target));
        }
        if (isHostPort(target)) {
            return URI.create("http://" + target);
        }
        throw new IllegalArgumentException("TARGET \"" + target
                + "\" is neither an agent URL (http://127.0.0.1:6060, host:port) nor a pid");
    }

    /** Loads the agent into {@code pid} on a free loopback port and returns where it listens. */
    private static URI attach(long pid) throws IOException {
        Path agentJar;
        try {
            agentJar = AgentPathCommand.agentJar();
        } catch (CliError e) {
            throw new IOException(e.getMessage(), e);
        }
        return URI.create("http://" + Attacher.attach(pid, agentJar, "port=0"));
    }
}
