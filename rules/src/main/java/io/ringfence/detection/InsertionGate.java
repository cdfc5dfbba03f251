package io.ringfence.detection;

import org.drools.base.base.ClassObjectType;
import org.drools.base.base.ValueResolver;
import org.drools.base.rule.EntryPointId;
import org.drools.base.rule.constraint.AlphaNodeFieldConstraint;
import org.drools.core.common.DefaultEventHandle;
import org.drools.core.impl.InternalRuleBase;
import org.drools.core.reteoo.AlphaNode;
import org.drools.core.reteoo.EntryPointNode;
import org.drools.core.reteoo.ObjectSink;
import org.drools.core.reteoo.ObjectTypeNode;
import org.drools.core.reteoo.WindowNode;
import org.kie.api.KieBase;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells, before an event enters the session, whether any pattern of the compiled rules can ever see
 * it: its class must reach an object-type node, and one of that node's chains of alpha constraints
 * (the tests on the event alone) must let it through to a join, a window or a rule.
 *
 * <p>An event that fails every chain is still kept by Drools until its retention ends: a fact, a
 * handle, and an expiry job in the pseudo clock's priority queue, whose every removal walks the depth
 * of a queue holding one job per event kept. Data sessions, a third of a day's traffic, match no
 * pattern at all. Drools's own remedy (an immutable knowledge base dropping unmatched facts) only
 * drops them after their expiry job is queued, and cancelling those jobs cost more than it saved
 * (docs/benchmarks.md, runs A1-B2); here they never enter.
 *
 * <p>Conservative by construction: a node kind it does not know, or a constraint that throws, admits
 * the event, so Drools sees exactly what it saw before and reports the same errors. The constraints it
 * evaluates are the rules' own, on the event alone, so a refused event is one no rule could match.
 * Built per session (alpha constraints may read the session's globals); one session, one thread.
 */
final class InsertionGate {
    private static final Path ALWAYS = (handle, resolver) -> true;
    private static final Path NEVER = (handle, resolver) -> false;

    private final List<ObjectTypeNode> typeNodes;
    private final ValueResolver resolver;
    private final Map<Class<?>, Path> byClass = new IdentityHashMap<>();
    private final DefaultEventHandle probe = new DefaultEventHandle();

    InsertionGate(KieBase kieBase, ValueResolver resolver) {
        EntryPointNode entry = ((InternalRuleBase) kieBase).getRete().getEntryPointNodes().get(EntryPointId.DEFAULT);
        this.typeNodes = entry == null ? List.of() : List.copyOf(entry.getObjectTypeNodes().values());
        this.resolver = resolver;
    }

    /** @return false if no rule can match {@code fact}, so inserting it would change nothing */
    boolean admits(Object fact) {
        Path path = byClass.computeIfAbsent(fact.getClass(), this::pathFor);
        if (path == ALWAYS || path == NEVER) {
            return path == ALWAYS;
        }
        probe.setObject(fact);
        try {
            return path.reaches(probe, resolver);
        } catch (RuntimeException e) {
            return true;
        } finally {
            probe.setObject(null);
        }
    }

    private Path pathFor(Class<?> type) {
        List<Path> roots = new ArrayList<>();
        for (ObjectTypeNode node : typeNodes) {
            if (node.getObjectType() instanceof ClassObjectType cot && cot.isAssignableFrom(type)) {
                roots.add(fromSinks(node.getObjectSinkPropagator().getSinks()));
            } else if (!(node.getObjectType() instanceof ClassObjectType)) {
                return ALWAYS;
            }
        }
        return any(roots);
    }

    private static Path fromSinks(ObjectSink[] sinks) {
        List<Path> paths = new ArrayList<>(sinks.length);
        for (ObjectSink sink : sinks) {
            paths.add(from(sink));
        }
        return any(paths);
    }

    private static Path from(ObjectSink sink) {
        if (sink instanceof AlphaNode alpha) {
            Path next = fromSinks(alpha.getObjectSinkPropagator().getSinks());
            if (next == NEVER) {
                return NEVER;
            }
            AlphaNodeFieldConstraint constraint = alpha.getConstraint();
            return next == ALWAYS
                    ? (handle, resolver) -> constraint.isAllowed(handle, resolver)
                    : (handle, resolver) -> constraint.isAllowed(handle, resolver) && next.reaches(handle, resolver);
        }
        if (sink instanceof WindowNode window) {
            List<AlphaNodeFieldConstraint> constraints = List.copyOf(window.getConstraints());
            return constraints.isEmpty() ? ALWAYS : (handle, resolver) -> {
                for (AlphaNodeFieldConstraint c : constraints) {
                    if (!c.isAllowed(handle, resolver)) {
                        return false;
                    }
                }
                return true;
            };
        }
        return ALWAYS;
    }

    private static Path any(List<Path> paths) {
        List<Path> open = new ArrayList<>(paths.size());
        for (Path p : paths) {
            if (p == ALWAYS) {
                return ALWAYS;
            }
            if (p != NEVER) {
                open.add(p);
            }
        }
        if (open.isEmpty()) {
            return NEVER;
        }
        if (open.size() == 1) {
            return open.get(0);
        }
        Path[] all = open.toArray(Path[]::new);
        return (handle, resolver) -> {
            for (Path p : all) {
                if (p.reaches(handle, resolver)) {
                    return true;
                }
            }
            return false;
        };
    }

    @FunctionalInterface
    private interface Path {
        boolean reaches(DefaultEventHandle handle, ValueResolver resolver);
    }
}
