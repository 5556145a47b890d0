package io.geoingest.sources;

import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.stereotype.Component;

/**
 * Where an account may make this service connect: database connectors and downloads (every
 * URL, redirects included) ask before connecting to a host the account chose. The host is
 * resolved and every one of its addresses must pass; refused are
 * <ol>
 * <li>geoingest's own database (the servers of {@code spring.datasource.url}): the same port
 *     and the same address, or both on this machine (loopback, the unspecified address or any
 *     address of its interfaces) - it holds every account's data and the connector passwords
 *     of running imports. Nothing overrides this.</li>
 * <li>this service's own ports ({@link ServicePorts}) on any address of this machine
 *     ({@link MachineAddresses}): its actuator would answer, and land its metrics in an
 *     account's table. Loopback on other ports stays allowed. Nothing overrides this either.
 *     Other replicas, and a Service or load balancer in front of this one, are not this machine:
 *     only denied networks keep imports away from them.</li>
 * <li>link-local addresses (169.254.0.0/16, fe80::/10: cloud metadata services answer there),
 *     the unspecified address (0.0.0.0, ::) and multicast addresses;</li>
 * <li>networks in {@code geoingest.sources.denied-networks}.</li>
 * </ol>
 * {@code geoingest.sources.allowed-networks} lifts 3 and 4. Before any of these, IPv4 literals
 * whose meaning depends on the parser ({@code 0177.0.0.1}, {@code 0x7f.0.0.1}, {@code 127.1},
 * {@code 2130706433}: see {@link Ipv4Literals}) are refused, naming the canonical form; nothing
 * lifts that. Private networks and loopback are
 * allowed: self-hosted users import from their own internal servers.
 *
 * <p>Residual gap (DNS rebinding): the driver or HTTP client resolves the name again when it
 * connects. Both go through the JVM's address cache (30 s for answers by default), so they
 * normally see the addresses checked here, but a name whose answer expires in between may
 * lead elsewhere. The JDBC drivers keep the name rather than the checked address: SSL host
 * name verification needs it.
 */
@Component
public class SourceAddressPolicy {
    private final List<ServiceDatabase> serviceDatabase;
    private final ServicePorts servicePorts;
    private final List<Cidr> denied;
    private final List<Cidr> allowed;

    public SourceAddressPolicy(DataSourceProperties datasource, SourcesProperties sources, ServicePorts servicePorts) {
        this.serviceDatabase = ServiceDatabase.ofJdbcUrl(datasource.getUrl());
        this.servicePorts = servicePorts;
        this.denied = sources.deniedNetworks();
        this.allowed = sources.allowedNetworks();
    }

    /**
     * Checks a database server before a connector connects to it.
     *
     * @throws ImportException 1012 when refused or when the host does not resolve
     */
    public void checkDatabase(String host, int port) {
        check(host, port, "Refused to connect to " + host + ":" + port,
                ErrorCode.DATASOURCE_CONNECTION, ErrorCode.DATASOURCE_CONNECTION);
    }

    /**
     * Checks the server of an http(s) URL before it is requested.
     *
     * @throws ImportException 1101 when refused, 1102 when the host does not resolve
     */
    public void checkUrl(URI url) {
        int port = url.getPort() >= 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        String ambiguity = ambiguity(url);
        if (ambiguity != null) {
            throw new ImportException(ErrorCode.DOWNLOAD_FORBIDDEN, "Refused to download " + url + ": " + ambiguity);
        }
        check(url.getHost(), port, "Refused to download " + url,
                ErrorCode.DOWNLOAD_FORBIDDEN, ErrorCode.DOWNLOAD_UNKNOWN_SERVER);
    }

    private void check(String host, int port, String refusedMessage, ErrorCode refused, ErrorCode unknown) {
        if (host == null || host.isBlank()) {
            // InetAddress would answer with the loopback address.
            throw new ImportException(unknown, "No server given");
        }
        String ambiguity = Ipv4Literals.ambiguity(host);
        if (ambiguity != null) {
            throw new ImportException(refused, refusedMessage + ": " + ambiguity);
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new ImportException(unknown, "Unknown server: " + host, e);
        }
        MachineAddresses machine = new MachineAddresses();
        for (InetAddress address : addresses) {
            String reason = refusal(host, address, port, machine);
            if (reason != null) {
                throw new ImportException(refused, refusedMessage + ": " + reason);
            }
        }
    }

    /**
     * Why the host of {@code url} is refused as an IPv4 literal whose meaning depends on the
     * parser (naming its canonical form when there is one), or null. {@link URI} finds no host
     * in {@code 0x7f.0.0.1} or {@code 127.1} (its grammar wants a letter first): then the
     * authority's is checked.
     */
    public static String ambiguity(URI url) {
        String host = url.getHost() != null ? url.getHost() : authorityHost(url.getRawAuthority());
        return Ipv4Literals.ambiguity(host);
    }

    /**
     * The host of a URL's authority that {@link URI} did not parse as server-based
     * ({@code user@0x7f.0.0.1:8080} gives {@code 0x7f.0.0.1}), or null.
     */
    static String authorityHost(String authority) {
        if (authority == null) {
            return null;
        }
        String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
        if (hostPort.startsWith("[")) {
            return null;
        }
        int colon = hostPort.indexOf(':');
        return colon >= 0 ? hostPort.substring(0, colon) : hostPort;
    }

    /** Why {@code address} (one of {@code host}'s) may not be connected to on {@code port}, or null. */
    private String refusal(String host, InetAddress address, int port, MachineAddresses machine) {
        if (isServiceDatabase(host, address, port, machine)) {
            return "that is geoingest's own database";
        }
        String ownPort = machine.includes(address) ? servicePorts.listener(port) : null;
        if (ownPort != null) {
            return address.getHostAddress() + " is this machine, and " + port + " is this service's own port ("
                    + ownPort + ")";
        }
        if (allowed.stream().anyMatch(n -> n.contains(address))) {
            return null;
        }
        String ip = address.getHostAddress();
        if (address.isLinkLocalAddress()) {
            return ip + " is a link-local address, where cloud metadata services answer";
        }
        if (address.isAnyLocalAddress()) {
            return ip + " is the unspecified address, which reaches this machine";
        }
        if (address.isMulticastAddress()) {
            return ip + " is a multicast address";
        }
        if (denied.stream().anyMatch(n -> n.contains(address))) {
            return ip + " is in a network this service does not connect to (geoingest.sources.denied-networks)";
        }
        return null;
    }

    private boolean isServiceDatabase(String host, InetAddress address, int port, MachineAddresses machine) {
        for (ServiceDatabase db : serviceDatabase) {
            if (db.port() != port) {
                continue;
            }
            if (db.host().equalsIgnoreCase(host)) {
                return true;
            }
            for (InetAddress a : db.addresses()) {
                // A server on this machine may listen on all of its addresses.
                if (a.equals(address) || machine.includes(a) && machine.includes(address)) {
                    return true;
                }
            }
        }
        return false;
    }
}
