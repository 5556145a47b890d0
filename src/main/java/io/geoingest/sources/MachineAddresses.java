package io.geoingest.sources;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which addresses reach this machine: loopback (all of 127.0.0.0/8 and ::1), the unspecified
 * address (0.0.0.0, ::) and every address of its network interfaces. IPv4-mapped IPv6 literals
 * ({@code ::ffff:127.0.0.1}) need no case of their own: Java reads them as IPv4 addresses. One
 * instance serves one check: the interfaces are listed at most once, and only when needed.
 */
final class MachineAddresses {
    private Set<InetAddress> interfaces;

    boolean includes(InetAddress address) {
        return address.isLoopbackAddress() || address.isAnyLocalAddress() || interfaceAddresses().contains(address);
    }

    /** This machine's interface addresses now (interfaces come and go). */
    private Set<InetAddress> interfaceAddresses() {
        if (interfaces == null) {
            try {
                interfaces = NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses)
                        .collect(Collectors.toSet());
            } catch (SocketException e) {
                throw new UncheckedIOException("cannot list this machine's network addresses", e);
            }
        }
        return interfaces;
    }
}
