package io.ringfence.helm;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The schema check refuses what kubeconform would: a misspelt field, a wrong type, an old apiVersion. */
class StrictManifestsTest {
    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: ringfence
            spec:
              replicas: REPLICAS
              selector:
                matchLabels: {app: ringfence}
              template:
                metadata:
                  labels: {app: ringfence}
                spec:
                  containers:
                    - name: ringfence
                      image: ringfence:1
                      FIELD: IfNotPresent
            """;

    @Test
    void aValidDeploymentIsRead() throws Exception {
        assertThat(StrictManifests.read(DEPLOYMENT.replace("REPLICAS", "2").replace("FIELD", "imagePullPolicy")))
                .singleElement().satisfies(d -> assertThat(d.getKind()).isEqualTo("Deployment"));
    }

    @Test
    void aMisspeltFieldDeepInsideIsRefused() {
        assertThatThrownBy(() -> StrictManifests.read(DEPLOYMENT.replace("REPLICAS", "2").replace("FIELD", "imagePulPolicy")))
                .hasMessageContaining("imagePulPolicy")
                .hasMessageContaining("spec.template.spec.containers[0]");
    }

    @Test
    void aWrongTypeIsRefused() {
        assertThatThrownBy(() -> StrictManifests.read(DEPLOYMENT.replace("REPLICAS", "two").replace("FIELD", "imagePullPolicy")))
                .hasMessageContaining("replicas");
    }

    @Test
    void anApiVersionTheChartMustNotUseIsRefused() {
        assertThatThrownBy(() -> StrictManifests.read(DEPLOYMENT.replace("apps/v1", "extensions/v1beta1")
                .replace("REPLICAS", "2").replace("FIELD", "imagePullPolicy")))
                .hasMessageContaining("extensions/v1beta1/Deployment");
    }
}
