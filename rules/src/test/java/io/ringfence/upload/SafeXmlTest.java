package io.ringfence.upload;

import com.sun.net.httpserver.HttpServer;
import io.ringfence.upload.SafeXml.Limits;
import io.ringfence.upload.SafeXml.Refusal;
import io.ringfence.upload.UploadRejection.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.Attributes;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Hostile XML against the check every DMN and PMML upload passes before its engine parses it. */
class SafeXmlTest {
    private static final Limits LIMITS = new Limits("test document", 64 * 1024, 20, 500, 8);
    private static final String SECRET = "ringfence-secret-7f3a";

    @TempDir
    Path dir;
    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    /** A server the hostile documents point at: it must never be asked for anything. */
    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = ("<!ENTITY secret \"" + SECRET + "\">").getBytes(StandardCharsets.UTF_8);
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

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/evil.dtd";
    }

    private static Refusal refused(String xml, Reason reason) {
        Optional<Refusal> refusal = SafeXml.check(xml.getBytes(StandardCharsets.UTF_8), LIMITS);
        assertThat(refusal).isPresent();
        assertThat(refusal.get().reason()).isEqualTo(reason);
        assertThat(refusal.get().message()).doesNotContain(SECRET);
        return refusal.get();
    }

    @Test
    void anEncodingTheJdkDoesNotKnowIsARefusalNotAFault() {
        // Before: UncheckedIOException (a 500 for a PMML upload declaring it, issue 20 finding 7).
        Refusal r = refused("<?xml version=\"1.0\" encoding=\"x-no-such-encoding\"?>\n<a/>", Reason.INVALID);
        assertThat(r.message()).contains("encoding").contains("UTF-8");
    }

    @Test
    void aPlainDocumentPasses() {
        assertThat(SafeXml.check("<?xml version=\"1.0\"?>\n<a x=\"1\"><b>text</b><b/></a>".getBytes(StandardCharsets.UTF_8),
                LIMITS)).isEmpty();
    }

    @Test
    void anExternalGeneralEntityOnALocalFileIsRefusedWithoutReadingIt() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), SECRET);
        Refusal r = refused("<?xml version=\"1.0\"?>\n<!DOCTYPE a [ <!ENTITY s SYSTEM \"" + secret.toUri() + "\"> ]>\n"
                + "<a>&s;</a>", Reason.NOT_ALLOWED);
        assertThat(r.message()).startsWith("line 2,").contains("DOCTYPE");
    }

    @Test
    void anExternalDtdOnALocalFileIsRefusedWithoutReadingIt() throws IOException {
        Path dtd = Files.writeString(dir.resolve("evil.dtd"), "<!ENTITY secret \"" + SECRET + "\">");
        refused("<?xml version=\"1.0\"?>\n<!DOCTYPE a SYSTEM \"" + dtd.toUri() + "\">\n<a>&secret;</a>", Reason.NOT_ALLOWED);
    }

    @Test
    void anExternalDtdOverHttpIsRefusedWithoutARequest() {
        refused("<?xml version=\"1.0\"?>\n<!DOCTYPE a SYSTEM \"" + url() + "\">\n<a>&secret;</a>", Reason.NOT_ALLOWED);
        assertThat(requests).hasValue(0);
    }

    @Test
    void anExternalParameterEntityIsRefusedWithoutARequest() {
        refused("<?xml version=\"1.0\"?>\n<!DOCTYPE a [ <!ENTITY % remote SYSTEM \"" + url() + "\"> %remote; ]>\n"
                + "<a>&secret;</a>", Reason.NOT_ALLOWED);
        assertThat(requests).hasValue(0);
    }

    @Test
    void billionLaughsIsRefusedAtItsDeclarationBeforeAnyExpansion() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE a [\n<!ENTITY l0 \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">\n");
        }
        Refusal r = refused("<?xml version=\"1.0\"?>\n" + dtd + "]>\n<a>&l9;</a>", Reason.NOT_ALLOWED);
        // Line 2 is the DOCTYPE: the parser stopped there, before the root element that uses the entity.
        assertThat(r.message()).startsWith("line 2,");
    }

    @Test
    void anOversizedDocumentIsRefusedBeforeParsing() {
        byte[] big = new byte[LIMITS.maxBytes() + 1];
        Refusal r = SafeXml.check(big, LIMITS).orElseThrow();
        assertThat(r.reason()).isEqualTo(Reason.TOO_LARGE);
        assertThat(r.message()).contains(String.valueOf(big.length)).contains("64 KiB");
    }

    @Test
    void depthElementsAndAttributesAreBounded() {
        assertThat(refused("<a>" + "<b>".repeat(25) + "</b>".repeat(25) + "</a>", Reason.NOT_ALLOWED).message())
                .contains("nested more than 20 deep");
        assertThat(refused("<a>" + "<b/>".repeat(600) + "</a>", Reason.TOO_LARGE).message())
                .contains("more than 500 elements");
        assertThat(refused("<a p1='1' p2='1' p3='1' p4='1' p5='1' p6='1' p7='1' p8='1' p9='1'/>", Reason.NOT_ALLOWED)
                .message()).contains("9 attributes");
    }

    @Test
    void brokenXmlIsInvalidWithTheLine() {
        assertThat(refused("<a>\n<b></a>", Reason.INVALID).message()).startsWith("line 2,").contains("not well-formed");
        assertThat(refused("", Reason.INVALID).message()).contains("empty");
    }

    @Test
    void anInspectorRefusesElementsAndTextOfItsFormat() {
        SafeXml.Inspector noScripts = new SafeXml.Inspector() {
            @Override
            public String element(String uri, String localName, String parent, Attributes attributes) {
                return localName.equals("script") ? "no scripts" : null;
            }

            @Override
            public String text(String uri, String localName, String parent, String text) {
                return text.contains("forbidden") ? "no forbidden words in <" + localName + "> under <" + parent + ">" : null;
            }
        };
        assertThat(SafeXml.check("<a>\n<script/></a>".getBytes(StandardCharsets.UTF_8), LIMITS, noScripts))
                .hasValueSatisfying(r -> assertThat(r.message()).startsWith("line 2,").endsWith(": no scripts"));
        assertThat(SafeXml.check("<a><b>a forbidden word</b></a>".getBytes(StandardCharsets.UTF_8), LIMITS, noScripts))
                .hasValueSatisfying(r -> assertThat(r.message()).contains("no forbidden words in <b> under <a>"));
    }
}
