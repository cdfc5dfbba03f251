package io.ringfence.governance;

import io.ringfence.detection.RuleSetCompiler;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The rule set in force as an upload: its files and the parameters it sets over the service's. What an analyst
 * edits starts from here, so that changing a file keeps the parameters in force, and changing a parameter keeps the
 * files.
 */
@Component
class LiveRuleFiles {
    private final LiveAssets live;
    private final ChangeStore store;
    private final AssetCompiler compiler;
    private final LiveRuleSet rules;

    LiveRuleFiles(LiveAssets live, ChangeStore store, AssetCompiler compiler, LiveRuleSet rules) {
        this.live = live;
        this.store = store;
        this.compiler = compiler;
        this.rules = rules;
    }

    AssetCompiler.RuleSetUpload current() {
        LiveAssets.InForce f = live.inForce().get(AssetKind.RULES);
        if (f.changeId() != null) {
            AssetChange c = store.find(f.changeId()).orElseThrow(() -> new IllegalStateException(
                    "the live rule set names change " + f.changeId() + ", which is not stored"));
            return compiler.readRuleSet(c.content());
        }
        return new AssetCompiler.RuleSetUpload(f.version(), shippedFiles(), Map.of());
    }

    /** Every parameter's value in the rule set this instance runs. */
    Map<String, String> parametersInForce() {
        return rules.current().parameters().asMap();
    }

    private static Map<String, String> shippedFiles() {
        ClassLoader cl = RuleSetCompiler.class.getClassLoader();
        Properties index = new Properties();
        Map<String, String> files = new LinkedHashMap<>();
        try (InputStream in = cl.getResourceAsStream(RuleSetCompiler.INDEX)) {
            index.load(in);
            for (String name : index.getProperty("files").split(",")) {
                try (InputStream drl = cl.getResourceAsStream("io/ringfence/rules/" + name.trim())) {
                    files.put(name.trim(), new String(drl.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the shipped rule files cannot be read", e);
        }
        return files;
    }
}
