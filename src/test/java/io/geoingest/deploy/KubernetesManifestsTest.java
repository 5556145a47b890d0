package io.geoingest.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The manifests of {@code k8s/} against the Kubernetes API types (fabric8's model of the
 * OpenAPI schema): every field must be one the API knows, with the right type, since no
 * cluster is available to reject them here. Then what the deployment needs of them.
 */
class KubernetesManifestsTest {
    private static final Path DIR = Path.of("k8s");
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "v1/ConfigMap", ConfigMap.class, "v1/Secret", Secret.class, "v1/Service", Service.class,
            "v1/PersistentVolumeClaim", PersistentVolumeClaim.class, "apps/v1/Deployment", Deployment.class,
            "apps/v1/StatefulSet", StatefulSet.class, "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class);

    private final YAMLMapper yaml = new YAMLMapper();
    private final ObjectMapper json = JsonMapper.builder().build();

    @Test
    void everyManifestIsValidAgainstTheKubernetesTypes() throws Exception {
        List<HasMetadata> all = resources();
        assertThat(all).extracting(HasMetadata::getKind).contains("Deployment", "Service", "ConfigMap", "Secret",
                "PodDisruptionBudget", "StatefulSet", "PersistentVolumeClaim");
        JsonNode kustomization = yaml.readTree(DIR.resolve("kustomization.yaml").toFile());
        List<String> listed = new ArrayList<>();
        kustomization.get("resources").forEach(r -> listed.add(r.asText()));
        try (Stream<Path> files = Files.list(DIR)) {
            assertThat(listed).containsExactlyInAnyOrderElementsOf(files.map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals("kustomization.yaml")).toList());
        }
    }

    @Test
    void theDeploymentRunsSeveralNonRootReplicasWithProbesLimitsAndASharedUploadVolume() throws Exception {
        Deployment d = only(Deployment.class);
        assertThat(d.getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
        assertThat(d.getSpec().getSelector().getMatchLabels().entrySet())
                .isSubsetOf(d.getSpec().getTemplate().getMetadata().getLabels().entrySet());
        assertThat(d.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
        Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
        assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
        // Actuator answers on the management port only (management.server.port, 8081).
        assertThat(List.of(c.getStartupProbe(), c.getLivenessProbe(), c.getReadinessProbe()))
                .allSatisfy(p -> assertThat(p.getHttpGet().getPort().getStrVal()).isEqualTo("management"));
        assertThat(c.getPorts()).anySatisfy(p -> assertThat(p.getName()).isEqualTo("management"))
                .anySatisfy(p -> assertThat(p.getContainerPort()).isEqualTo(8081));
        assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(c.getResources().getLimits()).containsKeys("cpu", "memory");
        assertThat(c.getEnvFrom().get(0).getSecretRef().getName()).isEqualTo(only(Secret.class).getMetadata().getName());

        String claim = d.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getPersistentVolumeClaim() != null).findFirst().orElseThrow()
                .getPersistentVolumeClaim().getClaimName();
        PersistentVolumeClaim pvc = only(PersistentVolumeClaim.class);
        assertThat(pvc.getMetadata().getName()).isEqualTo(claim);
        assertThat(pvc.getSpec().getAccessModes()).containsExactly("ReadWriteMany");

        assertThat(only(PodDisruptionBudget.class).getSpec().getSelector().getMatchLabels())
                .isEqualTo(d.getSpec().getSelector().getMatchLabels());
        assertThat(only(Service.class).getSpec().getSelector()).isEqualTo(d.getSpec().getSelector().getMatchLabels());
    }

    @Test
    void theIntegratorRoutesOfTheConfigMapAreMountedWhereTheServiceLoadsThem() throws Exception {
        Deployment d = only(Deployment.class);
        Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
        String dir = c.getEnv().stream().filter(e -> e.getName().equals("GEOINGEST_ROUTES_DIR")).findFirst()
                .orElseThrow().getValue();
        String volume = d.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getConfigMap() != null && v.getConfigMap().getItems().stream()
                        .anyMatch(i -> i.getKey().equals("routes.camel.yaml") && i.getPath().endsWith(".camel.yaml")))
                .findFirst().orElseThrow().getName();
        assertThat(c.getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getName()).isEqualTo(volume);
            assertThat(m.getMountPath()).isEqualTo(dir);
            assertThat(m.getSubPath()).as("a subPath mount would never see a changed ConfigMap").isNull();
        });
    }

    @Test
    void secretsLiveInTheSecretAndTheConfigMapCarriesApplicationYaml() throws Exception {
        assertThat(only(Secret.class).getStringData()).containsKeys("SPRING_DATASOURCE_PASSWORD",
                "GEOINGEST_SECRET_KEY", "GEOINGEST_ACCOUNTS_0_API_KEY");
        ConfigMap config = resources().stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                .filter(m -> m.getData().containsKey("application.yaml")).findFirst().orElseThrow();
        JsonNode app = yaml.readTree(config.getData().get("application.yaml"));
        assertThat(app.at("/spring/datasource/url").asText()).startsWith("jdbc:postgresql://");
        assertThat(app.at("/spring/datasource").has("password")).as("passwords belong in the Secret").isFalse();
        assertThat(app.at("/logging/structured/format/console").asText()).as("JSON logs").isEqualTo("ecs");
        assertThat(yaml.readTree(config.getData().get("routes.camel.yaml")).isArray()).isTrue();
    }

    @Test
    void aMisspeltOrMisplacedFieldIsCaught() throws Exception {
        JsonNode typo = yaml.readTree("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\n"
                + "spec: {replica: 2, template: {spec: {containers: [{name: a, image: b, livenessprobe: {}}]}}}\n");
        assertThat(unknownFields(json.treeToValue(typo, Deployment.class), ""))
                .containsExactlyInAnyOrder(".spec.replica", ".spec.template.spec.containers[].livenessprobe");
    }

    /** The one resource of that type that belongs to geoingest itself (not to its PostGIS). */
    private <T extends HasMetadata> T only(Class<T> type) throws IOException {
        List<T> found = resources().stream().filter(type::isInstance).map(type::cast)
                .filter(r -> "geoingest".equals(r.getMetadata().getLabels().get("app.kubernetes.io/name"))).toList();
        assertThat(found).as("one %s", type.getSimpleName()).hasSize(1);
        return found.get(0);
    }

    private List<HasMetadata> resources() throws IOException {
        List<HasMetadata> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path file : files.filter(p -> !p.endsWith("kustomization.yaml")).sorted().toList()) {
                for (JsonNode doc : yaml.readValues(new YAMLFactory().createParser(file.toFile()), JsonNode.class)
                        .readAll()) {
                    String key = doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
                    Class<? extends HasMetadata> type = KINDS.get(key);
                    assertThat(type).as("%s in %s", key, file).isNotNull();
                    HasMetadata resource = json.treeToValue(doc, type);
                    assertThat(unknownFields(resource, "")).as("fields the Kubernetes API does not know, in %s", file)
                            .isEmpty();
                    out.add(resource);
                }
            }
        }
        return out;
    }

    /** Fields fabric8 kept aside as "additional properties": misspelt or misplaced in the manifest. */
    private static List<String> unknownFields(Object model, String path) {
        List<String> unknown = new ArrayList<>();
        if (model == null || !model.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return unknown;
        }
        try {
            for (PropertyDescriptor p : Introspector.getBeanInfo(model.getClass()).getPropertyDescriptors()) {
                if (p.getReadMethod() == null || p.getName().equals("class")) {
                    continue;
                }
                Object value = p.getReadMethod().invoke(model);
                if (p.getName().equals("additionalProperties")) {
                    ((Map<?, ?>) value).keySet().forEach(k -> unknown.add(path + "." + k));
                } else if (value instanceof Collection<?> items) {
                    items.forEach(item -> unknown.addAll(unknownFields(item, path + "." + p.getName() + "[]")));
                } else if (value instanceof Map<?, ?> map) {
                    map.values().forEach(item -> unknown.addAll(unknownFields(item, path + "." + p.getName() + "{}")));
                } else {
                    unknown.addAll(unknownFields(value, path + "." + p.getName()));
                }
            }
        } catch (ReflectiveOperationException | java.beans.IntrospectionException e) {
            throw new IllegalStateException(e);
        }
        return unknown;
    }
}
