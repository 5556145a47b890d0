package io.geoingest.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

class SourcesPropertiesTest {
    @Configuration
    @EnableConfigurationProperties({SourcesProperties.class, DataSourceProperties.class})
    @Import({SourceAddressPolicy.class, ServicePorts.class, ProcessListeningPorts.class})
    static class Config {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Config.class)
            .withPropertyValues("spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/geoingest");

    @Test
    void emptyByDefault() {
        runner.run(context -> {
            SourcesProperties p = context.getBean(SourcesProperties.class);
            assertThat(p.deniedNetworks()).isEmpty();
            assertThat(p.allowedNetworks()).isEmpty();
        });
    }

    @Test
    void boundFromCommaSeparatedCidrs() {
        runner.withPropertyValues("geoingest.sources.denied-networks=10.0.0.0/8, fd00:ec2::254/128",
                "geoingest.sources.allowed-networks[0]=169.254.170.2").run(context -> {
                    SourcesProperties p = context.getBean(SourcesProperties.class);
                    assertThat(p.deniedNetworks()).map(Cidr::toString).containsExactly("10.0.0.0/8", "fd00:ec2::254/128");
                    assertThat(p.allowedNetworks()).map(Cidr::toString).containsExactly("169.254.170.2");
                    SourceAddressPolicy policy = context.getBean(SourceAddressPolicy.class);
                    policy.checkUrl(URI.create("http://169.254.170.2/v2/credentials"));
                });
    }

    @Test
    void everyPortOfTheProcessIsRefusedByDefault() throws Exception {
        try (ServerSocket route = new ServerSocket(0)) {
            URI url = URI.create("http://localhost:" + route.getLocalPort() + "/metrics");
            runner.run(context -> {
                assertThat(context.getBean(SourcesProperties.class).refuseAllOwnPorts()).isTrue();
                assertThatThrownBy(() -> context.getBean(SourceAddressPolicy.class).checkUrl(url))
                        .hasMessageContaining("is this service's own port (a port this process listens on)");
            });
            runner.withPropertyValues("geoingest.sources.refuse-all-own-ports=false").run(context ->
                    assertThatCode(() -> context.getBean(SourceAddressPolicy.class).checkUrl(url))
                            .doesNotThrowAnyException());
        }
    }

    @Test
    void aBadCidrStopsTheService() {
        runner.withPropertyValues("geoingest.sources.denied-networks=10.0.0.0/33").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("10.0.0.0/33"));
    }

    @Test
    void theServiceDatabaseUrlMustBePostgres() {
        runner.withPropertyValues("spring.datasource.url=jdbc:h2:mem:x").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("spring.datasource.url"));
    }
}
