package dev.pprof4j.runtime.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pprof4j.runtime.workload.LeakyService;
import dev.pprof4j.testkit.ChildJvm;
import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Clients that never finish their requests cannot take the agent away from others, and
 * connections it has no room for are closed, not left in the host's descriptor table.
 */
class SlowClientsIT {
    /** maxrequests (8) + 2: every request thread the agent has. */
    private static final int SLOW = 10;

    /** Bursts of refused requests: enough that a leak of a few descriptors each would show. */
    private static final int BURSTS = 6;

    @Test
    void halfRequestsDoNotStopTheAgentServingOthers() throws Exception {
        try (ChildJvm app = ChildJvm.builder(LeakyService.class.getName()).args("1", "1")
                .agent(ChildJvm.agentJar(), "port=0,memprofilerate=0").start()) {
            String base = app.awaitPprofUrl(Duration.ofSeconds(60));
            List<Socket> slow = new ArrayList<>();
            try {
                for (int i = 0; i < SLOW; i++) {
                    slow.add(RawHttp.halfRequest(base));
                }
                Thread.sleep(500); // every thread now waits for headers that never end
                long start = System.nanoTime();
                RawHttp.Response served = RawHttp.exchange(base, "GET /debug/pprof/cmdline HTTP/1.1\r\nHost: 127.0.0.1",
                        Duration.ofSeconds(8));
                long millis = (System.nanoTime() - start) / 1_000_000;
                System.out.println("SlowClientsIT: a request behind " + SLOW + " half requests was answered in "
                        + millis + " ms (status " + served.status() + ")");
                assertEquals(200, served.status(), served.head());
                assertTrue(millis < 5_000, "served only after " + millis + " ms");
                // The half requests themselves are dropped: evicted after the crowded header timeout (1 s)
                // while a request waited behind them, or the full one (10 s) otherwise.
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                int closed = 0;
                for (Socket socket : slow) {
                    socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                    closed += closedByPeer(socket) ? 1 : 0;
                }
                System.out.println("SlowClientsIT: " + closed + " of " + SLOW + " half requests closed by the agent");
                assertEquals(SLOW, closed, "half requests the agent left open after 30 s");
            } finally {
                for (Socket socket : slow) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void refusedConnectionsAreClosedNotLeaked() throws Exception {
        try (ChildJvm app = ChildJvm.builder(LeakyService.class.getName()).args("1", "1")
                .agent(ChildJvm.agentJar(), "port=0,memprofilerate=0").start()) {
            String base = app.awaitPprofUrl(Duration.ofSeconds(60));
            RawHttp.get(base, "/debug/pprof/cmdline"); // the server's own descriptors are open now
            Thread.sleep(500);
            int before = openFiles(app.pid());
            for (int burst = 0; burst < BURSTS; burst++) {
                List<Socket> sockets = new ArrayList<>();
                try {
                    for (int i = 0; i < SLOW; i++) {
                        sockets.add(RawHttp.halfRequest(base)); // holds every thread (before: for good)
                    }
                    for (int i = 0; i < 300; i++) {
                        Socket socket = new Socket(java.net.InetAddress.getLoopbackAddress(),
                                java.net.URI.create(base).getPort());
                        socket.getOutputStream().write("GET /debug/pprof/cmdline HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                        sockets.add(socket);
                    }
                    Thread.sleep(1_000);
                } finally {
                    for (Socket socket : sockets) {
                        socket.close();
                    }
                }
            }
            int after = settledOpenFiles(app.pid(), before);
            System.out.println("SlowClientsIT: the host's open files " + before + " before, " + after
                    + " after " + BURSTS + " bursts of 300 requests behind " + SLOW + " half requests");
            // Before the fix each burst left 44 sockets in CLOSE-WAIT for good (41 -> 203 over three).
            assertTrue(after <= before + 8, "the host kept " + (after - before) + " more descriptors open: "
                    + before + " -> " + after + ": " + openFileTargets(app.pid()));
        }
    }

    private static boolean closedByPeer(Socket socket) throws IOException {
        try {
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true; // reset
        }
    }

    /**
     * Open descriptors once the count stops falling. The server closes what it drops within
     * seconds, but a connection the JDK's server accepted and never handed to us is closed by
     * its own idle timer, 30 to 40 s after it went quiet (a 30 s limit checked every 10 s);
     * the leak this guards against kept them for good.
     */
    private static int settledOpenFiles(long pid, int target) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(50).toNanos();
        int count = openFiles(pid);
        while (count > target + 8 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            count = openFiles(pid);
        }
        return count;
    }

    /** What the descriptors are, and for sockets their TCP states, to tell a leak's kind when one shows. */
    private static String openFileTargets(long pid) {
        StringBuilder out = new StringBuilder();
        java.util.Map<String, String> tcpStates = tcpStatesByInode();
        File[] fds = new File("/proc/" + pid + "/fd").listFiles();
        for (File fd : fds == null ? new File[0] : fds) {
            try {
                String target = java.nio.file.Files.readSymbolicLink(fd.toPath()).toString();
                String inode = target.startsWith("socket:[") ? target.substring(8, target.length() - 1) : null;
                out.append(target).append(inode == null ? "" : "/tcp-state=" + tcpStates.getOrDefault(inode, "?"))
                        .append(' ');
            } catch (java.io.IOException e) {
                out.append("? ");
            }
        }
        return out.toString();
    }

    /** TCP states (hex, e.g. 08 = CLOSE_WAIT) by socket inode, from /proc/net/tcp and tcp6. */
    private static java.util.Map<String, String> tcpStatesByInode() {
        java.util.Map<String, String> states = new java.util.HashMap<>();
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            try {
                for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of(table))) {
                    String[] fields = line.trim().split("\\s+");
                    if (fields.length > 9 && fields[0].endsWith(":")) {
                        states.put(fields[9], fields[3]);
                    }
                }
            } catch (java.io.IOException e) {
                // no such table
            }
        }
        return states;
    }

    private static int openFiles(long pid) {
        String[] fds = new File("/proc/" + pid + "/fd").list();
        if (fds == null) {
            throw new AssertionError("cannot list /proc/" + pid + "/fd");
        }
        return fds.length;
    }
}
