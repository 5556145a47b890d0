package io.geoingest.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.geoingest.api.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.ResponseEntity;

/** Kubernetes' probes and Prometheus' scrape, on the management port, which needs no API key. */
class ActuatorTest extends ApiTestSupport {
    @LocalManagementPort
    int management;

    private ResponseEntity<String> actuator(String path) {
        return http.getForEntity("http://127.0.0.1:" + management + "/actuator/" + path, String.class);
    }

    @Test
    void probesAnswerUpWithoutAKey() {
        for (String probe : new String[] {"health", "health/liveness", "health/readiness"}) {
            ResponseEntity<String> answer = actuator(probe);
            assertThat(answer.getStatusCode().value()).as("%s: %s", probe, answer.getBody()).isEqualTo(200);
            assertThat(answer.getBody()).contains("\"status\":\"UP\"");
        }
    }

    @Test
    void prometheusScrapesAndTheApiPortDoesNotExposeActuator() {
        ResponseEntity<String> metrics = actuator("prometheus");
        assertThat(metrics.getStatusCode().value()).isEqualTo(200);
        assertThat(metrics.getBody()).contains("jvm_memory_used_bytes");
        assertThat(get("/actuator/health?api_key=" + ALICE_KEY).getStatusCode().value()).isEqualTo(404);
    }
}
