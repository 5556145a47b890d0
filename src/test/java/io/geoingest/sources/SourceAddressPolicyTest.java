package io.geoingest.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.testing.TestDatabases;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SourceAddressPolicyTest {
    private static final String LOCAL_DB = "jdbc:postgresql://127.0.0.1:5432/geoingest";

    private final SourceAddressPolicy local = TestPolicies.serviceDatabaseAt(LOCAL_DB);

    private static ImportException refused(Runnable check, ErrorCode code) {
        try {
            check.run();
        } catch (ImportException e) {
            assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
            return e;
        }
        throw new AssertionError("not refused");
    }

    private static void refusedDatabase(SourceAddressPolicy policy, String host, int port, String why) {
        assertThat(refused(() -> policy.checkDatabase(host, port), ErrorCode.DATASOURCE_CONNECTION))
                .as(host + ":" + port).hasMessageContaining(why);
    }

    // ------------------------------------------------------------ the service database

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "localhost", "LOCALHOST", "127.0.0.2", "::1", "[::1]", "::ffff:127.0.0.1",
            "0.0.0.0", "::"})
    void theServiceDatabaseOnThisMachineIsRefusedByAnyLocalName(String host) {
        refusedDatabase(local, host, 5432, "geoingest's own database");
    }

    @Test
    void theServiceDatabaseIsRefusedThroughThisMachinesOtherAddresses() throws Exception {
        List<InetAddress> own = NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses)
                .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress()).toList();
        Assumptions.assumeFalse(own.isEmpty(), "this machine has no non-loopback address");
        for (InetAddress a : own) {
            refusedDatabase(local, a.getHostAddress(), 5432, "geoingest's own database");
            if (a instanceof Inet4Address) {
                assertThatCode(() -> local.checkDatabase(a.getHostAddress(), 3306)).doesNotThrowAnyException();
            }
        }
    }

    @Test
    void otherPortsOfThisMachineStayAllowed() {
        for (String host : List.of("127.0.0.1", "localhost", "::1")) {
            assertThatCode(() -> local.checkDatabase(host, 3306)).as(host).doesNotThrowAnyException();
            assertThatCode(() -> local.checkDatabase(host, 5433)).as(host).doesNotThrowAnyException();
        }
        assertThatCode(() -> local.checkUrl(URI.create("http://127.0.0.1:8080/x.csv"))).doesNotThrowAnyException();
    }

    @Test
    void aRemoteServiceDatabaseIsRefusedOnlyAtItsAddressAndPort() {
        SourceAddressPolicy remote = TestPolicies.serviceDatabaseAt(
                "jdbc:postgresql://198.51.100.7:6543,198.51.100.8/geoingest?sslmode=require");
        refusedDatabase(remote, "198.51.100.7", 6543, "geoingest's own database");
        refusedDatabase(remote, "198.51.100.8", 5432, "geoingest's own database");
        assertThatCode(() -> remote.checkDatabase("198.51.100.7", 5432)).doesNotThrowAnyException();
        assertThatCode(() -> remote.checkDatabase("127.0.0.1", 6543)).doesNotThrowAnyException();
        assertThatCode(() -> remote.checkDatabase("127.0.0.1", 5432)).doesNotThrowAnyException();
    }

    @Test
    void theServiceDatabaseIsRefusedToDownloadsToo() {
        SourceAddressPolicy https = TestPolicies.serviceDatabaseAt("jdbc:postgresql://localhost:443/geoingest");
        assertThat(refused(() -> https.checkUrl(URI.create("https://127.0.0.1/x")), ErrorCode.DOWNLOAD_FORBIDDEN))
                .hasMessageContaining("geoingest's own database");
        assertThatCode(() -> https.checkUrl(URI.create("http://127.0.0.1/x"))).doesNotThrowAnyException();
    }

    // ------------------------------------------------------------ this service's own ports

    /** Every way to name this machine: loopback, unspecified, IPv4-mapped, its interfaces and its names. */
    static List<String> thisMachine() throws Exception {
        List<String> hosts = new ArrayList<>(List.of("127.0.0.1", "127.0.0.2", "localhost", "LOCALHOST", "::1",
                "::ffff:127.0.0.1", "0.0.0.0", "::", InetAddress.getLocalHost().getHostName()));
        NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses)
                .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .forEach(a -> hosts.add(a.getHostAddress()));
        return hosts;
    }

    private static String urlHost(String host) {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }

    @Test
    void everyPortThisProcessListensOnIsRefusedOnEveryAddressOfThisMachineWhateverTheAllowedNetworks()
            throws Exception {
        SourceAddressPolicy p = TestPolicies.policy(LOCAL_DB, List.of(), List.of("0.0.0.0/0", "::/0"), true);
        try (ServerSocket own = new ServerSocket(0)) { // all addresses, as a route's server would
            int port = own.getLocalPort();
            for (String host : thisMachine()) {
                refusedDatabase(p, host, port, "is this service's own port (a port this process listens on)");
                assertThat(refused(() -> p.checkUrl(URI.create("http://" + urlHost(host) + ":" + port + "/metrics")),
                        ErrorCode.DOWNLOAD_FORBIDDEN)).as(host)
                        .hasMessageContaining(port + " is this service's own port");
            }
            assertThatCode(() -> p.checkDatabase("198.51.100.9", port)).as("elsewhere").doesNotThrowAnyException();
        }
    }

    @Test
    void portsOfOtherProcessesAndClosedPortsStayAllowed() throws Exception {
        SourceAddressPolicy p = TestPolicies.policy(TestPolicies.ELSEWHERE, List.of(), List.of(), true);
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        int port = closed;
        assertThatCode(() -> p.checkUrl(URI.create("http://127.0.0.1:" + port + "/x.csv"))).doesNotThrowAnyException();
        // The test PostgreSQL listens on this machine, in its own process.
        int postgres = URI.create(TestDatabases.PG_URL.substring("jdbc:".length())).getPort();
        assertThatCode(() -> p.checkDatabase("127.0.0.1", postgres)).doesNotThrowAnyException();
    }

    @Test
    void withoutRefuseAllOwnPortsThisProcesssOtherPortsAreAllowed() throws Exception {
        try (ServerSocket fake = new ServerSocket(0)) {
            assertThatCode(() -> local.checkDatabase("127.0.0.1", fake.getLocalPort())).doesNotThrowAnyException();
        }
    }

    // ------------------------------------------------------------ always-refused kinds of address

    @Test
    void linkLocalUnspecifiedAndMulticastAddressesAreRefused() {
        refusedDatabase(local, "169.254.169.254", 80, "link-local");
        refusedDatabase(local, "fe80::1", 5432, "link-local");
        refusedDatabase(local, "0.0.0.0", 3306, "unspecified");
        refusedDatabase(local, "::", 3306, "unspecified");
        refusedDatabase(local, "224.0.0.1", 3306, "multicast");
        refusedDatabase(local, "ff02::1", 3306, "multicast");
        assertThat(refused(() -> local.checkUrl(URI.create("http://169.254.169.254/latest/meta-data/")),
                ErrorCode.DOWNLOAD_FORBIDDEN))
                .hasMessageContaining("http://169.254.169.254/latest/meta-data/").hasMessageContaining("link-local");
    }

    @Test
    void privateNetworksAndLoopbackAreAllowedByDefault() {
        for (String host : List.of("10.1.2.3", "172.16.0.1", "192.168.1.1", "fd12::1", "127.0.0.1", "203.0.113.5")) {
            assertThatCode(() -> local.checkDatabase(host, 3306)).as(host).doesNotThrowAnyException();
        }
    }

    // ------------------------------------------------------------ configured networks

    @Test
    void deniedNetworksAreRefused() {
        SourceAddressPolicy p = TestPolicies.policy(LOCAL_DB, List.of("10.0.0.0/8", "fd00:ec2::254/128"), List.of());
        refusedDatabase(p, "10.1.2.3", 3306, "denied-networks");
        assertThat(refused(() -> p.checkUrl(URI.create("http://[fd00:ec2::254]/latest")), ErrorCode.DOWNLOAD_FORBIDDEN))
                .hasMessageContaining("denied-networks");
        assertThatCode(() -> p.checkDatabase("11.0.0.1", 3306)).doesNotThrowAnyException();
    }

    @Test
    void allowedNetworksWinOverLinkLocalAndDeniedButNeverOverTheServiceDatabase() {
        SourceAddressPolicy p = TestPolicies.policy(LOCAL_DB, List.of("10.0.0.0/8"),
                List.of("169.254.0.0/16", "10.1.0.0/16", "127.0.0.0/8", "0.0.0.0/0"));
        assertThatCode(() -> p.checkDatabase("169.254.169.254", 80)).doesNotThrowAnyException();
        assertThatCode(() -> p.checkDatabase("10.1.2.3", 3306)).doesNotThrowAnyException();
        refusedDatabase(p, "127.0.0.1", 5432, "geoingest's own database");
        refusedDatabase(p, "localhost", 5432, "geoingest's own database");
        refusedDatabase(p, "0.0.0.0", 5432, "geoingest's own database");

        SourceAddressPolicy narrow = TestPolicies.policy(LOCAL_DB, List.of("10.0.0.0/8"), List.of("10.1.0.0/16"));
        refusedDatabase(narrow, "10.2.0.1", 3306, "denied-networks");
    }

    // ------------------------------------------------------------ IPv4 literals whose meaning depends on the parser

    @ParameterizedTest
    @CsvSource({
            "0177.0.0.1, 127.0.0.1", "127.000.0.1, 127.0.0.1", "010.0.0.1, 8.0.0.1", "0300.0250.0.1, 192.168.0.1",
            "0x7f.0.0.1, 127.0.0.1", "0X7F.0.0.1, 127.0.0.1", "0x7f000001, 127.0.0.1", "2130706433, 127.0.0.1",
            "127.1, 127.0.0.1", "127.0.1, 127.0.0.1", "0x7f.1, 127.0.0.1", "169.254.43518, 169.254.169.254",
            "127.0.0.1., 127.0.0.1", "0, 0.0.0.0", "017700000001, 127.0.0.1"})
    void ambiguousIpv4LiteralsAreRefusedNamingTheCanonicalForm(String host, String canonical) {
        ImportException db = refused(() -> local.checkDatabase(host, 3306), ErrorCode.DATASOURCE_CONNECTION);
        assertThat(db).hasMessageContaining("Refused to connect to " + host + ":3306")
                .hasMessageContaining("meaning depends on the parser").hasMessageEndingWith("write " + canonical);
        ImportException url = refused(() -> local.checkUrl(URI.create("http://" + host + ":8080/x.csv")),
                ErrorCode.DOWNLOAD_FORBIDDEN);
        assertThat(url).hasMessageContaining("http://" + host + ":8080/x.csv").hasMessageEndingWith("write " + canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"08.0.0.1", "0x100.0.0.1", "127.0.65536", "4294967296", "0x1ffffffff", "256.1.1.1"})
    void ambiguousIpv4LiteralsWithoutACanonicalFormAreRefusedToo(String host) {
        assertThat(refused(() -> local.checkDatabase(host, 3306), ErrorCode.DATASOURCE_CONNECTION))
                .hasMessageContaining("meaning depends on the parser")
                .hasMessageEndingWith("write it as four decimal numbers from 0 to 255");
        refused(() -> local.checkUrl(URI.create("http://" + host + "/x.csv")), ErrorCode.DOWNLOAD_FORBIDDEN);
    }

    @Test
    void allowedNetworksDoNotLiftTheRefusalOfAmbiguousLiterals() {
        SourceAddressPolicy p = TestPolicies.policy(LOCAL_DB, List.of(), List.of("0.0.0.0/0"));
        refusedDatabase(p, "0177.0.0.1", 3306, "write 127.0.0.1");
    }

    @Test
    void anAmbiguousLiteralBehindCredentialsInTheUrlIsRefused() {
        assertThat(refused(() -> local.checkUrl(URI.create("http://u:p@0x7f.0.0.1:8080/x.csv")),
                ErrorCode.DOWNLOAD_FORBIDDEN)).hasMessageEndingWith("write 127.0.0.1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.0.0.1", "192.168.1.10", "0.0.0.1", "255.255.255.254", "::1", "[::1]",
            "::ffff:127.0.0.1", "fd12::1"})
    void canonicalLiteralsAndIpv6PassTheLiteralCheck(String host) {
        assertThatCode(() -> local.checkDatabase(host, 3306)).as(host).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"db.example.org", "0x.example.org", "0177.example.org", "127.0.0.1.example.org",
            "cafe", "dead.beef", "1.2.3.4.5", "x7f.0.0.1"})
    void hostNamesAreNotTakenForAmbiguousLiterals(String host) {
        // These do not resolve here: the refusal is "unknown server", never the literal check's.
        try {
            local.checkDatabase(host, 3306);
        } catch (ImportException e) {
            assertThat(e).as(host).hasMessageNotContaining("meaning depends on the parser");
        }
        try {
            local.checkUrl(URI.create("http://" + host + "/x.csv"));
        } catch (ImportException e) {
            assertThat(e.code()).as(host).isNotEqualTo(ErrorCode.DOWNLOAD_FORBIDDEN);
        }
    }

    @Test
    void aResolvableNameStillPasses() {
        assertThatCode(() -> local.checkDatabase("localhost", 3306)).doesNotThrowAnyException();
        assertThatCode(() -> local.checkUrl(URI.create("http://localhost:8080/x.csv"))).doesNotThrowAnyException();
    }

    // ------------------------------------------------------------ names that do not resolve

    @Test
    void unknownHostsKeepTheirErrorCodes() {
        assertThat(refused(() -> local.checkDatabase("no-such-host.invalid", 5432), ErrorCode.DATASOURCE_CONNECTION))
                .hasMessageContaining("no-such-host.invalid");
        refused(() -> local.checkUrl(URI.create("http://no-such-host.invalid/x.csv")), ErrorCode.DOWNLOAD_UNKNOWN_SERVER);
    }

    @Test
    void aUrlWithoutHostIsNotTakenForLoopback() {
        refused(() -> local.checkUrl(URI.create("file:///etc/passwd")), ErrorCode.DOWNLOAD_UNKNOWN_SERVER);
    }

    @Test
    void aNonPostgresServiceUrlIsAConfigurationError() {
        assertThatThrownBy(() -> TestPolicies.serviceDatabaseAt("jdbc:mysql://127.0.0.1/x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("spring.datasource.url");
        assertThatThrownBy(() -> TestPolicies.serviceDatabaseAt(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
