package io.ringfence.detection.sandbox;

import io.ringfence.detection.sandbox.ExpressionCheck.Context;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.BehaviorDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalBranchDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.EntryPointDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ForallDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.MVELExprDescr;
import org.drools.drl.ast.descr.NamedConsequenceDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.PatternSourceDescr;
import org.drools.drl.ast.descr.WindowReferenceDescr;

/**
 * The check of a rule's conditions (its {@code when} part, a window's pattern): patterns and their types,
 * constraints and {@code from} sources (MVEL), evals and accumulate arguments (Java). The walk knows each
 * descriptor type the DRL parser produces for the constructs rules need, compared by exact class, and refuses
 * any other, so a construct added by a later Drools cannot slip through unchecked.
 */
final class ConditionCheck {
    private final DescrChecks c;

    ConditionCheck(DescrChecks checks) {
        this.c = checks;
    }

    void check(BaseDescr d) {
        Class<?> kind = d.getClass();
        if (kind == AndDescr.class) {
            and((AndDescr) d);
        } else if (kind == OrDescr.class || kind == NotDescr.class || kind == ExistsDescr.class) {
            ((ConditionalElementDescr) d).getDescrs().forEach(this::check);
        } else if (kind == ForallDescr.class) {
            ((ForallDescr) d).getDescrs().forEach(this::check);
        } else if (kind == PatternDescr.class) {
            pattern((PatternDescr) d);
        } else if (kind == EvalDescr.class) {
            eval((EvalDescr) d);
        } else if (kind == ConditionalBranchDescr.class) {
            for (ConditionalBranchDescr b = (ConditionalBranchDescr) d; b != null; b = b.getElseBranch()) {
                if (b.getCondition() != null) {
                    eval(b.getCondition());
                }
            }
        } else if (kind != NamedConsequenceDescr.class) {
            c.unsupported(d);
        }
    }

    /**
     * Drools 10.1's eval node turns a staged insert of its match into an update when the accumulate
     * above it flips in the same evaluation as an insertion (a window expiry and a new event), and the
     * engine then throws on the next update of that match (docs/detection.md, "Engine defect"). The
     * shipped rules never put an eval below a constrained accumulate; uploaded ones may not either.
     */
    private void and(AndDescr and) {
        boolean constrainedAccumulateAbove = false;
        for (BaseDescr child : and.getDescrs()) {
            if (child.getClass() == EvalDescr.class && constrainedAccumulateAbove) {
                c.add("an eval below an accumulate with result constraints is not allowed: Drools 10.1 can"
                        + " throw on it when a window expiry and an insertion meet (docs/detection.md, \"Engine"
                        + " defect\"); write the test as a result constraint of the accumulate instead");
            }
            constrainedAccumulateAbove |= isConstrainedAccumulate(child);
            check(child);
        }
    }

    private static boolean isConstrainedAccumulate(BaseDescr d) {
        return d instanceof PatternDescr p && p.getSource() instanceof AccumulateDescr
                && p.getConstraint() != null && !p.getConstraint().getDescrs().isEmpty();
    }

    private void eval(EvalDescr e) {
        if (e.getContent() instanceof String java) {
            c.code(java, Context.JAVA_EXPRESSION);
        } else {
            c.unsupported(e);
        }
    }

    void pattern(PatternDescr p) {
        c.type(p.getObjectType());
        c.annotations(p);
        constraints((BaseDescr) p.getConstraint());
        for (BehaviorDescr b : p.getBehaviors()) {
            b.getParameters().forEach(param -> c.code(param, Context.MVEL));
        }
        PatternSourceDescr source = p.getSource();
        if (source == null || source.getClass() == EntryPointDescr.class || source.getClass() == WindowReferenceDescr.class) {
            return;
        }
        if (source.getClass() == FromDescr.class) {
            if (((FromDescr) source).getDataSource() instanceof MVELExprDescr expression) {
                c.code(expression.getExpression(), Context.MVEL);
            } else {
                c.unsupported(source);
            }
        } else if (source.getClass() == CollectDescr.class) {
            pattern(((CollectDescr) source).getInputPattern());
        } else if (source.getClass() == AccumulateDescr.class) {
            accumulate((AccumulateDescr) source);
        } else {
            c.unsupported(source);
        }
    }

    private void constraints(BaseDescr constraint) {
        if (constraint == null) {
            return;
        }
        Class<?> kind = constraint.getClass();
        if (kind == ExprConstraintDescr.class) {
            c.code(((ExprConstraintDescr) constraint).getExpression(), Context.MVEL);
        } else if (kind == AndDescr.class || kind == OrDescr.class) {
            ((ConditionalElementDescr) constraint).getDescrs().forEach(this::constraints);
        } else {
            c.unsupported(constraint);
        }
    }

    private void accumulate(AccumulateDescr a) {
        if (a.getInitCode() != null || a.getActionCode() != null || a.getReverseCode() != null
                || a.getResultCode() != null) {
            c.add("inline accumulate code (init, action, reverse, result) is not allowed; use the accumulate"
                    + " functions " + DescrChecks.sorted(RulePolicy.ACCUMULATE_FUNCTIONS));
        }
        a.getDescrs().forEach(this::check);
        for (AccumulateDescr.AccumulateFunctionCallDescr f : a.getFunctions()) {
            if (!RulePolicy.ACCUMULATE_FUNCTIONS.contains(f.getFunction())) {
                c.add("the accumulate function '" + f.getFunction() + "' is not allowed; use "
                        + DescrChecks.sorted(RulePolicy.ACCUMULATE_FUNCTIONS));
            }
            for (String param : f.getParams()) {
                c.code(param, Context.JAVA_EXPRESSION);
            }
        }
    }
}
