package io.ringfence.governance;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * What checking one analyst's upload may cost ({@code ringfence.governance.check.*}): compiling a rule set,
 * compiling and probing a decision model, loading and trial-scoring a PMML model. The defaults leave room
 * for several times what the shipped assets take on two busy cores (docs/security.md, "Hostile analyst uploads").
 *
 * @param time       wall-clock time of one check
 * @param allocation bytes the check's thread may allocate (garbage included): the memory budget, since a JVM
 *                   cannot cap the heap of one thread; a FEEL {@code for} over millions of items runs into it
 * @param workers    checks running at once on an instance; a check that would not stop keeps its slot
 */
@ConfigurationProperties("ringfence.governance.check")
record CheckBudgetProperties(@DefaultValue("PT30S") Duration time,
                             @DefaultValue("512MB") DataSize allocation,
                             @DefaultValue("2") int workers) {
}
