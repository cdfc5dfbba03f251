package io.ringfence.detection;

import org.junit.jupiter.api.Test;
import org.kie.internal.utils.KieHelper;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static io.ringfence.detection.HostileUpload.HEADER;
import static io.ringfence.detection.HostileUpload.refusedWithoutRunning;
import static io.ringfence.detection.HostileUpload.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Uploads written to escape the rule sandbox (docs/security.md). Each must be refused with a message naming
 * the file, the rule and what it reached for, and must not have run: no marker file, no tripwire, a live JVM.
 */
class HostileRuleUploadTest {
    @TempDir
    Path dir;

    /** Name, the DRL given the marker path as a Java string literal, a fragment the refusal must contain. */
    static Stream<Arguments> hostile() {
        return Stream.of(
                upload("System.exit in a consequence",
                        m -> rule("$v : VoiceEvent( )", "System.exit( 3 );"),
                        "hostile.drl rule 'hostile': java.lang.System is not allowed in rules (no system access)"),
                upload("Runtime.exec in a consequence",
                        m -> rule("$v : VoiceEvent( )", "Runtime.getRuntime().exec( new String[] { \"touch\", " + m + " } );"),
                        "java.lang.Runtime is not allowed in rules (no system access)"),
                upload("Runtime.exec in a constraint, which MVEL evaluates",
                        m -> rule("$v : VoiceEvent( java.lang.Runtime.getRuntime().exec( \"touch \" + " + m + " ) != null )", ""),
                        "java.lang.Runtime is not allowed in rules (no system access)"),
                upload("System.exit in a constraint",
                        m -> rule("$v : VoiceEvent( System.exit( 1 ) == null )", ""),
                        "java.lang.System is not allowed in rules"),
                upload("java.io.File by its full name",
                        m -> rule("$v : VoiceEvent( )", "new java.io.File( " + m + " ).createNewFile();"),
                        "java.io.File is not allowed in rules (no file, network or console access)"),
                upload("java.nio.file.Files",
                        m -> rule("$v : VoiceEvent( )", "java.nio.file.Files.writeString( java.nio.file.Path.of( " + m + " ), \"x\" );"),
                        "java.nio.file.Files is not allowed in rules (no file, network or console access)"),
                upload("an imported FileWriter",
                        m -> rule("$v : VoiceEvent( )", "new FileWriter( " + m + " ).close();")
                                .replace("import io.ringfence.event.*;", "import io.ringfence.event.*;\nimport java.io.FileWriter;"),
                        "hostile.drl import java.io.FileWriter: java.io.FileWriter is not allowed in rules"),
                upload("a socket",
                        m -> rule("$v : VoiceEvent( )", "new java.net.Socket( \"127.0.0.1\", 9 ).close();"),
                        "java.net.Socket is not allowed in rules (no file, network or console access)"),
                upload("a URL fetched from a from clause",
                        m -> rule("$s : Object( ) from new java.net.URL( \"http://127.0.0.1:9/\" ).openStream()", ""),
                        "java.net.URL is not allowed in rules (no file, network or console access)"),
                upload("a new thread",
                        m -> rule("$v : VoiceEvent( )", "new Thread( () -> { } ).start();"),
                        "java.lang.Thread is not allowed in rules (no threads or locks)"),
                upload("an executor",
                        m -> rule("$v : VoiceEvent( )", "java.util.concurrent.Executors.newSingleThreadExecutor().submit( () -> 1 );"),
                        "java.util.concurrent.Executors is not allowed in rules (no threads or locks)"),
                upload("a parallel stream, which runs on the common pool's threads",
                        m -> rule("$v : VoiceEvent( )", "java.util.List.of( 1, 2 ).parallelStream().count();"),
                        "parallelStream is not allowed in rules (no threads or locks)"),
                upload("a change to the default locale of the whole service",
                        m -> rule("$v : VoiceEvent( )", "java.util.Locale.setDefault( java.util.Locale.CHINA );"),
                        "setDefault is not allowed in rules (no system access)"),
                upload("reflection through getClass().forName",
                        m -> rule("$v : VoiceEvent( )", "Object r = $v.getClass().forName( \"java.lang.Runtime\" );"),
                        "getClass is not allowed in rules (no reflection or class loading)"),
                upload("Class.forName of a concatenated name, then Method.invoke",
                        m -> rule("$v : VoiceEvent( )", "Object r = Class.forName( \"java.lang.\" + \"Runtime\" )"
                                + ".getMethod( \"getRuntime\" ).invoke( null );"),
                        "java.lang.Class is not allowed in rules (no reflection or class loading)"),
                upload("java.lang.reflect imported whole",
                        m -> rule("$v : VoiceEvent( )", "")
                                .replace("import io.ringfence.event.*;", "import io.ringfence.event.*;\nimport java.lang.reflect.*;"),
                        "hostile.drl import java.lang.reflect.*: only these packages may be imported with .*"),
                upload("an application class by its full name, without an import",
                        m -> rule("$v : VoiceEvent( )", "io.ringfence.detection.Tripwire.touch();"),
                        "io.ringfence.detection.Tripwire is not allowed in rules"),
                upload("a consequence in the MVEL dialect, which is interpreted, not compiled",
                        m -> rule("$v : VoiceEvent( )", "$v.toString();")
                                .replace("@severity( \"HIGH\" )", "@severity( \"HIGH\" )\n    dialect \"mvel\""),
                        "dialect \"mvel\" is not allowed"),
                upload("the MVEL dialect for the whole package",
                        m -> rule("$v : VoiceEvent( )", "").replace("global io.ringfence", "dialect \"mvel\"\nglobal io.ringfence"),
                        "dialect \"mvel\" is not allowed"),
                upload("a DRL function doing I/O",
                        m -> HEADER + "function void leak( String s ) { java.nio.file.Files.writeString( java.nio.file.Path.of( "
                                + m + " ), s ); }\n" + rule("$v : VoiceEvent( )", "leak( \"x\" );").substring(HEADER.length()),
                        "hostile.drl function 'leak': java.nio.file.Files is not allowed in rules"),
                upload("a declared type with a field of a type outside the allow-list",
                        m -> HEADER + "declare Holder\n    worker : java.lang.Thread\nend\n",
                        "hostile.drl declare 'Holder': java.lang.Thread is not allowed in rules"),
                upload("a declaration that changes a java.lang class named without its package",
                        m -> HEADER + "declare Thread\n    @role( event )\nend\n",
                        "hostile.drl declare 'Thread': java.lang.Thread is not allowed in rules"),
                upload("a declared type whose field initialiser runs code",
                        m -> HEADER + "declare Holder\n    home : String = io.ringfence.detection.Tripwire.touch()\nend\n",
                        "hostile.drl declare 'Holder' field 'home': io.ringfence.detection.Tripwire is not allowed in rules"),
                upload("a field initialiser writing a file whenever a fact of the type is created",
                        m -> HEADER + "declare Holder\n    made : boolean = new java.io.File( " + m + " ).createNewFile()\nend\n"
                                + rule("$v : VoiceEvent( )", "insert( new Holder() );").substring(HEADER.length()),
                        "hostile.drl declare 'Holder' field 'made': java.io.File is not allowed in rules"),
                upload("a field initialiser walking to a class loader by MVEL properties",
                        m -> HEADER + "declare Holder\n    loader : Object = io.ringfence.event.Direction.MO.declaringClass.classLoader\nend\n",
                        "declaringClass is not allowed in rules (no reflection or class loading)"),
                upload("a field initialiser reading the environment",
                        m -> HEADER + "declare Holder\n    home : String = System.getenv( \"HOME\" )\nend\n",
                        "hostile.drl declare 'Holder' field 'home': java.lang.System is not allowed in rules"),
                upload("rule metadata, which Drools evaluates with MVEL while compiling",
                        m -> rule("$v : VoiceEvent( )", "").replace("@version( \"1.0\" )", "@version( io.ringfence.detection.Tripwire.touch() )"),
                        "annotation @version: values must be literals"),
                upload("a consequence that closes its method to add a static initialiser",
                        m -> rule("$v : VoiceEvent( )", "}\n static { io.ringfence.detection.Tripwire.touch(); }\n public static void more() {"),
                        "unbalanced '}': rule code may not close the method it is compiled into"),
                upload("a local class with a static initialiser",
                        m -> rule("$v : VoiceEvent( )", "class Hidden { static { io.ringfence.detection.Tripwire.touch(); } }"),
                        "'class' is not allowed in rules (no type declarations, static code or locks)"),
                upload("a Unicode escape spelling System",
                        m -> rule("$v : VoiceEvent( )", "\\u0053ystem.exit( 2 );"),
                        "a Unicode escape (\\u...) is not allowed in rules"),
                upload("a Unicode escape that ends a comment early",
                        m -> rule("$v : VoiceEvent( )", "// harmless \\u000a Runtime.getRuntime().halt( 2 );"),
                        "a Unicode escape (\\u...) is not allowed in rules"),
                upload("a quote inside a comment hiding the code after it",
                        m -> rule("$v : VoiceEvent( )", "// \"\n Runtime.getRuntime().halt( 2 ); // \""),
                        "java.lang.Runtime is not allowed in rules"),
                upload("drools reaching the knowledge base",
                        m -> rule("$v : VoiceEvent( )", "drools.getKieRuntime().getKieBase().getKiePackages();"),
                        "getKieBase is not allowed in rules (rules may insert, update and delete facts, raise alerts,"
                                + " and read their rule and the session clock)"),
                upload("kcontext reaching the environment",
                        m -> rule("$v : VoiceEvent( )", "kcontext.getKieRuntime().getEnvironment();"),
                        "getKieRuntime() is only allowed as getKieRuntime().getSessionClock()"),
                upload("drools reaching the working memory",
                        m -> rule("$v : VoiceEvent( )", "drools.getWorkingMemory().halt();"),
                        "drools.getWorkingMemory is not allowed in rules"),
                upload("KieServices by its full name",
                        m -> rule("$v : VoiceEvent( )", "org.kie.api.KieServices.Factory.get().getKieClasspathContainer();"),
                        "org.kie.api.KieServices is not allowed in rules"),
                upload("the class loader behind the rule",
                        m -> rule("$v : VoiceEvent( )", "Object loader = drools.getRule().getClass().getClassLoader();"),
                        "getClassLoader is not allowed in rules (no reflection or class loading)"),
                upload("an accumulate with inline Java doing I/O",
                        m -> rule("$n : Number( ) from accumulate( VoiceEvent( $d : durationSeconds ),\n"
                                + "        init( double total = 0; new java.io.FileWriter( " + m + " ).close(); ),\n"
                                + "        action( total += $d; ), reverse( total -= $d; ), result( total ) )", ""),
                        "inline accumulate code (init, action, reverse, result) is not allowed"),
                upload("a salience expression, which MVEL evaluates at run time",
                        m -> rule("$v : VoiceEvent( )", "").replace("@severity( \"HIGH\" )",
                                "@severity( \"HIGH\" )\n    salience ( java.lang.Runtime.getRuntime().availableProcessors() )"),
                        "java.lang.Runtime is not allowed in rules"),
                upload("a package of the application, where its classes need no import",
                        m -> rule("$v : VoiceEvent( )", "").replace("package io.ringfence.rules;", "package io.ringfence.detection;"),
                        "rules must be in package io.ringfence.rules"),
                upload("a global of another type",
                        m -> rule("$v : VoiceEvent( )", "").replace("global io.ringfence.detection.AlertRegistry alerts;",
                                "global java.util.List sink;"),
                        "a global may only be of type [io.ringfence.detection.AlertRegistry], not java.util.List"),
                upload("a function import of a static method",
                        m -> rule("$v : VoiceEvent( )", "touch();").replace("global io.ringfence",
                                "import function io.ringfence.detection.Tripwire.touch;\nglobal io.ringfence"),
                        "function imports are not allowed in uploaded rules"),
                upload("a type the source does not name, reached through a return value",
                        m -> rule("$v : VoiceEvent( )", "var rules = java.time.ZoneId.of( \"UTC\" ).getRules();"),
                        "java.time.zone.ZoneRules is not allowed in rules"),
                upload("a fact's enum walked to its code source by MVEL properties, no method named",
                        m -> rule("$v : VoiceEvent( )\n    $b : Object( ) from type.declaringClass.protectionDomain.codeSource"
                                + ".location.toURI().resolve( \"file:/etc/passwd\" ).toURL().openStream().readAllBytes()", ""),
                        "declaringClass is not allowed in rules (no reflection or class loading)"),
                upload("reflection by property in a constraint",
                        m -> rule("$v : VoiceEvent( type.declaringClass.declaredFields.length > 0 )", ""),
                        "declaredFields is not allowed in rules (no reflection or class loading)"),
                upload("a URL opened from a chain of allowed-looking calls",
                        m -> rule("$v : VoiceEvent( )\n    $b : Object( ) from java.net.URI.create( \"file:/etc/passwd\" ).toURL().openStream()", ""),
                        "is not allowed in rules (no file, network or console access)"),
                upload("an engine method the source check does not list, caught in the compiled class",
                        m -> rule("$v : VoiceEvent( )", "drools.getRule().getKnowledgeType();"),
                        "org.kie.api.definition.rule.Rule.getKnowledgeType is not allowed in rules"));
    }

    private static Arguments upload(String name, Function<String, String> drl, String refusal) {
        return Arguments.of(name, drl, refusal);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void isRefusedBeforeItRuns(String name, Function<String, String> drl, String refusal) {
        Path marker = dir.resolve("marker");
        List<String> messages = refusedWithoutRunning(drl.apply(HostileUpload.quoted(marker)), marker);
        assertThat(messages).anySatisfy(m -> assertThat(m).contains(refusal));
    }

    @Test
    void anInvisibleCharacterInsideAnIdentifierIsRefused() {
        Path marker = dir.resolve("marker");
        // U+200B is ignorable in Java identifiers: to javac, Sys\u200Btem is System.
        String drl = rule("$v : VoiceEvent( )", "Object p = Sys\u200Btem.getenv();");
        Throwable thrown = catchThrowable(() -> RuleSetCompiler.compile("hostile",
                HostileUpload.withModel(HostileUpload.FILE, drl), RuleParameters.defaults()));
        assertThat(thrown).isInstanceOf(RuleSetCompilationException.class);
        assertThat(marker).doesNotExist();
    }

    @Test
    void aParameterValueCarryingCodeIsRefused() {
        // Parameters are DRL fragments: an override file is as much an upload as a rule file.
        RuleParameters tuned = RuleParameters.defaults().with("irsf.minCalls",
                "4 || io.ringfence.detection.Tripwire.touch() != null");
        int tripped = Tripwire.Count.value();
        assertThatThrownBy(() -> RuleSetCompiler.compile(tuned))
                .isInstanceOf(RuleSetPolicyException.class)
                .hasMessageContaining("irsf.drl rule 'IRSF: answered calls to high-cost international ranges pumped in"
                        + " a short time': io.ringfence.detection.Tripwire is not allowed in rules");
        assertThat(Tripwire.Count.value()).isEqualTo(tripped);
    }

    /** Why the source check runs before the build: without it, compiling alone runs uploaded code. */
    @Test
    void droolsRunsRuleMetadataWhileCompiling() {
        int tripped = Tripwire.Count.value();
        new KieHelper()
                .addContent(rule("$v : VoiceEvent( )", "").replace("@version( \"1.0\" )",
                        "@version( io.ringfence.detection.Tripwire.touch() )"), "raw.drl")
                .verify();
        assertThat(Tripwire.Count.value()).isGreaterThan(tripped);
    }
}
