package io.ringfence.governance;

import io.ringfence.reference.ReferenceDataLoader;
import io.ringfence.reference.ReferenceDataRepository;
import org.springframework.context.ApplicationContext;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

/**
 * The governance mocks answering as a service that runs what it shipped with and has no changes: a
 * submission is taken (pending), a review or rollback of an unknown change is not found.
 */
public final class NoChanges {
    private NoChanges() {
    }

    public static void stub(ApplicationContext slice) {
        ChangeService changes = slice.getBean(ChangeService.class);
        when(changes.submit(any(), any(), any(), any(), any(), any(), any())).thenAnswer(call -> new AssetChange(
                UUID.randomUUID(), call.getArgument(0), call.getArgument(1), call.getArgument(2), call.getArgument(4),
                call.getArgument(5), call.getArgument(3), ChangeService.sha256(call.getArgument(3)),
                AssetChange.Status.PENDING, call.getArgument(6), Instant.now(), null, null, null, null));
        // A decision model may restate scenarios: the same taking, by the overload with the names.
        when(changes.submit(any(), any(), any(), any(), any(), any(), any(), any(), any())).thenAnswer(call -> new AssetChange(
                UUID.randomUUID(), call.getArgument(0), call.getArgument(1), call.getArgument(2), call.getArgument(4),
                call.getArgument(5), call.getArgument(3), ChangeService.sha256(call.getArgument(3)),
                AssetChange.Status.PENDING, call.getArgument(6), Instant.now(), null, null, null, null));
        when(changes.submitShadowStep(any(), any(), any(), any())).thenThrow(
                new ChangeRejected(409, "Nothing in shadow", "nothing runs in shadow"));
        ChangeRejected unknown = new ChangeRejected(404, "Not found", "no such change");
        when(changes.approve(any(), any(), any())).thenThrow(unknown);
        when(changes.reject(any(), any(), any())).thenThrow(unknown);
        when(changes.withdraw(any(), any())).thenThrow(unknown);
        when(changes.submitDraft(any(), any())).thenThrow(unknown);
        when(changes.rollback(any(), any(), any(), any())).thenThrow(unknown);

        Map<AssetKind, LiveAssets.InForce> shipped = new EnumMap<>(AssetKind.class);
        for (AssetKind k : AssetKind.values()) {
            if (k.deployable()) {
                shipped.put(k, new LiveAssets.InForce(0, null, "shipped", null));
            }
        }
        LiveAssets live = slice.getBean(LiveAssets.class);
        when(live.inForce()).thenReturn(shipped);
        when(live.baseDecisionModelSource()).thenReturn(
                "<definitions xmlns=\"https://www.omg.org/spec/DMN/20230324/MODEL/\"/>".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        LiveRuleFiles ruleFiles = slice.getBean(LiveRuleFiles.class);
        when(ruleFiles.current()).thenReturn(new AssetCompiler.RuleSetUpload("shipped", Map.of("a.drl", "package x;"), Map.of()));
        when(ruleFiles.parametersInForce()).thenReturn(Map.of("irsf.minCallsAfterTest", "3"));

        io.ringfence.decision.CustomerSegments customers = slice.getBean(io.ringfence.decision.CustomerSegments.class);
        when(customers.version()).thenReturn("2026.11.1");
        when(customers.text()).thenReturn("msisdnPrefix,segment,monthlyValue,note\n,CONSUMER,20,\n");

        ReferenceDataRepository reference = slice.getBean(ReferenceDataRepository.class);
        when(reference.current()).thenReturn(ReferenceDataLoader.defaults().load());
        when(reference.files()).thenReturn(ReferenceDataLoader.defaults().files());
        ChangeRejected same = new ChangeRejected(422, "Nothing changed", "the lists sent are the lists in force");
        ReferenceDataChanges lists = slice.getBean(ReferenceDataChanges.class);
        when(lists.submit(any(), any(), any())).thenThrow(same);
        when(lists.importFeed(any(), any(), any(), any(), any(), any())).thenThrow(same);
    }
}
