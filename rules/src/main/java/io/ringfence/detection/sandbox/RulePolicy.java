package io.ringfence.detection.sandbox;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The decided lists of the rule sandbox, in one place so that a review reads them together; docs/security.md
 * explains them. Everything not listed here is refused: a rule reads the fact model and the allowed value
 * types, raises alerts, inserts, updates and deletes facts, and reads the rule it is in and the session clock.
 * Names are binary names ({@code java.util.Map$Entry}) for source checks and internal names
 * ({@code java/util/Map$Entry}) for bytecode checks.
 */
final class RulePolicy {
    private RulePolicy() {
    }

    /** Uploaded DRL lives here; no class of the application does, so a simple name cannot reach one of ours. */
    static final String RULE_PACKAGE = "io.ringfence.rules";

    /** Every class of these packages may be used, and the packages may be imported with {@code .*}. */
    static final Set<String> ALLOWED_PACKAGES = Set.of(
            "io.ringfence.event", // the fact model
            "java.time", "java.time.format", "java.time.temporal", "java.math",
            "java.util.function", "java.util.stream"); // lambdas and streams; parallel() is refused by name

    /** Single classes that may be used (their nested classes too). */
    static final Set<String> ALLOWED_CLASSES = Set.of(
            // what the shipped rules call: alerts, subjects, severities, evidence helpers
            "io.ringfence.detection.AlertRegistry", "io.ringfence.detection.Subject",
            "io.ringfence.detection.Severity", "io.ringfence.detection.Evidence", "io.ringfence.detection.Typology",
            // values and arithmetic
            "java.lang.Object", "java.lang.String", "java.lang.StringBuilder", "java.lang.CharSequence",
            "java.lang.Math", "java.lang.StrictMath", "java.lang.Number", "java.lang.Integer", "java.lang.Long",
            "java.lang.Double", "java.lang.Float", "java.lang.Short", "java.lang.Byte", "java.lang.Character",
            "java.lang.Boolean", "java.lang.Comparable", "java.lang.Iterable", "java.lang.Enum",
            // exceptions a consequence may throw or catch
            "java.lang.Throwable", "java.lang.Exception", "java.lang.RuntimeException",
            "java.lang.IllegalArgumentException", "java.lang.IllegalStateException", "java.lang.ArithmeticException",
            "java.lang.NumberFormatException", "java.lang.NullPointerException",
            "java.lang.IndexOutOfBoundsException", "java.lang.UnsupportedOperationException",
            "java.lang.ClassCastException",
            // annotations a consequence's code may carry (on an anonymous class or a local variable)
            "java.lang.Override", "java.lang.SuppressWarnings", "java.lang.Deprecated",
            "java.lang.FunctionalInterface", "java.lang.SafeVarargs",
            // collections (not Formatter, Scanner, Properties, ServiceLoader, Timer, ResourceBundle: they reach
            // files, class loaders or threads)
            "java.util.Collection", "java.util.List", "java.util.ArrayList", "java.util.LinkedList", "java.util.Set",
            "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet", "java.util.SortedSet",
            "java.util.NavigableSet", "java.util.Map", "java.util.HashMap", "java.util.LinkedHashMap",
            "java.util.TreeMap", "java.util.SortedMap", "java.util.NavigableMap", "java.util.Queue",
            "java.util.Deque", "java.util.ArrayDeque", "java.util.PriorityQueue", "java.util.Iterator",
            "java.util.ListIterator", "java.util.Collections", "java.util.Objects", "java.util.Optional",
            "java.util.OptionalInt", "java.util.OptionalLong", "java.util.OptionalDouble", "java.util.Comparator",
            "java.util.StringJoiner", "java.util.Locale", "java.util.IntSummaryStatistics",
            "java.util.LongSummaryStatistics", "java.util.DoubleSummaryStatistics",
            "java.util.regex.Pattern", "java.util.regex.Matcher", "java.util.regex.MatchResult");

    /** The only type a global may have: the alert registry every shipped rule reports to. */
    static final Set<String> ALLOWED_GLOBAL_TYPES = Set.of("io.ringfence.detection.AlertRegistry");

    /** The built-in accumulate functions; others would be Java classes registered by name. */
    static final Set<String> ACCUMULATE_FUNCTIONS = Set.of("average", "count", "collectList", "collectSet",
            "max", "min", "sum");

    /**
     * Attributes Drools 10.1 mishandles: a match they suppress is parked in neither of the rule's match
     * lists, and its next update throws inside the engine (upstream issues 6422 and 6765; docs/detection.md,
     * "Engine defect"). The shipped rules guard against re-firing with facts (watches), not with these.
     */
    static final Set<String> DEFECTIVE_ATTRIBUTES = Set.of("no-loop", "lock-on-active");

    /** Rule and package attributes; their values go through the expression check too. */
    static final Set<String> ATTRIBUTES = Set.of("salience", "agenda-group",
            "activation-group", "ruleflow-group", "auto-focus", "enabled", "date-effective", "date-expires",
            "dialect", "duration", "timer", "calendars");

    /** What {@code drools} and {@code kcontext} may be asked: change facts, name the rule, read the clock. */
    static final Set<String> HANDLE_METHODS = Set.of("insert", "insertLogical", "update", "delete", "retract",
            "getRule", "getKieRuntime", "getFactHandle");

    /** Constraint operators that take {@code [...]} parameters; anywhere else MVEL brackets index collections. */
    static final Set<String> BRACKET_OPERATORS = Set.of("after", "before", "coincides", "during", "finishes",
            "finishedby", "includes", "meets", "metby", "overlaps", "overlappedby", "starts", "startedby", "str");

    /** Why a name is refused, as the message ends. */
    enum Why {
        SYSTEM("no system access"),
        REFLECTION("no reflection or class loading"),
        THREADS("no threads or locks"),
        IO("no file, network or console access"),
        ENGINE("rules may insert, update and delete facts, raise alerts, and read their rule and the session clock"),
        TYPE("not on the allow-list of types"),
        SYNTAX("not allowed in uploaded rules");

        final String text;

        Why(String text) {
            this.text = text;
        }
    }

    /**
     * Names refused wherever they appear, whatever they are called on: the dangerous members of classes a rule
     * can reach anyway (every object has getClass) and of the engine behind {@code drools}. Classes themselves
     * are refused by the allow-lists above, not here.
     */
    static final Map<String, Why> DENIED_NAMES = denied();

    /** Java keywords that declare types or static code, or lock: a consequence needs none of them. */
    static final Set<String> JAVA_KEYWORDS = Set.of("class", "interface", "enum", "static", "native",
            "synchronized", "strictfp", "transient", "volatile", "import", "package", "assert");

    /** MVEL statements: a constraint or a {@code from} is one expression. */
    static final Set<String> MVEL_KEYWORDS = Set.of("def", "function", "foreach", "for", "while", "until", "do",
            "if", "else", "switch", "return", "var", "with", "assert", "import", "proto", "stacklang", "class");

    private static Map<String, Why> denied() {
        Map<String, Why> m = new HashMap<>();
        for (String s : new String[] {"exit", "halt", "exec", "getRuntime", "getenv", "getProperty", "getProperties",
                "setProperty", "setProperties", "clearProperty", "getInteger", "getLong", "getBoolean", "load",
                "loadLibrary", "mapLibraryName", "setSecurityManager", "getSecurityManager", "runFinalization", "gc",
                "addShutdownHook", "removeShutdownHook", "setIn", "setOut", "setErr", "inheritedChannel",
                "setDefault"}) { // Locale.setDefault changes the whole service
            m.put(s, Why.SYSTEM);
        }
        for (String s : new String[] {"getClass", "forName", "getClassLoader", "classLoader", "getContextClassLoader",
                "setContextClassLoader", "contextClassLoader", "getSystemClassLoader", "getPlatformClassLoader",
                "loadClass", "defineClass", "findClass", "findLoadedClass", "getResource", "getResourceAsStream",
                "getResources", "getDeclaredMethod", "getDeclaredMethods", "getDeclaredField", "getDeclaredFields",
                "getDeclaredConstructor", "getDeclaredConstructors", "getDeclaredClasses", "getMethod", "getMethods",
                "getField", "getFields", "getConstructor", "getConstructors", "getEnclosingMethod",
                "getEnclosingClass", "getEnclosingConstructor", "getDeclaringClass", "getSuperclass",
                "getInterfaces", "getRecordComponents", "invoke", "invokeExact", "invokeWithArguments",
                "newInstance", "setAccessible", "trySetAccessible", "getModule", "getProtectionDomain", "lookup",
                "privateLookupIn", "unreflect", "findVirtual", "findStatic", "findConstructor", "findGetter",
                "findSetter", "findStaticGetter", "findStaticSetter", "findSpecial", "newProxyInstance",
                "getProxyClass", "getComponentType", "componentType", "arrayType", "getNestHost", "getNestMembers",
                "getPermittedSubclasses", "getEnumConstants", "describeConstable", "resolveConstantDesc",
                "getCodeSource", "getLocation"}) {
            m.put(s, Why.REFLECTION);
        }
        for (String s : new String[] {"openStream", "openConnection", "toURL", "toURI", "newInputStream",
                "newOutputStream", "readAllBytes", "readAllLines", "readString", "writeString"}) {
            m.put(s, Why.IO);
        }
        // MVEL reads a property through its getter: type.declaringClass is getDeclaringClass(). Every denied
        // getter is therefore denied in its property form too, so a constraint cannot walk from a fact's enum
        // to its Class, protection domain or code source without naming a method.
        // Left out: Java keywords, and properties of the fact model or of allowed types (SipEvent.method).
        Set<String> harmless = Set.of("long", "boolean", "integer", "method", "location", "property", "context",
                "environment", "global", "resource", "resources");
        for (Map.Entry<String, Why> e : new HashMap<>(m).entrySet()) {
            String name = e.getKey();
            if (name.length() > 3 && name.startsWith("get") && Character.isUpperCase(name.charAt(3))) {
                String property = Character.toLowerCase(name.charAt(3)) + name.substring(4);
                if (!harmless.contains(property)) {
                    m.putIfAbsent(property, e.getValue());
                }
            }
        }
        for (String s : new String[] {"parallelStream", "parallel", "parallelSort", "parallelPrefix",
                "parallelSetAll", "wait", "notify", "notifyAll"}) {
            m.put(s, Why.THREADS);
        }
        m.put("printStackTrace", Why.IO);
        for (String s : new String[] {"getKieBase", "getKieBases", "getKieSession", "getKieSessions",
                "getKieContainer", "getKieClasspathContainer", "getKieServices", "newKieSession", "newKieBase",
                "newKieContainer", "newStatelessKieSession", "getWorkingMemory", "getKnowledgeRuntime",
                "getReteEvaluator", "getEnvironment", "getGlobals", "getGlobal", "setGlobal", "dispose", "destroy",
                "getChannels", "registerChannel", "unregisterChannel", "getEntryPoint", "getEntryPoints", "getAgenda",
                "setFocus", "fireAllRules", "fireUntilHalt", "submit", "addEventListener", "removeEventListener",
                "getSessionConfiguration", "getRootClassLoader", "getProcessInstance", "getProcessInstances",
                "startProcess", "startProcessInstance", "signalEvent", "abortProcessInstance", "getWorkItemManager",
                "getContext", "blockMatch", "unblockAllMatches", "cancelMatch", "closeQuiet", "closeAll"}) {
            m.put(s, Why.ENGINE);
        }
        return Map.copyOf(m);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Compiled code

    /**
     * Members of engine classes that compiled rule code may use, by internal owner name. Printed once from what
     * the shipped rules compile to (plus {@code modify}, {@code insertLogical} and named consequences), then
     * reviewed: each is a fact change, the rule, the session clock, or plumbing the Java dialect generates.
     */
    static final Map<String, Set<String>> ENGINE_MEMBERS = Map.of(
            "org/drools/core/rule/consequence/KnowledgeHelper", HANDLE_METHODS,
            "org/kie/api/runtime/rule/RuleContext", HANDLE_METHODS,
            "org/kie/api/runtime/KieRuntime", Set.of("getSessionClock"),
            "org/kie/api/time/SessionClock", Set.of("getCurrentTime"),
            "org/kie/api/definition/rule/Rule", Set.of("getName", "getId", "getPackageName", "getNamespace",
                    "getMetaData"),
            // accumulate arguments are wrapped in field values
            "org/drools/mvel/field/FieldFactory", Set.of("getInstance", "getFieldValue"),
            "io/ringfence/detection/AlertRegistry", Set.of("raise", "isOpen"),
            // invokedynamic bootstraps of lambdas and string concatenation
            "java/lang/invoke/LambdaMetafactory", Set.of("metafactory", "altMetafactory"),
            "java/lang/invoke/StringConcatFactory", Set.of("makeConcatWithConstants", "makeConcat"));

    /** The property masks {@code modify} builds: plain values, every member may be used. */
    static final String BITMASK_PACKAGE = "org/drools/util/bitmask/";

    /**
     * Types compiled rule code may name (in a signature, a cast, a class literal) but not use: no member of
     * these may be called. The rule class signatures carry the engine's context types; function classes
     * implement Externalizable with empty bodies; {@code modify} passes a class literal; enum switches catch
     * NoSuchFieldError; lambdas name the bootstrap's types.
     */
    static final Set<String> NAME_ONLY_TYPES = Set.of(
            "org/drools/base/rule/consequence/ConsequenceContext", "org/kie/api/runtime/rule/FactHandle",
            "org/drools/base/rule/accessor/FieldValue", "java/lang/Class", "java/io/Externalizable",
            "java/io/ObjectInput", "java/io/ObjectOutput", "java/io/IOException",
            "java/lang/ClassNotFoundException", "java/lang/NoSuchFieldError", "java/lang/Runnable",
            "java/lang/invoke/MethodHandles", "java/lang/invoke/MethodHandles$Lookup",
            "java/lang/invoke/MethodType", "java/lang/invoke/MethodHandle", "java/lang/invoke/CallSite");

    /** The interface of the wrappers the Java dialect generates around each consequence, eval and expression. */
    static final String COMPILED_INVOKER = "org/drools/base/rule/accessor/CompiledInvoker";

    /**
     * What those generated wrappers use beyond the above: they compare their bytecode (getClass, a class-file
     * reader) and pass the engine's context to the rule class. No rule text is compiled into them.
     */
    static final Set<String> INVOKER_TYPES = Set.of(
            "org/drools/base/base/ValueResolver", "org/drools/base/reteoo/BaseTuple", "org/drools/base/rule/Declaration",
            "org/drools/base/rule/accessor/CompiledInvoker", "org/drools/base/rule/accessor/EvalExpression",
            "org/drools/base/rule/accessor/ReturnValueExpression", "org/drools/base/rule/consequence/Consequence",
            "org/drools/mvel/asm/ConsequenceGenerator", "org/drools/mvel/asm/ConsequenceStub",
            "org/drools/mvel/asm/EvalGenerator", "org/drools/mvel/asm/EvalStub", "org/drools/mvel/asm/MethodComparator");

    static final Map<String, Set<String>> INVOKER_MEMBERS = Map.of(
            "java/lang/Object", Set.of("getClass"),
            "org/drools/base/rule/Declaration", Set.of("getValue"),
            "org/drools/base/rule/accessor/CompiledInvoker", Set.of("getMethodBytecode"),
            "org/drools/base/rule/accessor/EvalExpression", Set.of("evaluate"),
            "org/drools/base/rule/consequence/Consequence", Set.of("evaluate"),
            "org/drools/mvel/asm/ConsequenceGenerator", Set.of("generate"),
            "org/drools/mvel/asm/EvalGenerator", Set.of("generate"),
            "org/drools/mvel/asm/MethodComparator", Set.of("getMethodBytecode", "compareBytecode"));
}
