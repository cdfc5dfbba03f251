package io.ringfence.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The chart rendered by Helm for each environment, every manifest valid against the Kubernetes
 * schema, and the invariants an operator relies on: probes on the health groups, no root, a read-only
 * root filesystem, memory limits, a rolling update that never goes below the replica count, the prod
 * profile, and credentials only ever referenced from Secrets.
 */
class ChartTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void lintsCleanInStrictMode(String environment, @TempDir Path tmp) throws Exception {
        LintResult lint = new Helm(Chart.withValuesOf(environment, tmp)).lint().strict().call();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    @Test
    void lintCatchesABrokenManifest(@TempDir Path tmp) throws Exception {
        Path chart = Chart.withValuesOf("prod", tmp);
        java.nio.file.Files.writeString(chart.resolve("templates/broken.yaml"), "apiVersion: v1\nkind: [ConfigMap\n");
        LintResult lint = new Helm(chart).lint().strict().call();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isTrue();
        assertThat(String.join("\n", lint.getMessages())).contains("broken.yaml");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void rendersManifestsTheKubernetesSchemaAccepts(String environment) throws Exception {
        List<HasMetadata> objects = StrictManifests.read(Chart.render(environment));
        assertThat(objects).extracting(HasMetadata::getKind)
                .contains("Deployment", "Service", "ConfigMap", "ServiceAccount")
                .doesNotContain("Secret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void theServiceRunsUnprivilegedWithProbesAndLimits(String environment) throws Exception {
        Deployment deployment = only(StrictManifests.read(Chart.render(environment)), Deployment.class);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container c = pod.getContainers().get(0);

        assertThat(path(c.getStartupProbe())).isEqualTo("/actuator/health/liveness");
        assertThat(path(c.getLivenessProbe())).isEqualTo("/actuator/health/liveness");
        assertThat(path(c.getReadinessProbe())).as("readiness includes the stream").isEqualTo("/actuator/health/readiness");

        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isNotNull().isNotZero();
        assertThat(c.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");

        VolumeMount tmp = c.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp")).findFirst().orElseThrow();
        Volume tmpVolume = pod.getVolumes().stream().filter(v -> v.getName().equals(tmp.getName())).findFirst().orElseThrow();
        assertThat(tmpVolume.getEmptyDir()).as("/tmp is an emptyDir (the audit heads' volume is the only other writable path)").isNotNull();

        assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(c.getResources().getLimits()).containsKey("memory");
        assertThat(c.getResources().getLimits().get("memory")).isEqualTo(c.getResources().getRequests().get("memory"));

        assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
        int preStop = c.getLifecycle().getPreStop().getSleep().getSeconds().intValue();
        assertThat(preStop).as("a stopping pod answers while the endpoints drop it").isPositive();
        assertThat(pod.getTerminationGracePeriodSeconds()).as("grace for the pause and the service's 30 s shutdown")
                .isGreaterThanOrEqualTo(preStop + 30L);

        Map<String, EnvVar> env = c.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
        assertThat(env.get("SPRING_PROFILES_ACTIVE").getValue()).isEqualTo("prod");
        assertThat(env.get("RINGFENCE_LOG_FORMAT").getValue()).isEqualTo("json");
        for (String credential : List.of("SPRING_DATASOURCE_PASSWORD", "SPRING_DATA_REDIS_PASSWORD",
                "RINGFENCE_SECURITY_OIDC_DIRECTORYCLIENTSECRET", "RINGFENCE_LOGGING_PSEUDONYM_KEY")) {
            EnvVar e = env.get(credential);
            assertThat(e).as(credential).isNotNull();
            assertThat(e.getValue()).as(credential + " never a literal").isNull();
            assertThat(e.getValueFrom().getSecretKeyRef().getName()).as(credential).isNotBlank();
        }
        assertThat(env.values()).as("no literal value looks like a credential")
                .allSatisfy(e -> assertThat(e.getValue() == null || !e.getName().matches(".*(PASSWORD|SECRET|KEY|TOKEN).*")).isTrue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "prod"})
    void theConfigurationIsOidcWithoutCredentials(String environment) throws Exception {
        List<HasMetadata> objects = StrictManifests.read(Chart.render(environment));
        String properties = objects.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                .filter(m -> m.getData().containsKey("application.properties")).findFirst().orElseThrow()
                .getData().get("application.properties");
        assertThat(properties).contains("ringfence.security.mode=oidc", "ringfence.kafka.bootstrap-servers=",
                "spring.datasource.url=jdbc:postgresql://", "spring.data.redis.host=", "ringfence.security.oidc.issuer-uri=https://");
        assertThat(properties.lines().filter(l -> l.matches("(?i)[^#=]*(password|secret|pseudonym-key)[^=]*=.*")))
                .as("credentials come from Secrets as environment variables").isEmpty();
        if (!environment.equals("dev")) {
            assertThat(properties).contains("sslmode=verify-full", "spring.data.redis.ssl.enabled=true",
                    "ringfence.kafka.properties.security.protocol=SASL_SSL", "sasl.mechanism=SCRAM-SHA-512",
                    "password=\"${KAFKA_SASL_PASSWORD}\"");
        }
    }

    private static String applicationProperties(String rendered) throws Exception {
        return StrictManifests.read(rendered).stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                .filter(m -> m.getData().containsKey("application.properties")).findFirst().orElseThrow()
                .getData().get("application.properties");
    }

    @Test
    void aTrustStoreIsNamedOnlyWhenItsSecretIsMountedOtherwiseTheJvmsDefaultIsTrusted() throws Exception {
        String withCa = applicationProperties(Chart.render("prod"));
        String withoutCa = applicationProperties(Chart.render("prod",
                Map.of("kafka.tls.caSecret", "", "postgresql.caSecret", "")));

        assertThat(withCa).contains("ringfence.kafka.properties.ssl.truststore.type=PEM",
                "ringfence.kafka.properties.ssl.truststore.location=/etc/ringfence/tls/kafka/ca.crt",
                "sslmode=verify-full&sslrootcert=/etc/ringfence/tls/postgresql/ca.crt");
        assertThat(withoutCa).contains("ringfence.kafka.properties.security.protocol=SASL_SSL",
                        "sslmode=verify-full&sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory")
                .doesNotContain("ssl.truststore", "sslrootcert");
    }

    @Test
    void productionPublishesAuditHeadsWithAKeyFromASecretAndRunsRetentionAsTheTablesOwner() throws Exception {
        List<HasMetadata> prod = StrictManifests.read(Chart.render("prod"));
        PodSpec pod = only(prod, Deployment.class).getSpec().getTemplate().getSpec();
        Container c = pod.getContainers().get(0);
        Volume key = pod.getVolumes().stream().filter(v -> v.getName().equals("audit-heads-key")).findFirst().orElseThrow();
        assertThat(key.getSecret().getSecretName()).isEqualTo("ringfence-audit-heads-key");
        assertThat(key.getSecret().getDefaultMode()).as("the signing key readable by its owner only").isEqualTo(0400);
        VolumeMount keyMount = c.getVolumeMounts().stream().filter(m -> m.getName().equals("audit-heads-key")).findFirst()
                .orElseThrow();
        assertThat(keyMount.getReadOnly()).isTrue();
        Volume heads = pod.getVolumes().stream().filter(v -> v.getName().equals("audit-heads")).findFirst().orElseThrow();
        assertThat(heads.getPersistentVolumeClaim().getClaimName()).isEqualTo("ringfence-audit-heads");
        String properties = applicationProperties(Chart.render("prod"));
        assertThat(properties).contains(
                "ringfence.audit.heads.private-key=" + keyMount.getMountPath() + "/head-signing-key.pem",
                "ringfence.audit.heads.public-key=" + keyMount.getMountPath() + "/head-signing-key.pub.pem",
                "ringfence.audit.heads.dir=/var/lib/ringfence/audit-heads");
        Map<String, EnvVar> env = c.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
        assertThat(env.get("RINGFENCE_STORE_OWNER_PASSWORD").getValueFrom().getSecretKeyRef().getName())
                .isEqualTo("ringfence-postgresql-owner");

        String dev = Chart.render("dev");
        assertThat(applicationProperties(dev)).doesNotContain("ringfence.audit.heads");
        assertThat(dev).doesNotContain("audit-heads-key", "RINGFENCE_STORE_OWNER");
        assertThatThrownBy(() -> Chart.render("prod", Map.of("auditHeads.existingClaim", "")))
                .as("a key without a volume to publish to").hasMessageContaining("auditHeads.existingClaim");
    }

    @Test
    void productionKeepsTwoPodsThroughDisruptionsAndScalesOnLag() throws Exception {
        List<HasMetadata> objects = StrictManifests.read(Chart.render("prod"));
        PodDisruptionBudget pdb = only(objects, PodDisruptionBudget.class);
        HorizontalPodAutoscaler hpa = only(objects, HorizontalPodAutoscaler.class);
        assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isEqualTo(2);
        assertThat(hpa.getSpec().getMinReplicas()).isGreaterThan(pdb.getSpec().getMinAvailable().getIntVal());
        assertThat(hpa.getSpec().getMetrics()).extracting(m -> m.getType()).containsExactly("Resource", "Pods");
        assertThat(only(objects, Deployment.class).getSpec().getReplicas()).as("the HPA owns the count").isNull();
        assertThat(objects).extracting(HasMetadata::getKind).contains("ServiceMonitor", "PrometheusRule", "NetworkPolicy");
        assertThat(objects.stream().filter(o -> o.getMetadata().getLabels().containsKey("grafana_dashboard")).count())
                .as("one ConfigMap per dashboard").isEqualTo(3);
    }

    @Test
    void stagingAndProdApproveNoRuleTableModelOrReferenceChangeBeforeItsBacktest() throws Exception {
        for (String env : List.of("staging", "prod")) {
            assertThat(applicationProperties(Chart.render(env))).as(env).contains(
                    "ringfence.governance.review.backtest-required-for=RULES,DECISION_MODEL,SCORING_MODEL,REFERENCE_DATA");
        }
        assertThat(applicationProperties(Chart.render("dev"))).doesNotContain("backtest-required-for");
    }

    @Test
    void aNumberLookupServiceIsConfiguredWithItsTokenFromASecretAndNamed() throws Exception {
        Map<String, String> sets = Map.of("numberLookup.url", "https://hlr.example/v1/numbers/{number}",
                "numberLookup.source", "hlr:example", "numberLookup.existingSecret", "ringfence-hlr");
        String rendered = Chart.render("prod", sets);
        assertThat(applicationProperties(rendered)).contains(
                "ringfence.number-lookup.url=https://hlr.example/v1/numbers/{number}",
                "ringfence.number-lookup.source=hlr:example", "ringfence.number-lookup.timeout=PT0.5S")
                .doesNotContain("token");
        Container c = only(StrictManifests.read(rendered), Deployment.class).getSpec().getTemplate().getSpec()
                .getContainers().get(0);
        EnvVar token = c.getEnv().stream().filter(e -> e.getName().equals("RINGFENCE_NUMBER_LOOKUP_TOKEN")).findFirst()
                .orElseThrow();
        assertThat(token.getValueFrom().getSecretKeyRef().getName()).isEqualTo("ringfence-hlr");
        assertThat(token.getValue()).isNull();

        assertThat(applicationProperties(Chart.render("prod"))).as("off unless a url is given")
                .doesNotContain("number-lookup");
        assertThatThrownBy(() -> Chart.render("prod", Map.of("numberLookup.url", "https://hlr.example/{number}")))
                .as("answers must say where they came from").hasMessageContaining("numberLookup.source");
    }

    @Test
    void tracesGoToTheCollectorGivenAtTheRatioGiven() throws Exception {
        String rendered = Chart.render("prod", Map.of("tracing.otlpEndpoint", "http://otel-collector.monitoring:4318/v1/traces",
                "tracing.samplingProbability", "0.25"));
        assertThat(applicationProperties(rendered)).contains(
                "management.otlp.tracing.endpoint=http://otel-collector.monitoring:4318/v1/traces",
                "management.tracing.sampling.probability=0.25");
        assertThat(applicationProperties(Chart.render("prod"))).as("none sent unless a collector is given")
                .doesNotContain("management.otlp.tracing.endpoint")
                .contains("management.tracing.sampling.probability=0.1");
        assertThatThrownBy(() -> Chart.render("prod", Map.of("tracing.samplingProbability", "1.5")))
                .hasMessageContaining("tracing.samplingProbability must lie between 0 and 1");
    }

    @Test
    void aMissingSecretReferenceFailsTheRender() {
        assertThatThrownBy(() -> Chart.render("prod", Map.of("postgresql.existingSecret", "")))
                .hasMessageContaining("postgresql.existingSecret must be set");
    }

    @Test
    void aCredentialPassedAsAPlainPropertyIsRefused() {
        assertThatThrownBy(() -> Chart.render("prod", Map.of("extraProperties.spring\\.datasource\\.password", "hunter2")))
                .hasMessageContaining("belongs in a Secret");
    }

    private static String path(Probe p) {
        assertThat(p).isNotNull();
        assertThat(p.getHttpGet().getPort().getStrVal()).isEqualTo("http");
        return p.getHttpGet().getPath();
    }

    private static <T> T only(List<HasMetadata> objects, Class<T> type) {
        List<T> found = objects.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(found).as(type.getSimpleName()).hasSize(1);
        return found.get(0);
    }

}
