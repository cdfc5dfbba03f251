package io.ringfence.decision.dmn;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DmnUploadTest {

    static final String DMN15 = "https://www.omg.org/spec/DMN/20230324/MODEL/";
    static final String DMN16 = "https://www.omg.org/spec/DMN/20240513/MODEL/";

    final DmnUpload upload = new DmnUpload();

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A small model in the given model namespace, optionally with extra XML inside definitions. */
    static String model(String namespace, String inside) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="%s" id="_m" name="m" namespace="https://ringfence.io/dmn/test">
                  <inputData id="_x" name="x">
                    <variable id="_xv" name="x" typeRef="number"/>
                  </inputData>
                  <decision id="_d" name="d">
                    <variable id="_dv" name="d" typeRef="number"/>
                    <informationRequirement id="_ir"><requiredInput href="#_x"/></informationRequirement>
                    <literalExpression id="_le"><text>x * 2</text></literalExpression>
                  </decision>%s
                </definitions>
                """.formatted(namespace, inside);
    }

    DmnUpload.Accepted accepted(byte[] dmn) {
        DmnUpload.Result result = upload.prepare(dmn);
        assertThat(result).as("%s", result).isInstanceOf(DmnUpload.Accepted.class);
        assertThat(result.accepted()).isTrue();
        return (DmnUpload.Accepted) result;
    }

    List<String> rejected(byte[] dmn) {
        DmnUpload.Result result = upload.prepare(dmn);
        assertThat(result).as("%s", result).isInstanceOf(DmnUpload.Rejected.class);
        assertThat(result.accepted()).isFalse();
        List<String> messages = ((DmnUpload.Rejected) result).messages();
        assertThat(messages).isNotEmpty().allSatisfy(m -> assertThat(m).isNotBlank());
        return messages;
    }

    // --- versions -------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
            "http://www.omg.org/spec/DMN/20180521/MODEL/",
            "https://www.omg.org/spec/DMN/20191111/MODEL/",
            "https://www.omg.org/spec/DMN/20211108/MODEL/",
            "https://www.omg.org/spec/DMN/20230324/MODEL/"})
    void dmn12To15PassThroughByteForByte(String namespace) {
        byte[] dmn = utf8(model(namespace, ""));
        DmnUpload.Accepted accepted = accepted(dmn);
        assertThat(accepted.dmn()).isEqualTo(dmn);
        assertThat(accepted.uploadedVersion().modelNamespace()).isEqualTo(namespace);
        assertThat(accepted.converted()).isFalse();
        assertThat(accepted.notes()).isEmpty();
    }

    @Test
    void dmn11PassesThroughByteForByte() {
        byte[] dmn = utf8("""
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/DMN/20151101/dmn.xsd" id="_m" name="m"
                             namespace="https://ringfence.io/dmn/test">
                  <inputData id="_x" name="x"><variable id="_xv" name="x" typeRef="number"/></inputData>
                </definitions>
                """);
        DmnUpload.Accepted accepted = accepted(dmn);
        assertThat(accepted.uploadedVersion()).isEqualTo(DmnVersion.DMN_1_1);
        assertThat(accepted.dmn()).isEqualTo(dmn);
    }

    @Test
    void theToolingSampleIsDmn15AndPassesUnchanged() {
        byte[] sample = KieModels.resource("/editor/sample.dmn");
        assertThat(accepted(sample).dmn()).isEqualTo(sample);
    }

    @Test
    void dmn16IsRewrittenToDmn15AndCompiles() {
        String dmn16 = model(DMN16, "").replace("namespace=\"https://ringfence.io/dmn/test\"",
                "namespace=\"https://ringfence.io/dmn/test\" expressionLanguage=\"https://www.omg.org/spec/DMN/20240513/FEEL/\""
                        + " xmlns:feel=\"https://www.omg.org/spec/DMN/20240513/FEEL/\"");
        DmnUpload.Accepted accepted = accepted(utf8(dmn16));
        assertThat(accepted.uploadedVersion()).isEqualTo(DmnVersion.DMN_1_6);
        assertThat(accepted.engineVersion()).isEqualTo(DmnVersion.DMN_1_5);
        String out = new String(accepted.dmn(), StandardCharsets.UTF_8);
        assertThat(out).contains("xmlns=\"" + DMN15 + "\"")
                .contains("expressionLanguage=\"https://www.omg.org/spec/DMN/20230324/FEEL/\"")
                .doesNotContain("20240513");
        assertThat(accepted.notes()).anySatisfy(n -> assertThat(n).contains("DMN 1.6 to DMN 1.5"));
        // The same line layout as the upload: a validation message about the output points at the upload's lines.
        assertThat(out.lines().count()).isEqualTo(dmn16.lines().count());

        KieModels.Compiled compiled = KieModels.compile(accepted.dmn(), "m.dmn");
        assertThat(compiled.errors()).isEmpty();
        assertThat(compiled.evaluate(Map.of("x", new BigDecimal("21")))).startsWith("d=SUCCEEDED:42;");
    }

    @Test
    void conversionKeepsCommentsCdataPrefixesAndTheEditorsKieExtensions() {
        String dmn16 = """
                <?xml version="1.0" encoding="UTF-8" ?>
                <dmn:definitions xmlns:dmn="https://www.omg.org/spec/DMN/20240513/MODEL/" xmlns:dmndi="https://www.omg.org/spec/DMN/20230324/DMNDI/" xmlns:dc="http://www.omg.org/spec/DMN/20180521/DC/" xmlns:di="http://www.omg.org/spec/DMN/20180521/DI/" xmlns:kie="https://kie.org/dmn/extensions/1.0" id="_m" name="m" namespace="https://ringfence.io/dmn/test">
                  <!-- analysts' note: keep -->
                  <dmn:decision id="_d" name="d">
                    <dmn:variable id="_dv" name="d" typeRef="string" />
                    <dmn:literalExpression id="_le">
                      <dmn:text><![CDATA["a < b & c"]]></dmn:text>
                    </dmn:literalExpression>
                  </dmn:decision>
                  <dmndi:DMNDI>
                    <dmndi:DMNDiagram id="_dia" name="Default DRD" useAlternativeInputDataShape="false">
                      <di:extension>
                        <kie:ComponentsWidthsExtension>
                          <kie:ComponentWidths dmnElementRef="_le">
                            <kie:width>300</kie:width>
                          </kie:ComponentWidths>
                        </kie:ComponentsWidthsExtension>
                      </di:extension>
                      <dmndi:DMNShape id="_s" dmnElementRef="_d" isCollapsed="false" isListedInputData="false">
                        <dc:Bounds x="100" y="100" width="160" height="80" />
                      </dmndi:DMNShape>
                    </dmndi:DMNDiagram>
                  </dmndi:DMNDI>
                </dmn:definitions>""";
        String out = new String(accepted(utf8(dmn16)).dmn(), StandardCharsets.UTF_8);
        assertThat(out).contains("<!-- analysts' note: keep -->")
                .contains("<![CDATA[\"a < b & c\"]]>")
                .contains("xmlns:dmn=\"" + DMN15 + "\"")
                .contains("<dmn:decision id=\"_d\" name=\"d\">")
                .contains("<kie:width>300</kie:width>")
                .contains("xmlns:kie=\"https://kie.org/dmn/extensions/1.0\"");
        KieModels.Compiled compiled = KieModels.compile(utf8(out), "m.dmn");
        assertThat(compiled.errors()).isEmpty();
        assertThat(compiled.evaluate(Map.of())).startsWith("d=SUCCEEDED:a < b & c;");
    }

    @Test
    void anAnalystsEditInTheEditorReachesTheEngine() {
        // sample.edited-by-...: the editor opened sample.dmn, an analyst typed "< 0.25" over "< 0.2" in row 3 of Action.
        KieModels.Compiled before = KieModels.compile(KieModels.resource("/editor/sample.dmn"), "sample.dmn");
        byte[] edited = accepted(KieModels.resource("/editor/sample.edited-by-dmn-editor-10.2.0.dmn")).dmn();
        KieModels.Compiled after = KieModels.compile(edited, "sample.dmn");
        assertThat(after.errors()).isEmpty();
        Map<String, Object> input = Map.of("Typology", "WANGIRI", "Severity", "LOW", "Score", new BigDecimal("0.22"));
        assertThat(before.evaluate(input)).contains("Action=SUCCEEDED:MONITOR");
        assertThat(after.evaluate(input)).contains("Action=SUCCEEDED:ALLOW");
        Map<String, Object> unaffected = Map.of("Typology", "IRSF", "Severity", "HIGH", "Score", new BigDecimal("0.9"));
        assertThat(after.evaluate(unaffected)).isEqualTo(before.evaluate(unaffected));
        assertThat(XmlCompare.compare(KieModels.resource("/editor/sample.dmn"), edited).other())
                .containsExactlyInAnyOrder(
                        "/definitions#_sample_definitions[sample]/decision#_dec_action[Action]/decisionTable#_dt_action:"
                                + " attribute label=\"Action\" added",
                        "/definitions#_sample_definitions[sample]/decision#_dec_action[Action]/decisionTable#_dt_action:"
                                + " attribute typeRef=\"tAction\" added",
                        "/definitions#_sample_definitions[sample]/decision#_dec_action[Action]/decisionTable#_dt_action"
                                + "/rule#_r3/inputEntry#_r3_i3/text: text \"< 0.2\" -> \"< 0.25\"");
    }

    @Test
    void theToolingSampleRoundTripsUnchanged() {
        byte[] sample = KieModels.resource("/editor/sample.dmn");
        byte[] written = KieModels.resource("/editor/sample.written-by-dmn-editor-10.2.0.dmn");
        DmnUpload.Accepted accepted = accepted(written);
        assertThat(accepted.converted()).isTrue();
        XmlCompare.Differences d = XmlCompare.compare(sample, accepted.dmn());
        assertThat(d.none()).as("%s", d).isTrue();
    }

    // --- DMN 1.6 without a DMN 1.5 form ---------------------------------------------------------------------------

    @Test
    void anOnnxFunctionHasNoDmn15FormAndIsRejectedWithElementAndLine() {
        String dmn16 = model(DMN16, """

                  <businessKnowledgeModel id="_bkm" name="fraudNet">
                    <variable id="_bkmv" name="fraudNet"/>
                    <encapsulatedLogic id="_el" kind="ONNX">
                      <formalParameter id="_p" name="features" typeRef="Any"/>
                    </encapsulatedLogic>
                  </businessKnowledgeModel>""");
        int line = lineOf(dmn16, "kind=\"ONNX\"");
        List<String> messages = rejected(utf8(dmn16));
        assertThat(messages.get(0)).contains("DMN 1.6").contains("does not convert to valid DMN 1.5");
        assertThat(messages).anySatisfy(m -> assertThat(m)
                .contains("line " + line + ",")
                .contains("<encapsulatedLogic>")
                .contains("ONNX"));
    }

    @Test
    void dmn16WithAnUnknownElementIsRejectedWithElementAndLine() {
        String dmn16 = model(DMN16, """

                  <decision id="_d2" name="d2">
                    <decisionTabel id="_oops"/>
                  </decision>""");
        int line = lineOf(dmn16, "decisionTabel");
        List<String> messages = rejected(utf8(dmn16));
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("line " + line + ",").contains("decisionTabel"));
    }

    @Test
    void anInvalidDmn15ModelIsRejectedToo() {
        String dmn15 = model(DMN15, "\n  <decision id=\"_d2\"><variable id=\"_v2\" name=\"d2\"/><text>x</text></decision>");
        List<String> messages = rejected(utf8(dmn15));
        assertThat(messages.get(0)).contains("DMN 1.5");
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("line " + lineOf(dmn15, "<text>x</text>")).contains("decision"));
    }

    // --- hostile and broken files ---------------------------------------------------------------------------------

    @Test
    void xxeIsRejectedBeforeAnyEntityIsRead() {
        String xxe = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE definitions [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
                <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" id="_m" name="m" namespace="x">
                  <description>&secret;</description>
                </definitions>
                """;
        List<String> messages = rejected(utf8(xxe));
        assertThat(messages).singleElement().satisfies(m -> assertThat(m).startsWith("line 2,").contains("DOCTYPE")
                .contains("refused"));
    }

    @Test
    void anXxeParameterEntityIsRejected() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE definitions [ <!ENTITY % remote SYSTEM "http://127.0.0.1:1/evil.dtd"> %remote; ]>
                <definitions xmlns="https://www.omg.org/spec/DMN/20240513/MODEL/"/>
                """;
        assertThat(rejected(utf8(xxe))).singleElement().satisfies(m -> assertThat(m).contains("DOCTYPE"));
    }

    @Test
    void billionLaughsIsRejected() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE definitions [\n  <!ENTITY lol0 \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            dtd.append("  <!ENTITY lol").append(i).append(" \"")
                    .append(("&lol" + (i - 1) + ";").repeat(10)).append("\">\n");
        }
        dtd.append("]>\n");
        String bomb = "<?xml version=\"1.0\"?>\n" + dtd + "<definitions xmlns=\"" + DMN16 + "\">&lol9;</definitions>\n";
        // Refused at line 2, the DOCTYPE: the parser never reached the root element that would expand the entity.
        List<String> messages = rejected(utf8(bomb));
        assertThat(messages).singleElement().satisfies(m -> assertThat(m).startsWith("line 2,").contains("DOCTYPE"));
    }

    @Test
    void anOversizedFileIsRejectedBeforeParsing() {
        byte[] big = new byte[DmnUpload.DEFAULT_MAX_BYTES + 1];
        Arrays.fill(big, (byte) '<'); // not even XML: the size check comes first
        assertThat(rejected(big)).singleElement().satisfies(m -> assertThat(m)
                .contains(String.valueOf(big.length)).contains("2097152").contains("2 MiB"));
        // a valid model of exactly the limit is fine
        String model = model(DMN15, "");
        int overhead = utf8(model.replace("<inputData", "<!---->\n  <inputData")).length;
        String padded = model.replace("<inputData", "<!--" + "x".repeat(DmnUpload.DEFAULT_MAX_BYTES - overhead)
                + "-->\n  <inputData");
        assertThat(utf8(padded).length).isEqualTo(DmnUpload.DEFAULT_MAX_BYTES);
        accepted(utf8(padded));
    }

    @Test
    void theLimitIsConfigurable() {
        byte[] dmn = utf8(model(DMN15, ""));
        assertThat(new DmnUpload(dmn.length - 1).prepare(dmn).accepted()).isFalse();
        assertThat(new DmnUpload(dmn.length).prepare(dmn).accepted()).isTrue();
    }

    @Test
    void deepNestingIsRejected() {
        String deep = "<x>".repeat(1_000) + "</x>".repeat(1_000);
        String dmn = model(DMN15, "\n  <extensionElements>" + deep + "</extensionElements>");
        assertThat(rejected(utf8(dmn))).anySatisfy(m -> assertThat(m).contains("nested").contains("deep"));
    }

    @Test
    void notXmlIsRejected() {
        assertThat(rejected(utf8("decision: block everything\n"))).singleElement()
                .satisfies(m -> assertThat(m).startsWith("line 1,").contains("not well-formed XML"));
        assertThat(rejected(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0})).singleElement()
                .satisfies(m -> assertThat(m).contains("line 1,"));
        assertThat(rejected(new byte[0])).singleElement().satisfies(m -> assertThat(m).contains("empty"));
    }

    @Test
    void truncatedXmlIsRejectedWithTheLine() {
        String dmn = model(DMN16, "");
        String truncated = dmn.substring(0, dmn.indexOf("<literalExpression"));
        assertThat(rejected(utf8(truncated))).anySatisfy(m -> assertThat(m).contains("not well-formed XML"));
    }

    @Test
    void aWrongRootElementIsRejected() {
        assertThat(rejected(utf8("<?xml version=\"1.0\"?>\n<model xmlns=\"" + DMN15 + "\"/>"))).singleElement()
                .satisfies(m -> assertThat(m).startsWith("line 2:").contains("<model>").contains("<definitions>"));
        assertThat(rejected(utf8("<definitions/>"))).singleElement()
                .satisfies(m -> assertThat(m).contains("no namespace"));
        assertThat(rejected(utf8("<definitions xmlns=\"https://www.omg.org/spec/DMN/20991231/MODEL/\"/>")))
                .singleElement().satisfies(m -> assertThat(m).contains("20991231").contains("not a DMN 1.1–1.6"));
        assertThat(rejected(utf8("<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"/>")))
                .singleElement().satisfies(m -> assertThat(m).contains("BPMN"));
    }

    @Test
    void acceptedBytesAreACopy() {
        byte[] dmn = utf8(model(DMN15, ""));
        DmnUpload.Accepted accepted = accepted(dmn);
        accepted.dmn()[0] = 'X';
        dmn[1] = 'Y';
        assertThat(accepted.dmn()[0]).isEqualTo((byte) '<');
        assertThat(accepted.dmn()[1]).isEqualTo((byte) '?');
    }

    static int lineOf(String text, String needle) {
        int at = text.indexOf(needle);
        assertThat(at).as(needle).isNotNegative();
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }
}
