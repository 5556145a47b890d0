package io.geoingest.sources;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The host and port of one server geoingest's own database lives on, as its JDBC URL names it
 * (a URL may list several, for failover).
 */
record ServiceDatabase(String host, int port) {

    /** The servers of a PostgreSQL JDBC URL, split the way PgJDBC splits it. */
    static List<ServiceDatabase> ofJdbcUrl(String url) {
        Properties p = url == null ? null : org.postgresql.Driver.parseURL(url, null);
        if (p == null) {
            throw new IllegalArgumentException("spring.datasource.url is not a PostgreSQL JDBC URL: "
                    + "geoingest cannot tell which server it must keep connectors away from");
        }
        String[] hosts = p.getProperty("PGHOST", "").split(",", -1);
        String[] ports = p.getProperty("PGPORT", "").split(",", -1);
        List<ServiceDatabase> servers = new ArrayList<>(hosts.length);
        for (int i = 0; i < hosts.length; i++) {
            String host = hosts[i].isBlank() ? "localhost" : hosts[i].strip();
            String port = i < ports.length && !ports[i].isBlank() ? ports[i].strip() : "5432";
            servers.add(new ServiceDatabase(host, Integer.parseInt(port)));
        }
        return servers;
    }

    /** Its addresses now (a name may move); none when it does not resolve. */
    List<InetAddress> addresses() {
        try {
            return List.of(InetAddress.getAllByName(host));
        } catch (UnknownHostException e) {
            return List.of();
        }
    }
}
