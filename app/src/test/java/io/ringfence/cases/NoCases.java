package io.ringfence.cases;

import org.springframework.context.ApplicationContext;

import java.util.List;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.when;

/** The case API's mocks answering as a service with no cases and no tasks: empty lists, an unknown task not found. */
public final class NoCases {
    private NoCases() {
    }

    public static void stub(ApplicationContext slice) {
        when(slice.getBean(CaseStore.class).list(any())).thenReturn(new CaseStore.Page<>(List.of(), 0));
        CaseTasks tasks = slice.getBean(CaseTasks.class);
        when(tasks.available(any(), any())).thenReturn(new CaseStore.Page<>(List.of(), 0));
        when(tasks.visible(anyString(), any())).thenAnswer(call -> { throw unknown(call.getArgument(0)); });
        when(tasks.claim(anyString(), any())).thenAnswer(call -> { throw unknown(call.getArgument(0)); });
        when(tasks.release(anyString(), any())).thenAnswer(call -> { throw unknown(call.getArgument(0)); });
        when(tasks.delegate(anyString(), any(), any())).thenAnswer(call -> { throw unknown(call.getArgument(0)); });
        when(tasks.complete(anyString(), any(), any())).thenAnswer(call -> { throw unknown(call.getArgument(0)); });
    }

    private static CaseException unknown(String taskId) {
        return CaseException.notFound("task " + taskId);
    }
}
