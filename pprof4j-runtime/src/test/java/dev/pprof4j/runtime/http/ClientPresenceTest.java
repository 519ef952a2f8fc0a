package dev.pprof4j.runtime.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A client's close is seen in the kernel's socket table, on real loopback connections. */
class ClientPresenceTest {
    @Test
    void kernelFormsAreTheTablesSpelling() throws Exception {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "the forms below are little-endian");
        assertArrayEquals(new String[] {"0100007F", "0000000000000000FFFF00000100007F"},
                ClientPresence.kernelForms(InetAddress.getByName("127.0.0.1")));
        assertArrayEquals(new String[] {"00000000000000000000000001000000"},
                ClientPresence.kernelForms(InetAddress.getByName("::1")));
    }

    @Test
    void rowsOfOtherConnectionsAreNotThisOne() throws Exception {
        ClientPresence presence = new ClientPresence(new InetSocketAddress("127.0.0.1", 8080),
                new InetSocketAddress("127.0.0.1", 50000));
        assertEquals("08", presence.stateOf(
                "   3: 0100007F:1F90 0100007F:C350 08 00000000:00000000 00:00000000 00000000  0  0 1 1"));
        // the client's own row of the same loopback connection: ports the other way round
        assertNull(presence.stateOf("   4: 0100007F:C350 0100007F:1F90 01 00000000:00000000 00:00000000 0 0 0 1"));
        // another client with the same source port
        assertNull(presence.stateOf("   5: 0100007F:1F90 0200007F:C350 01 00000000:00000000 00:00000000 0 0 0 1"));
        assertNull(presence.stateOf("  sl  local_address rem_address   st tx_queue"));
    }

    @Test
    void aClientsCloseIsSeen() throws Exception {
        if (!"true".equals(System.getenv("CI"))) { // CI runs on Linux: there it must run
            assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "no /proc/net/tcp: not Linux");
        }
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
            try (Socket accepted = server.accept()) {
                ClientPresence presence = new ClientPresence((InetSocketAddress) accepted.getLocalSocketAddress(),
                        (InetSocketAddress) accepted.getRemoteSocketAddress());
                assertEquals(ClientPresence.State.CONNECTED, presence.state());
                assertFalse(presence.getAsBoolean());
                client.close();
                ClientPresence.State state = presence.state();
                for (int i = 0; i < 50 && state == ClientPresence.State.CONNECTED; i++) {
                    Thread.sleep(10);
                    state = presence.state();
                }
                assertEquals(ClientPresence.State.CLOSED_BY_CLIENT, state);
                Thread.sleep(ClientPresence.CHECK_MILLIS + 10);
                assertTrue(presence.getAsBoolean(), "the close is seen through the cheap check too");
            }
        }
    }
}
