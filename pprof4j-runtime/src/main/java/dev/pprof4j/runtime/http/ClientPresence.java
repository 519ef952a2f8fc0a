package dev.pprof4j.runtime.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * Whether a request's client is still connected, so work done only for it (a user's pattern
 * backtracking, say) can stop when it leaves rather than at its deadline.
 *
 * <p>The JDK's {@code HttpExchange} does not show the peer's close: a GET's body stream ends
 * at once without reading the socket, and the channel is not reachable through the public
 * API. The kernel knows, though: a connection whose client closed it sits in CLOSE_WAIT, and
 * one that was reset is gone from the socket table. So this reads {@code /proc/net/tcp} and
 * {@code tcp6} (Linux), finding the connection by its two ports and the client's address.
 * Where the table cannot be read the client counts as present, and only the deadlines apply.
 *
 * <p>Cost: one read of the table is about 150 bytes a socket the host has open (milliseconds
 * for a host with tens of thousands), so it is read only by the long requests that ask, at
 * most every {@link #CHECK_MILLIS} ms, and never more often than keeps the reading under
 * a twentieth of the asking thread's time.
 */
final class ClientPresence implements BooleanSupplier {
    static final long CHECK_MILLIS = 150;
    /** A request's thread spends at most one part in this many of its time reading the tables. */
    static final int COST_SHARE_DIVISOR = 20;
    private static final String ESTABLISHED = "01";
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();
    private static final Path[] TABLES = {Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6")};

    private final String localPort;
    private final String remotePort;
    private final String[] remoteAddresses;
    private long checkedNanos;
    private long intervalNanos = CHECK_MILLIS * 1_000_000;
    private boolean gone;

    ClientPresence(InetSocketAddress local, InetSocketAddress remote) {
        this.localPort = port(local.getPort());
        this.remotePort = port(remote.getPort());
        this.remoteAddresses = kernelForms(remote.getAddress());
        this.checkedNanos = System.nanoTime();
    }

    /** True once the client has closed or reset the connection; cheap to call often. */
    @Override
    public boolean getAsBoolean() {
        long now = System.nanoTime();
        if (!gone && now - checkedNanos >= intervalNanos) {
            // the reading's CPU time, not its wall time: on a loaded host the thread may wait to run
            long cpu = THREADS.getCurrentThreadCpuTime();
            State state = state(); // UNKNOWN (no table to read) counts as present
            gone = state == State.CLOSED_BY_CLIENT || state == State.NOT_FOUND;
            checkedNanos = System.nanoTime();
            long cost = cpu < 0 ? 0 : THREADS.getCurrentThreadCpuTime() - cpu;
            intervalNanos = Math.max(CHECK_MILLIS * 1_000_000, cost * COST_SHARE_DIVISOR);
        }
        return gone;
    }

    enum State { CONNECTED, CLOSED_BY_CLIENT, NOT_FOUND, UNKNOWN }

    /** The connection's state now, read from the kernel's tables. */
    State state() {
        boolean readAny = false;
        for (Path table : TABLES) {
            try (BufferedReader lines = Files.newBufferedReader(table, StandardCharsets.US_ASCII)) {
                readAny = true;
                lines.readLine(); // the header
                for (String line; (line = lines.readLine()) != null; ) {
                    String found = stateOf(line);
                    if (found != null) {
                        return found.equals(ESTABLISHED) ? State.CONNECTED : State.CLOSED_BY_CLIENT;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // no such table (no IPv6, not Linux) or unreadable: try the other
            }
        }
        // Not found in a table that could be read: closed by reset, or by both sides.
        return readAny ? State.NOT_FOUND : State.UNKNOWN;
    }

    /**
     * The state field of a table row when the row is this connection, else null. A row reads
     * {@code sl local_address rem_address st ...}, addresses as {@code HEX:PORT}.
     */
    String stateOf(String line) {
        int colon = line.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String[] fields = line.substring(colon + 1).trim().split("\\s+", 4);
        if (fields.length < 3 || !fields[0].endsWith(":" + localPort) || !fields[1].endsWith(":" + remotePort)) {
            return null;
        }
        String address = fields[1].substring(0, fields[1].length() - remotePort.length() - 1);
        for (String form : remoteAddresses) {
            if (form.equals(address)) {
                // LISTEN rows have no remote port; the others name the state in two hex digits
                return fields[2];
            }
        }
        return null;
    }

    private static String port(int port) {
        return String.format(Locale.ROOT, "%04X", port);
    }

    /**
     * How the kernel prints an address: each 32-bit word as a hex number in the machine's byte
     * order. An IPv4 client of a dual-stack socket appears in {@code tcp6} as {@code ::ffff:a.b.c.d}.
     */
    static String[] kernelForms(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(bytes, 0, mapped, 12, 4);
            return new String[] {words(bytes), words(mapped)};
        }
        return new String[] {words(bytes)};
    }

    private static String words(byte[] bytes) {
        boolean little = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
        StringBuilder out = new StringBuilder(bytes.length * 2);
        for (int word = 0; word < bytes.length; word += 4) {
            for (int i = 0; i < 4; i++) {
                int b = bytes[word + (little ? 3 - i : i)] & 0xff;
                out.append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
