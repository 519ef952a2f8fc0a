package dev.pprof4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** The published address is usable after {@code http://}: IPv6 in brackets, without a scope id. */
class Pprof4jAddressTest {
    @Test
    void ipv6AndWildcardAddressesAreBracketed() throws Exception {
        assertEquals("127.0.0.1:6060", Pprof4j.hostPort(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 6060)));
        assertEquals("[0:0:0:0:0:0:0:1]:27086", Pprof4j.hostPort(new InetSocketAddress(InetAddress.getByName("::1"), 27086)));
        assertEquals("[0:0:0:0:0:0:0:0]:6060", Pprof4j.hostPort(new InetSocketAddress(InetAddress.getByName("::"), 6060)));
        assertEquals("0.0.0.0:6060", Pprof4j.hostPort(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 6060)));
        assertEquals("[fe80:0:0:0:0:0:0:1]:1", Pprof4j.hostPort(new InetSocketAddress(InetAddress.getByName("fe80::1%1"), 1)));
    }
}
