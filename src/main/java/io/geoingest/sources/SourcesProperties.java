package io.geoingest.sources;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code geoingest.sources.*}: which addresses connectors and downloads may reach, besides what
 * {@link SourceAddressPolicy} always refuses.
 *
 * @param deniedNetworks    networks (CIDR) never connected to, e.g. {@code 10.0.0.0/8} when the
 *                          service must not read the internal network (default none)
 * @param allowedNetworks   networks (CIDR) connected to even when link-local, unspecified,
 *                          multicast or denied (default none); never geoingest's own database
 *                          or this service's own ports
 * @param refuseAllOwnPorts whether every port this process listens on is refused on this
 *                          machine, as the web servers' ports always are (default true; read
 *                          from {@code /proc}, Linux only). Off only for a JVM that also runs
 *                          servers imports must reach: the tests' fake sources.
 */
@ConfigurationProperties("geoingest.sources")
public record SourcesProperties(@DefaultValue List<Cidr> deniedNetworks, @DefaultValue List<Cidr> allowedNetworks,
                                @DefaultValue("true") boolean refuseAllOwnPorts) {

    public SourcesProperties {
        deniedNetworks = deniedNetworks == null ? List.of() : List.copyOf(deniedNetworks);
        allowedNetworks = allowedNetworks == null ? List.of() : List.copyOf(allowedNetworks);
    }
}
