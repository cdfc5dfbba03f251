package io.ringfence.audit;

import org.springframework.context.ApplicationContext;
import org.springframework.data.domain.Page;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

/** The audit API's mocks answering as a service with no alerts stored; the other queries' defaults already read as empty. */
public final class NoAlerts {
    private NoAlerts() {
    }

    public static void stub(ApplicationContext slice) {
        when(slice.getBean(AlertRecordRepository.class).findBySubscriberOrderByDetectedAtDesc(any(), any()))
                .thenReturn(Page.empty());
    }
}
