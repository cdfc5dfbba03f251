package io.ringfence.detection;

import io.ringfence.event.Device;
import io.ringfence.event.Direction;
import io.ringfence.event.Roaming;
import io.ringfence.event.TelecomEvent;
import io.ringfence.event.VoiceEvent;
import io.ringfence.upload.UploadRejection;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * An uploaded rule file as an attacker would write it, next to the shipped event declarations. If the sandbox
 * lets it compile, it is given every chance to do harm (a session fires it on a call), so a gap in the policy
 * shows up as a marker file, a tripwire count or a dead JVM, not only as a missing exception.
 */
final class HostileUpload {
    static final String FILE = "hostile.drl";
    static final String HEADER = """
            package io.ringfence.rules;
            import io.ringfence.event.*;
            global io.ringfence.detection.AlertRegistry alerts;
            """;

    private HostileUpload() {
    }

    /** One rule with full metadata around the given conditions and consequence. */
    static String rule(String when, String then) {
        return HEADER + """
                rule "hostile"
                    @ruleId( "HOSTILE-1" ) @version( "1.0" ) @typology( "IRSF" ) @severity( "HIGH" )
                when
                    %s
                then
                    %s
                end
                """.formatted(when, then);
    }

    /** A Java string literal of the marker's path, for use inside DRL. */
    static String quoted(Path marker) {
        return "\"" + marker.toString().replace("\\", "/") + "\"";
    }

    /** The shipped event declarations (roles, timestamps, retention) and the given file. */
    static Map<String, String> withModel(String file, String drl) {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("model.drl", shipped("model.drl"));
        sources.put(file, drl);
        return sources;
    }

    static String shipped(String file) {
        try (InputStream in = HostileUpload.class.getClassLoader().getResourceAsStream("io/ringfence/rules/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Asserts the file is refused by the sandbox, names the file and the rule, and that nothing it asks for ran.
     *
     * @return the refusal's messages
     */
    static List<String> refusedWithoutRunning(String drl, Path marker) {
        int tripped = Tripwire.Count.value();
        Throwable thrown = catchThrowable(() -> fire(RuleSetCompiler.compile("hostile", withModel(FILE, drl),
                RuleParameters.defaults())));
        assertThat(marker).as("the hostile code left its marker").doesNotExist();
        assertThat(Tripwire.Count.value()).as("the hostile code reached the tripwire").isEqualTo(tripped);
        assertThat(thrown).isInstanceOf(RuleSetPolicyException.class);
        RuleSetPolicyException refused = (RuleSetPolicyException) thrown;
        assertThat(refused.reason()).isEqualTo(UploadRejection.Reason.NOT_ALLOWED);
        assertThat(refused.messages()).isNotEmpty().allSatisfy(m -> assertThat(m).startsWith(FILE + " "));
        return refused.messages();
    }

    /** Lets a compiled rule set react to one answered call, as the service would. */
    static void fire(RuleSet rules) {
        try (DetectionSession session = new DetectionSession(rules, new AlertListener() {
        })) {
            session.insert(call());
        }
    }

    static TelecomEvent call() {
        return new VoiceEvent(new TelecomEvent.Common("e1", 1_772_438_400_000L, "+447700900001"), Direction.MO,
                "+447700900001", "+882350000001", Device.NONE, Roaming.HOME, null, null, true, 3.0, 600);
    }
}
