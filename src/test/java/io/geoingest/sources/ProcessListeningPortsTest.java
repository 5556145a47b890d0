package io.geoingest.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProcessListeningPortsTest {
    private final ProcessListeningPorts ports = new ProcessListeningPorts();

    @BeforeEach
    void linuxOnly() {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "no /proc here");
    }

    @Test
    void socketsListeningOnIpv4AndOnAllAddressesAreFoundUntilClosed() throws Exception {
        int closed;
        try (ServerSocket v4 = new ServerSocket(); ServerSocket all = new ServerSocket(0)) {
            v4.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0)); // /proc/self/net/tcp
            // all addresses: tcp6 when the JVM has IPv6, tcp otherwise
            assertThat(ports.ports()).contains(v4.getLocalPort(), all.getLocalPort());
            closed = v4.getLocalPort();
        }
        assertThat(ports.ports()).doesNotContain(closed);
    }
}
