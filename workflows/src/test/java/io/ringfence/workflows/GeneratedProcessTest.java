package io.ringfence.workflows;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the code generator made of the BPMN. It decides from this module's classpath whether the process
 * keeps its instances in a store; without the persistence add-on it quietly generates an in-memory
 * process, and every open case would lose its place in the process at the next restart.
 */
class GeneratedProcessTest {

    @Test
    void theGeneratedProcessTakesItsInstancesFromAStore() throws Exception {
        Class<?> process = Class.forName("io.ringfence.workflows.Fraud_caseProcess");
        boolean stored = Arrays.stream(process.getConstructors())
                .map(Constructor::getParameterTypes)
                .anyMatch(types -> Arrays.stream(types).anyMatch(t -> t.getName().equals("org.kie.kogito.process.ProcessInstancesFactory")));
        assertThat(stored).as("a constructor of %s takes a ProcessInstancesFactory", process.getSimpleName()).isTrue();
    }
}
