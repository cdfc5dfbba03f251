package io.ringfence.scoring;

import com.sun.net.httpserver.HttpServer;
import io.ringfence.upload.UploadRejection.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Hostile PMML uploads: every one is refused by FraudModel.load before JPMML parses it. */
class PmmlUploadSafetyTest {
    private static final String SECRET = "ringfence-secret-pmml-41c9";
    private static final String PMML_ROOT = "<PMML xmlns=\"http://www.dmg.org/PMML-4_4\" version=\"4.4\">";

    @TempDir
    Path dir;
    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private static ModelLoadException refused(String pmml, Reason reason) {
        return refused(pmml.getBytes(StandardCharsets.UTF_8), reason);
    }

    private static ModelLoadException refused(byte[] pmml, Reason reason) {
        ModelLoadException e = catchThrowableOfType(() -> FraudModel.load(pmml), ModelLoadException.class);
        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.getMessage()).startsWith("PMML rejected: ").doesNotContain(SECRET);
        assertThat(e.messages()).containsExactly(e.getMessage());
        return e;
    }

    @Test
    void anEntityReadingALocalFileIsRefusedAndTheFileNeverReachesTheMessage() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), SECRET);
        refused("<?xml version=\"1.0\"?>\n<!DOCTYPE PMML [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>\n"
                + PMML_ROOT + "<Header description=\"&x;\"/></PMML>", Reason.NOT_ALLOWED);
    }

    @Test
    void anExternalDtdAndAParameterEntityAreRefusedWithoutARequest() {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/evil.dtd";
        refused("<?xml version=\"1.0\"?>\n<!DOCTYPE PMML SYSTEM \"" + url + "\">\n" + PMML_ROOT + "</PMML>",
                Reason.NOT_ALLOWED);
        refused("<?xml version=\"1.0\"?>\n<!DOCTYPE PMML [<!ENTITY % p SYSTEM \"" + url + "\"> %p;]>\n" + PMML_ROOT
                + "</PMML>", Reason.NOT_ALLOWED);
        assertThat(requests).hasValue(0);
    }

    @Test
    void billionLaughsIsRefusedAtTheDoctypeBeforeAnyExpansion() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE PMML [<!ENTITY l0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
        }
        ModelLoadException e = refused("<?xml version=\"1.0\"?>\n" + dtd + "]>\n" + PMML_ROOT
                + "<Header description=\"&l9;\"/></PMML>", Reason.NOT_ALLOWED);
        assertThat(e.getMessage()).startsWith("PMML rejected: line 2,").contains("DOCTYPE");
    }

    @Test
    void aDocumentOverTwentyMebibytesIsRefusedBeforeParsing() {
        byte[] big = new byte[20 * 1024 * 1024 + 1];
        Arrays.fill(big, (byte) ' ');
        assertThat(refused(big, Reason.TOO_LARGE).getMessage()).contains("20 MiB");
    }

    @Test
    void nestingDeeperThanAnyTreeIsRefused() {
        String deep = "<Extension>".repeat(600) + "</Extension>".repeat(600);
        assertThat(refused(PMML_ROOT + deep + "</PMML>", Reason.NOT_ALLOWED).getMessage())
                .contains("nested more than 500 deep");
    }

    @Test
    void aFunctionNamingAJavaClassIsRefused() throws IOException {
        String pmml = FraudModelTest.shippedText().replaceFirst("</DataDictionary>", """
                </DataDictionary>
                <TransformationDictionary>
                  <DerivedField name="probe" optype="continuous" dataType="double">
                    <Apply function="java.lang.Runtime"><FieldRef field="moCalls1h"/></Apply>
                  </DerivedField>
                </TransformationDictionary>""");
        assertThat(refused(pmml, Reason.NOT_ALLOWED).getMessage())
                .contains("the function \"java.lang.Runtime\" is not allowed: JPMML would load and run the Java class");
    }

    @Test
    void theShippedModelStillLoadsAndABrokenModelIsInvalidNotUnsafe() throws IOException {
        assertThat(FraudModel.load(FraudModelTest.shippedBytes()).name()).isEqualTo("ringfence-fraud-score");
        String broken = FraudModelTest.shippedText().replaceFirst("functionName=\"classification\"", "functionName=\"clustering\"");
        refused(broken, Reason.INVALID);
    }
}
