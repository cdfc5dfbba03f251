package io.ringfence.ingest;

import io.ringfence.event.TelecomEvent;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every public getter of an event, by name: events have no equals(), and listing the getters by
 * reflection means a field added to the model later is compared without touching the tests.
 */
final class EventSnapshot {
    private EventSnapshot() {
    }

    static Map<String, Object> of(TelecomEvent e) {
        Map<String, Object> values = new TreeMap<>();
        for (Method m : e.getClass().getMethods()) {
            String n = m.getName();
            boolean getter = (n.startsWith("get") || n.startsWith("is")) && m.getParameterCount() == 0
                    && !Modifier.isStatic(m.getModifiers());
            if (!getter || n.equals("getClass") || n.equals("getEnrichment")) {
                continue;
            }
            try {
                values.put(n, m.invoke(e));
            } catch (ReflectiveOperationException ex) {
                throw new IllegalStateException(n, ex);
            }
        }
        return values;
    }
}
