package io.ringfence.decision;

import com.sun.net.httpserver.HttpServer;
import io.ringfence.decision.dmn.DmnUpload;
import io.ringfence.upload.UploadRejection.Reason;
import org.drools.io.ByteArrayResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kie.api.io.ResourceType;
import org.kie.dmn.api.core.DMNRuntime;
import org.kie.dmn.core.internal.utils.DMNRuntimeBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Hostile DMN uploads against every entry point that takes DMN bytes: each is refused with its reason before KIE
 * parses it, nothing it points at is read or called, and the message never carries what an entity would read.
 */
class DmnUploadSafetyTest {
    private static final String SECRET = "ringfence-secret-dmn-9b2e";
    private static final String DMN15 = "https://www.omg.org/spec/DMN/20230324/MODEL/";
    private static final String CALL_JAVA = "(function() external { java: { class: \"io.ringfence.decision.DmnTripwire\","
            + " method signature: \"touch()\" } })()";

    @TempDir
    Path dir;
    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = "<!ENTITY s \"served\">".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private String url(String file) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + file;
    }

    /** A small valid DMN 1.5 model with one decision whose FEEL is given, and optional extra content. */
    private static String model(String prolog, String feel, String inside) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                %s<definitions xmlns="%s" id="_m" name="m" namespace="https://ringfence.io/dmn/test">%s
                  <decision id="_d" name="d">
                    <variable id="_dv" name="d" typeRef="string"/>
                    <literalExpression id="_le"><text>%s</text></literalExpression>
                  </decision>
                </definitions>
                """.formatted(prolog, DMN15, inside, feel);
    }

    /** Every way DMN bytes get in: the upload path, the compiler, and the hot deploy. */
    private static final List<Consumer<byte[]>> ENTRY_POINTS = List.of(
            dmn -> DecisionModel.fromUpload(dmn, "hostile"),
            dmn -> DecisionModel.compile(dmn, "hostile"),
            dmn -> DecisionAssets.shipped().deployDecisionModel(dmn, "hostile"));

    /** Refused at every entry point with the reason; returns the messages of the last. */
    private List<String> refusedEverywhere(String dmn, Reason reason) {
        return refusedEverywhere(dmn.getBytes(StandardCharsets.UTF_8), reason);
    }

    private List<String> refusedEverywhere(byte[] dmn, Reason reason) {
        int tripped = DmnTripwire.Count.value();
        List<String> messages = List.of();
        for (Consumer<byte[]> entry : ENTRY_POINTS) {
            DecisionModelException e = catchThrowableOfType(() -> entry.accept(dmn), DecisionModelException.class);
            assertThat(e).isNotNull();
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.getMessage()).contains("refused").doesNotContain(SECRET).doesNotContain("served");
            messages = e.messages();
        }
        assertThat(DmnTripwire.Count.value()).as("the upload reached Java").isEqualTo(tripped);
        assertThat(requests).as("the upload made the server fetch a URL").hasValue(0);
        return messages;
    }

    @Test
    void anEntityReadingALocalFileIsRefusedAndTheFileNeverReachesTheMessage() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), SECRET);
        String xxe = model("<!DOCTYPE definitions [ <!ENTITY s SYSTEM \"" + secret.toUri() + "\"> ]>\n", "\"&s;\"", "");
        assertThat(refusedEverywhere(xxe, Reason.NOT_ALLOWED)).singleElement()
                .satisfies(m -> assertThat(m).startsWith("line 2,").contains("DOCTYPE"));
    }

    @Test
    void anExternalDtdOrParameterEntityIsRefusedWithoutARequest() {
        refusedEverywhere(model("<!DOCTYPE definitions SYSTEM \"" + url("evil.dtd") + "\">\n", "\"&s;\"", ""),
                Reason.NOT_ALLOWED);
        refusedEverywhere(model("<!DOCTYPE definitions [ <!ENTITY % p SYSTEM \"" + url("evil.dtd") + "\"> %p; ]>\n",
                "\"&s;\"", ""), Reason.NOT_ALLOWED);
    }

    /** Why every compile is gated: KIE's own parser fetches an external DTD. */
    @Test
    void kieAloneFetchesAnExternalDtd() {
        compileWithKieAlone(model("<!DOCTYPE definitions SYSTEM \"" + url("evil.dtd") + "\">\n", "\"x\"", ""));
        assertThat(requests.get()).isPositive();
    }

    @Test
    void billionLaughsIsRefusedAtTheDoctype() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE definitions [<!ENTITY l0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
        }
        assertThat(refusedEverywhere(model(dtd + "]>\n", "\"&l9;\"", ""), Reason.NOT_ALLOWED)).singleElement()
                .satisfies(m -> assertThat(m).startsWith("line 2,"));
    }

    @Test
    void aFeelFunctionCallingJavaIsRefused() {
        assertThat(refusedEverywhere(model("", CALL_JAVA, ""), Reason.NOT_ALLOWED)).singleElement()
                .satisfies(m -> assertThat(m).contains("a FEEL external function is not allowed"));
    }

    /** Why FEEL is checked: KIE runs a FEEL external function as a static Java call. */
    @Test
    void kieAloneCallsJavaFromFeel() {
        int tripped = DmnTripwire.Count.value();
        DMNRuntime runtime = compileWithKieAlone(model("", CALL_JAVA, ""));
        runtime.evaluateAll(runtime.getModels().get(0), runtime.newContext());
        assertThat(DmnTripwire.Count.value()).isGreaterThan(tripped);
    }

    /** An expression language that merely mentions FEEL is another language, which the engine may evaluate otherwise. */
    @ParameterizedTest
    @ValueSource(strings = {"FEEL", "http://example.org/not-FEEL", "https://www.omg.org/spec/DMN/20230324/FEEL/#java",
            "https://www.omg.org/spec/DMN/20230324/FEEL", "HTTPS://WWW.OMG.ORG/SPEC/DMN/20230324/FEEL/",
            "https://www.omg.org/spec/DMN/20240513/FEEL/"})
    void anExpressionLanguageThatIsNotExactlyFeelsUriIsRefused(String language) {
        String dmn = model("", "\"x\"", "").replace("<literalExpression id=\"_le\">",
                "<literalExpression id=\"_le\" expressionLanguage=\"" + language + "\">");
        assertThat(refusedEverywhere(dmn, Reason.NOT_ALLOWED)).singleElement()
                .satisfies(m -> assertThat(m).contains("expressionLanguage \"" + language + "\" is not allowed"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://www.omg.org/spec/DMN/20180521/FEEL/", "https://www.omg.org/spec/DMN/20191111/FEEL/",
            "https://www.omg.org/spec/DMN/20211108/FEEL/", "https://www.omg.org/spec/DMN/20230324/FEEL/"})
    void feelsUriOfEachDmnVersionPassesTheSafetyCheck(String language) {
        String dmn = model("", "\"x\"", "").replace("<literalExpression id=\"_le\">",
                "<literalExpression id=\"_le\" expressionLanguage=\"" + language + "\">");
        // Past the safety check, the compiler's own check speaks: this small model has no disposition decisions.
        DecisionModelException e = catchThrowableOfType(() -> DecisionModel.compile(dmn.getBytes(StandardCharsets.UTF_8),
                "x"), DecisionModelException.class);
        assertThat(e.reason()).isEqualTo(Reason.INVALID);
        assertThat(e.getMessage()).contains("not a disposition model");
    }

    @Test
    void theWordExternalInsideAFeelStringIsJustText() {
        // Past the safety check, the compiler's own check speaks: this small model has no disposition decisions.
        DecisionModelException e = catchThrowableOfType(() -> DecisionModel.compile(
                model("", "\"external partner\"", "").getBytes(StandardCharsets.UTF_8), "x"), DecisionModelException.class);
        assertThat(e.reason()).isEqualTo(Reason.INVALID);
        assertThat(e.getMessage()).contains("not a disposition model");
    }

    @Test
    void aJavaFunctionDefinitionIsRefused() {
        String bkm = """

                  <businessKnowledgeModel id="_b" name="bkm">
                    <variable id="_bv" name="bkm"/>
                    <encapsulatedLogic id="_el" kind="Java">
                      <context id="_c">
                        <contextEntry><variable id="_v1" name="class"/>
                          <literalExpression id="_l1"><text>"io.ringfence.decision.DmnTripwire"</text></literalExpression></contextEntry>
                        <contextEntry><variable id="_v2" name="method signature"/>
                          <literalExpression id="_l2"><text>"touch()"</text></literalExpression></contextEntry>
                      </context>
                    </encapsulatedLogic>
                  </businessKnowledgeModel>""";
        assertThat(refusedEverywhere(model("", "\"x\"", bkm), Reason.NOT_ALLOWED)).singleElement()
                .satisfies(m -> assertThat(m).contains("<encapsulatedLogic> of kind Java is not allowed"));
    }

    @Test
    void aJavaKindBehindANamespacePrefixIsRefused() {
        String bkm = """

                  <businessKnowledgeModel id="_b" name="bkm" xmlns:x="https://www.omg.org/spec/DMN/20191111/MODEL/">
                    <variable id="_bv" name="bkm"/>
                    <encapsulatedLogic id="_el" x:kind="Java">
                      <context id="_c">
                        <contextEntry><variable id="_v1" name="class"/>
                          <literalExpression id="_l1"><text>"io.ringfence.decision.DmnTripwire"</text></literalExpression></contextEntry>
                      </context>
                    </encapsulatedLogic>
                  </businessKnowledgeModel>""";
        assertThat(refusedEverywhere(model("", "\"x\"", bkm), Reason.NOT_ALLOWED)).singleElement()
                .satisfies(m -> assertThat(m).contains("<encapsulatedLogic> of kind Java is not allowed"));
    }

    @Test
    void anImportOfAnotherFileIsRefusedWithoutReadingIt() {
        String dmnImport = "\n  <import namespace=\"https://example.org/other\" name=\"other\" locationURI=\""
                + url("other.pmml") + "\" importType=\"http://www.dmg.org/PMML4_4\"/>";
        assertThat(refusedEverywhere(model("", "\"x\"", dmnImport), Reason.NOT_ALLOWED)).singleElement()
                .satisfies(m -> assertThat(m).contains("<import> is not allowed"));
    }

    @Test
    void anOversizedFileIsTooLarge() {
        byte[] big = new byte[DmnUpload.DEFAULT_MAX_BYTES + 1];
        Arrays.fill(big, (byte) ' ');
        assertThat(refusedEverywhere(big, Reason.TOO_LARGE)).singleElement()
                .satisfies(m -> assertThat(m).contains("2 MiB"));
    }

    @ParameterizedTest
    @ValueSource(ints = {250, 5_000})
    void deepNestingIsRefused(int depth) {
        String deep = "\n  <extensionElements>" + "<x>".repeat(depth) + "</x>".repeat(depth) + "</extensionElements>";
        assertThat(refusedEverywhere(model("", "\"x\"", deep), Reason.NOT_ALLOWED)).singleElement()
                .satisfies(m -> assertThat(m).contains("nested more than 200 deep"));
    }

    @Test
    void theShippedModelAndTheEditorsDmn16StillLoad() {
        DecisionModel shipped = DecisionModel.shipped();
        assertThat(shipped.name()).isEqualTo("disposition");
        DecisionModel fromEditor = DecisionModel.fromUpload(resource("/editor/disposition.written-by-dmn-editor-10.2.0.dmn"),
                "from-editor");
        assertThat(fromEditor.version()).isEqualTo("from-editor");
        assertThat(requests).hasValue(0);
    }

    private static DMNRuntime compileWithKieAlone(String dmn) {
        ByteArrayResource resource = new ByteArrayResource(dmn.getBytes(StandardCharsets.UTF_8), "UTF-8");
        resource.setSourcePath("raw.dmn");
        resource.setResourceType(ResourceType.DMN);
        return DMNRuntimeBuilder.fromDefaults().buildConfiguration().fromResources(List.of(resource))
                .getOrElseThrow(e -> new IllegalStateException(e.getMessage()));
    }

    private static byte[] resource(String path) {
        try (InputStream in = DmnUploadSafetyTest.class.getResourceAsStream(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
