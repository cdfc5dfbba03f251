package io.ringfence.governance;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A rule set upload is one JSON object and nothing after it: what is stored and shown is what was parsed. */
class RuleSetUploadShapeTest {
    private final AssetCompiler compiler = new AssetCompiler(new ObjectMapper(), null, null, null, null, null, null);

    private AssetCompiler.RuleSetUpload read(String json) {
        return compiler.readRuleSet(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void oneObjectIsRead() {
        assertThat(read("{\"version\":\"1.0\",\"files\":{\"a.drl\":\"package x;\"}}\n").files()).containsKey("a.drl");
    }

    @Test
    void trailingContentIsRefused() {
        for (String trailing : new String[]{" {\"version\":\"2.0\",\"files\":{\"b.drl\":\"rule\"}}", " garbage", "]"}) {
            assertThatThrownBy(() -> read("{\"version\":\"1.0\",\"files\":{\"a.drl\":\"package x;\"}}" + trailing))
                    .isInstanceOf(ChangeRejected.class)
                    .satisfies(e -> assertThat(((ChangeRejected) e).status).isEqualTo(400));
        }
    }
}
