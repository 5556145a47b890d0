package io.geoingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

class DownloadPropertiesTest {
    @Configuration
    @EnableConfigurationProperties(DownloadProperties.class)
    static class Config {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Config.class);

    @Test
    void defaults() {
        runner.run(context -> {
            DownloadProperties p = context.getBean(DownloadProperties.class);
            assertThat(p.connectTimeout()).isEqualTo(Duration.ofSeconds(15));
            assertThat(p.timeout()).isEqualTo(Duration.ofMinutes(30));
            assertThat(p.maxRedirects()).isEqualTo(5);
            assertThat(p.maxBytes()).isEqualTo(DataSize.ofGigabytes(2));
            assertThat(p.maxExpandedBytes()).isEqualTo(DataSize.ofGigabytes(8));
        });
    }

    @Test
    void boundFromKebabCaseKeys() {
        runner.withPropertyValues("geoingest.download.timeout=90s", "geoingest.download.max-bytes=10MB",
                "geoingest.download.max-expanded-bytes=1GB").run(context -> {
                    DownloadProperties p = context.getBean(DownloadProperties.class);
                    assertThat(p.timeout()).isEqualTo(Duration.ofSeconds(90));
                    assertThat(p.maxBytes()).isEqualTo(DataSize.ofMegabytes(10));
                    assertThat(p.maxExpandedBytes()).isEqualTo(DataSize.ofGigabytes(1));
                });
    }
}
