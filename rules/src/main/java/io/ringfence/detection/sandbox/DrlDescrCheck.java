package io.ringfence.detection.sandbox;

import io.ringfence.detection.sandbox.ExpressionCheck.Context;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.AnnotatedBaseDescr;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.BehaviorDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalBranchDescr;
import org.drools.drl.ast.descr.EntryPointDeclarationDescr;
import org.drools.drl.ast.descr.EntryPointDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ForallDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.GlobalDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.MVELExprDescr;
import org.drools.drl.ast.descr.NamedConsequenceDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.PatternSourceDescr;
import org.drools.drl.ast.descr.QualifiedName;
import org.drools.drl.ast.descr.QueryDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.ast.descr.TypeDeclarationDescr;
import org.drools.drl.ast.descr.TypeFieldDescr;
import org.drools.drl.ast.descr.WindowDeclarationDescr;
import org.drools.drl.ast.descr.WindowReferenceDescr;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The structural check of one parsed DRL file, before anything is compiled: package, imports, globals,
 * declared types, functions and rules, down to every piece of code they hold, which goes to
 * {@link ExpressionCheck} in the context it will run in. The walk knows each descriptor type the DRL parser
 * produces for the constructs rules need, and refuses any other, so a construct added by a later Drools
 * cannot slip through unchecked.
 *
 * <p>It runs before the build because the build itself runs code: Drools evaluates rule metadata values with
 * MVEL while compiling ({@code @ruleId( anyStaticCall() )} executes), and resolving a type initialises its
 * class.
 */
final class DrlDescrCheck {
    /** What a metadata value may be: a string, a number or duration, or a lower-case word. */
    private static final Pattern LITERAL = Pattern.compile(
            "\"[^\"\\\\]*(\\\\.[^\"\\\\]*)*\"|-?[0-9][0-9_.]*[a-zA-Z0-9]*|[a-z][A-Za-z0-9_]*");
    private static final Set<String> STRING_ATTRIBUTES = Set.of("agenda-group", "activation-group",
            "ruleflow-group", "date-effective", "date-expires", "calendars", "dialect");

    private final ExpressionCheck code;
    private final Violations out;
    private final Set<String> singleImports = new java.util.HashSet<>();

    DrlDescrCheck(ExpressionCheck code, Violations out) {
        this.code = code;
        this.out = out;
    }

    void check(PackageDescr pkg) {
        out.at("package " + pkg.getName());
        String name = pkg.getName() == null ? "" : pkg.getName();
        if (!name.equals(RulePolicy.RULE_PACKAGE) && !name.startsWith(RulePolicy.RULE_PACKAGE + ".")) {
            out.add("rules must be in package " + RulePolicy.RULE_PACKAGE + " (in a package of the application a"
                    + " rule could name its internal classes without importing them)");
        }
        if (pkg.getUnit() != null) {
            out.add("rule units are not allowed in uploaded rules");
        }
        attributes(pkg.getAttributes());
        for (ImportDescr i : pkg.getImports()) {
            importDescr(i.getTarget());
        }
        if (!pkg.getFunctionImports().isEmpty()) {
            out.at("import function " + pkg.getFunctionImports().get(0).getTarget());
            out.add("function imports are not allowed in uploaded rules (they call static Java methods)");
        }
        if (!pkg.getAccumulateImports().isEmpty()) {
            out.at("import accumulate " + pkg.getAccumulateImports().get(0).getTarget());
            out.add("accumulate imports are not allowed (accumulate functions are Java classes); use "
                    + RulePolicy.ACCUMULATE_FUNCTIONS);
        }
        for (GlobalDescr g : pkg.getGlobals()) {
            global(g);
        }
        for (TypeDeclarationDescr t : pkg.getTypeDeclarations()) {
            type(t);
        }
        if (!pkg.getEnumDeclarations().isEmpty()) {
            out.at("declare enum " + pkg.getEnumDeclarations().get(0).getTypeName());
            out.add("declared enums are not allowed in uploaded rules (their constants run constructor code)");
        }
        for (EntryPointDeclarationDescr e : pkg.getEntryPointDeclarations()) {
            out.at("entry point '" + e.getEntryPointId() + "'");
            annotations(e);
        }
        for (WindowDeclarationDescr w : pkg.getWindowDeclarations()) {
            out.at("window '" + w.getName() + "'");
            annotations(w);
            pattern(w.getPattern());
        }
        for (FunctionDescr f : pkg.getFunctions()) {
            function(f);
        }
        for (RuleDescr r : pkg.getRules()) {
            rule(r);
        }
    }

    private void importDescr(String target) {
        out.at("import " + target);
        if (target.endsWith(".*")) {
            String pkg = target.substring(0, target.length() - 2);
            if (!RulePolicy.ALLOWED_PACKAGES.contains(pkg)) {
                out.add("only these packages may be imported with .*: " + sorted(RulePolicy.ALLOWED_PACKAGES)
                        + "; import single classes from the allow-list");
            }
            return;
        }
        singleImports.add(target);
        List<String> problems = code.problems(target, Context.TYPE);
        problems.forEach(out::add);
        if (problems.isEmpty() && !ClassNames.allowed(target)) {
            out.add(ClassNames.refusal(target));
        }
    }

    private void global(GlobalDescr g) {
        out.at("global '" + g.getIdentifier() + "'");
        String type = g.getType();
        if (!type.contains(".")) {
            type = singleImports.stream().filter(i -> i.endsWith("." + g.getType())).findFirst().orElse(type);
        }
        if (!RulePolicy.ALLOWED_GLOBAL_TYPES.contains(type)) {
            out.add("a global may only be of type " + RulePolicy.ALLOWED_GLOBAL_TYPES + ", not " + g.getType());
        }
    }

    private void type(TypeDeclarationDescr t) {
        out.at("declare '" + t.getTypeName() + "'");
        if (t.isTrait()) {
            out.add("traits are not allowed in uploaded rules");
        }
        typeName(t.getType() == null ? t.getTypeName() : t.getType().getFullName());
        annotations(t);
        for (QualifiedName superType : t.getSuperTypes()) {
            typeName(superType.getFullName());
        }
        for (TypeFieldDescr f : t.getFields().values()) {
            typeName(f.getPattern().getObjectType());
            annotations(f);
            if (f.getInitExpr() != null && !LITERAL.matcher(f.getInitExpr().trim()).matches()) {
                out.add("field '" + f.getFieldName() + "' may only be initialised with a literal, not "
                        + f.getInitExpr().trim());
            }
        }
    }

    private void function(FunctionDescr f) {
        out.at("function '" + f.getName() + "'");
        dialect(f.getDialect());
        typeName(f.getReturnType());
        f.getParameterTypes().forEach(this::typeName);
        check(f.getBody(), Context.JAVA_BLOCK);
    }

    private void rule(RuleDescr r) {
        out.at((r.isQuery() ? "query '" : "rule '") + r.getName() + "'");
        if (r.getUnit() != null) {
            out.add("rule units are not allowed in uploaded rules");
        }
        attributes(r.getAttributes().values());
        annotations(r);
        if (r instanceof QueryDescr q && q.getParameterTypes() != null) {
            for (String type : q.getParameterTypes()) {
                typeName(type);
            }
        }
        lhs(r.getLhs());
        consequence(r.getConsequence());
        for (Object named : r.getNamedConsequences().values()) {
            consequence(named);
        }
    }

    private void consequence(Object consequence) {
        if (consequence == null) {
            return;
        }
        if (consequence instanceof String java) {
            check(java, Context.JAVA_BLOCK);
        } else {
            out.add("a consequence of kind " + consequence.getClass().getSimpleName() + " is not allowed");
        }
    }

    private void attributes(Collection<AttributeDescr> attributes) {
        for (AttributeDescr a : attributes) {
            if (!RulePolicy.ATTRIBUTES.contains(a.getName())) {
                out.add("the attribute '" + a.getName() + "' is not allowed in uploaded rules");
            } else if (a.getName().equals("dialect")) {
                dialect(a.getValue());
            } else if (!STRING_ATTRIBUTES.contains(a.getName())) {
                check(a.getValue(), Context.MVEL);
            }
        }
    }

    private void dialect(String dialect) {
        if (dialect != null && !dialect.replace("\"", "").trim().equals("java")) {
            out.add("dialect \"" + dialect.replace("\"", "").trim() + "\" is not allowed: uploaded rules use the"
                    + " Java dialect, whose code is compiled and checked class by class");
        }
    }

    /**
     * Metadata values are evaluated with MVEL while the rule compiles, so they must be literals; annotation
     * names are resolved as types, so they must be plain names.
     */
    private void annotations(AnnotatedBaseDescr descr) {
        for (AnnotationDescr a : descr.getAnnotations()) {
            if (!a.getName().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                out.add("annotation @" + a.getName() + ": annotations must be plain names");
                continue;
            }
            code.problems(a.getName(), Context.TYPE).forEach(out::add);
            for (Map.Entry<String, Object> v : a.getValueMap().entrySet()) {
                for (Object value : v.getValue() instanceof Object[] array ? List.of(array) : List.of(v.getValue())) {
                    String text = String.valueOf(value).trim();
                    if (!(value instanceof String) || !LITERAL.matcher(text).matches()) {
                        out.add("annotation @" + a.getName() + ": values must be literals (a string, a number or "
                                + "duration, or a lower-case name): " + text);
                    } else if (!text.startsWith("\"")) {
                        check(text, Context.MVEL);
                    }
                }
            }
        }
    }

    private void lhs(BaseDescr d) {
        Class<?> kind = d.getClass();
        if (kind == AndDescr.class || kind == OrDescr.class || kind == NotDescr.class || kind == ExistsDescr.class) {
            ((org.drools.drl.ast.descr.ConditionalElementDescr) d).getDescrs().forEach(this::lhs);
        } else if (kind == ForallDescr.class) {
            ((ForallDescr) d).getDescrs().forEach(this::lhs);
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
            unsupported(d);
        }
    }

    private void eval(EvalDescr e) {
        if (e.getContent() instanceof String java) {
            check(java, Context.JAVA_EXPRESSION);
        } else {
            unsupported(e);
        }
    }

    private void pattern(PatternDescr p) {
        typeName(p.getObjectType());
        annotations(p);
        constraints((BaseDescr) p.getConstraint());
        for (BehaviorDescr b : p.getBehaviors()) {
            b.getParameters().forEach(param -> check(param, Context.MVEL));
        }
        PatternSourceDescr source = p.getSource();
        if (source == null || source.getClass() == EntryPointDescr.class || source.getClass() == WindowReferenceDescr.class) {
            return;
        }
        if (source.getClass() == FromDescr.class) {
            if (((FromDescr) source).getDataSource() instanceof MVELExprDescr expression) {
                check(expression.getExpression(), Context.MVEL);
            } else {
                unsupported(source);
            }
        } else if (source.getClass() == CollectDescr.class) {
            pattern(((CollectDescr) source).getInputPattern());
        } else if (source.getClass() == AccumulateDescr.class) {
            accumulate((AccumulateDescr) source);
        } else {
            unsupported(source);
        }
    }

    private void constraints(BaseDescr c) {
        if (c == null) {
            return;
        }
        Class<?> kind = c.getClass();
        if (kind == ExprConstraintDescr.class) {
            check(((ExprConstraintDescr) c).getExpression(), Context.MVEL);
        } else if (kind == AndDescr.class || kind == OrDescr.class) {
            ((org.drools.drl.ast.descr.ConditionalElementDescr) c).getDescrs().forEach(this::constraints);
        } else {
            unsupported(c);
        }
    }

    private void accumulate(AccumulateDescr a) {
        if (a.getInitCode() != null || a.getActionCode() != null || a.getReverseCode() != null
                || a.getResultCode() != null) {
            out.add("inline accumulate code (init, action, reverse, result) is not allowed; use the accumulate"
                    + " functions " + sorted(RulePolicy.ACCUMULATE_FUNCTIONS));
        }
        a.getDescrs().forEach(this::lhs);
        for (AccumulateDescr.AccumulateFunctionCallDescr f : a.getFunctions()) {
            if (!RulePolicy.ACCUMULATE_FUNCTIONS.contains(f.getFunction())) {
                out.add("the accumulate function '" + f.getFunction() + "' is not allowed; use "
                        + sorted(RulePolicy.ACCUMULATE_FUNCTIONS));
            }
            for (String param : f.getParams()) {
                check(param, Context.JAVA_EXPRESSION);
            }
        }
    }

    private void typeName(String type) {
        if (type != null) {
            check(type, Context.TYPE);
        }
    }

    private void check(String text, Context context) {
        code.problems(text, context).forEach(out::add);
    }

    private void unsupported(Object descr) {
        out.add("the construct " + descr.getClass().getSimpleName().replace("Descr", "")
                + " is not supported in uploaded rules");
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }
}
