package io.ringfence.switchfeed;

import io.ringfence.ingest.EventParser;
import org.springframework.context.ApplicationContext;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

/** The mocked ingest answering as the real one does, without a broker: it parses the event for real. */
public final class ParsingSwitchEvents {
    private static final EventParser PARSER = new EventParser();

    private ParsingSwitchEvents() {
    }

    public static void stub(ApplicationContext slice) {
        when(slice.getBean(SwitchEventIngest.class).accept(any())).thenAnswer(call -> PARSER.parse((byte[]) call.getArgument(0)));
    }
}
