package io.ringfence.detection.sandbox;

import io.ringfence.detection.sandbox.ExpressionCheck.Context;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.EntryPointDeclarationDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.GlobalDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.QualifiedName;
import org.drools.drl.ast.descr.QueryDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.ast.descr.TypeDeclarationDescr;
import org.drools.drl.ast.descr.TypeFieldDescr;
import org.drools.drl.ast.descr.WindowDeclarationDescr;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The structural check of one parsed DRL file, before anything is compiled: package, imports, globals,
 * declared types, functions and rules (their conditions go to {@link ConditionCheck}), down to every piece of
 * code they hold, which goes to {@link ExpressionCheck} in the context it will run in.
 *
 * <p>It runs before the build because the build itself runs code: Drools evaluates rule metadata values with
 * MVEL while compiling ({@code @ruleId( anyStaticCall() )} executes), and resolving a type initialises its
 * class.
 */
final class DrlDescrCheck {
    private static final Set<String> STRING_ATTRIBUTES = Set.of("agenda-group", "activation-group",
            "ruleflow-group", "date-effective", "date-expires", "calendars", "dialect");

    private final DescrChecks c;
    private final ConditionCheck conditions;
    private final Set<String> singleImports = new HashSet<>();

    DrlDescrCheck(ExpressionCheck code, Violations out) {
        this.c = new DescrChecks(code, out);
        this.conditions = new ConditionCheck(c);
    }

    void check(PackageDescr pkg) {
        c.at("package " + pkg.getName());
        String name = pkg.getName() == null ? "" : pkg.getName();
        if (!name.equals(RulePolicy.RULE_PACKAGE) && !name.startsWith(RulePolicy.RULE_PACKAGE + ".")) {
            c.add("rules must be in package " + RulePolicy.RULE_PACKAGE + " (in a package of the application a"
                    + " rule could name its internal classes without importing them)");
        }
        if (pkg.getUnit() != null) {
            c.add("rule units are not allowed in uploaded rules");
        }
        attributes(pkg.getAttributes());
        for (ImportDescr i : pkg.getImports()) {
            importDescr(i.getTarget());
        }
        if (!pkg.getFunctionImports().isEmpty()) {
            c.at("import function " + pkg.getFunctionImports().get(0).getTarget());
            c.add("function imports are not allowed in uploaded rules (they call static Java methods)");
        }
        if (!pkg.getAccumulateImports().isEmpty()) {
            c.at("import accumulate " + pkg.getAccumulateImports().get(0).getTarget());
            c.add("accumulate imports are not allowed (accumulate functions are Java classes); use "
                    + RulePolicy.ACCUMULATE_FUNCTIONS);
        }
        for (GlobalDescr g : pkg.getGlobals()) {
            global(g);
        }
        for (TypeDeclarationDescr t : pkg.getTypeDeclarations()) {
            type(t);
        }
        if (!pkg.getEnumDeclarations().isEmpty()) {
            c.at("declare enum " + pkg.getEnumDeclarations().get(0).getTypeName());
            c.add("declared enums are not allowed in uploaded rules (their constants run constructor code)");
        }
        for (EntryPointDeclarationDescr e : pkg.getEntryPointDeclarations()) {
            c.at("entry point '" + e.getEntryPointId() + "'");
            c.annotations(e);
        }
        for (WindowDeclarationDescr w : pkg.getWindowDeclarations()) {
            c.at("window '" + w.getName() + "'");
            c.annotations(w);
            conditions.pattern(w.getPattern());
        }
        for (FunctionDescr f : pkg.getFunctions()) {
            function(f);
        }
        for (RuleDescr r : pkg.getRules()) {
            rule(r);
        }
    }

    private void importDescr(String target) {
        c.at("import " + target);
        if (target.endsWith(".*")) {
            String pkg = target.substring(0, target.length() - 2);
            if (!RulePolicy.ALLOWED_PACKAGES.contains(pkg)) {
                c.add("only these packages may be imported with .*: " + DescrChecks.sorted(RulePolicy.ALLOWED_PACKAGES)
                        + "; import single classes from the allow-list");
            }
            return;
        }
        singleImports.add(target);
        // The check resolves the name as Java does (a nested class through its outer one) and refuses it unless allowed.
        c.code(target, Context.TYPE);
    }

    private void global(GlobalDescr g) {
        c.at("global '" + g.getIdentifier() + "'");
        String type = g.getType();
        if (!type.contains(".")) {
            type = singleImports.stream().filter(i -> i.endsWith("." + g.getType())).findFirst().orElse(type);
        }
        if (!RulePolicy.ALLOWED_GLOBAL_TYPES.contains(type)) {
            c.add("a global may only be of type " + RulePolicy.ALLOWED_GLOBAL_TYPES + ", not " + g.getType());
        }
    }

    private void type(TypeDeclarationDescr t) {
        c.at("declare '" + t.getTypeName() + "'");
        if (t.isTrait()) {
            c.add("traits are not allowed in uploaded rules");
        }
        // A simple name may be a java.lang class the declaration would change; a full one any class.
        c.type(t.getTypeName());
        c.type(t.getType() == null ? null : t.getType().getFullName());
        c.annotations(t);
        for (QualifiedName superType : t.getSuperTypes()) {
            c.type(superType.getFullName());
        }
        for (TypeFieldDescr f : t.getFields().values()) {
            c.type(f.getPattern().getObjectType());
            c.annotations(f);
            if (f.getInitExpr() != null) {
                // The generated class's constructor evaluates the initialiser with MVEL each time a fact of the
                // type is created: the same code check as a constraint, which MVEL also evaluates.
                c.at("declare '" + t.getTypeName() + "' field '" + f.getFieldName() + "'");
                c.code(f.getInitExpr(), Context.MVEL);
                c.at("declare '" + t.getTypeName() + "'");
            }
        }
    }

    private void function(FunctionDescr f) {
        c.at("function '" + f.getName() + "'");
        dialect(f.getDialect());
        c.type(f.getReturnType());
        f.getParameterTypes().forEach(c::type);
        c.code(f.getBody(), Context.JAVA_BLOCK);
    }

    private void rule(RuleDescr r) {
        c.at((r.isQuery() ? "query '" : "rule '") + r.getName() + "'");
        if (r.getUnit() != null) {
            c.add("rule units are not allowed in uploaded rules");
        }
        attributes(r.getAttributes().values());
        c.annotations(r);
        if (r instanceof QueryDescr q && q.getParameterTypes() != null) {
            for (String type : q.getParameterTypes()) {
                c.type(type);
            }
        }
        conditions.check(r.getLhs());
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
            c.code(java, Context.JAVA_BLOCK);
        } else {
            c.add("a consequence of kind " + consequence.getClass().getSimpleName() + " is not allowed");
        }
    }

    private void attributes(Collection<AttributeDescr> attributes) {
        for (AttributeDescr a : attributes) {
            if (RulePolicy.DEFECTIVE_ATTRIBUTES.contains(a.getName())) {
                c.add("the attribute '" + a.getName() + "' is not allowed: Drools 10.1 can throw on the matches it"
                        + " suppresses (docs/detection.md, \"Engine defect\"); guard a rule against firing again with"
                        + " a fact, as the shipped rules' watches do");
            } else if (!RulePolicy.ATTRIBUTES.contains(a.getName())) {
                c.add("the attribute '" + a.getName() + "' is not allowed in uploaded rules");
            } else if (a.getName().equals("dialect")) {
                dialect(a.getValue());
            } else if (!STRING_ATTRIBUTES.contains(a.getName())) {
                c.code(a.getValue(), Context.MVEL);
            }
        }
    }

    private void dialect(String dialect) {
        if (dialect != null && !dialect.replace("\"", "").trim().equals("java")) {
            c.add("dialect \"" + dialect.replace("\"", "").trim() + "\" is not allowed: uploaded rules use the"
                    + " Java dialect, whose code is compiled and checked class by class");
        }
    }

}
