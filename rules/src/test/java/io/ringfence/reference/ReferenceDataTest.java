package io.ringfence.reference;

import io.ringfence.event.NumberInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shipped reference data, an operator's own folder, and reload without restart. */
class ReferenceDataTest {
    @TempDir
    Path dir;

    @BeforeEach
    void copyShippedFiles() throws IOException {
        for (String f : new String[]{ReferenceDataLoader.RANGES, ReferenceDataLoader.TEST_NUMBERS,
                ReferenceDataLoader.SIMBOX_TACS}) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("reference/" + f)) {
                Files.copy(in, dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Test
    void shippedDataClassifiesNumbersAndNetworkOrigins() {
        ReferenceDataRepository repo = new ReferenceDataRepository(ReferenceDataLoader.defaults());
        NumberInfo irsf = repo.intel().info("+88213500001");
        assertThat(irsf.isForeign()).isTrue();
        assertThat(irsf.isTestNumber()).isTrue();
        assertThat(irsf.getRangeLabel()).isEqualTo("International Networks");
        assertThat(repo.intel().info("+37181234567").getRangeRisk()).as("longest prefix 37181").isEqualTo(0.90);
        NumberInfo home = repo.intel().info("+447700900123");
        assertThat(home.isForeign()).isFalse();
        assertThat(home.isHighCost()).isFalse();
        assertThat(repo.current().version()).contains("ranges@2026.11.1");
        NetworkProfile net = repo.current().network();
        assertThat(net.classifyGlobalTitle("447700900100")).isEqualTo(NetworkProfile.Origin.HOME);
        assertThat(net.classifyGlobalTitle("33609001234")).isEqualTo(NetworkProfile.Origin.PARTNER);
        assertThat(net.classifyGlobalTitle("254700000000")).isEqualTo(NetworkProfile.Origin.FOREIGN);
        assertThat(net.classifyRealm("EPC.MNC001.MCC208.3GPPNETWORK.ORG")).isEqualTo(NetworkProfile.Origin.PARTNER);
        assertThat(net.isInternationalTrunk("INTL-GW-1")).isTrue();
    }

    @Test
    void reloadPicksUpAnOperatorsChangeWithoutRestart() throws IOException {
        ReferenceDataRepository repo = new ReferenceDataRepository(new ReferenceDataLoader(dir, null));
        assertThat(repo.intel().info("+4219001234567").isHighCost()).isFalse();
        Files.writeString(dir.resolve(ReferenceDataLoader.RANGES),
                Files.readString(dir.resolve(ReferenceDataLoader.RANGES)).replace("# version: 2026.11.1", "# version: 2026.11.2")
                        + "421900,Slovakia premium,0.75,PREMIUM,added by the operator\n");
        repo.reload();
        assertThat(repo.intel().info("+4219001234567").getRangeRisk()).isEqualTo(0.75);
        assertThat(repo.current().version()).contains("ranges@2026.11.2");
    }

    @Test
    void aBrokenFileIsRejectedWithFileAndLineAndTheRunningDataStays() throws IOException {
        ReferenceDataRepository repo = new ReferenceDataRepository(new ReferenceDataLoader(dir, null));
        String before = repo.current().version();
        Files.writeString(dir.resolve(ReferenceDataLoader.TEST_NUMBERS), "number,note\n+88213500001,ok\n0088213,bad\n");
        assertThatThrownBy(repo::reload)
                .isInstanceOf(ReferenceDataException.class)
                .hasMessageContaining(ReferenceDataLoader.TEST_NUMBERS + ":3")
                .hasMessageContaining("E.164");
        assertThat(repo.current().version()).isEqualTo(before);
        assertThat(repo.intel().info("+88213500002").isTestNumber()).as("old list still in force").isTrue();
    }

    @Test
    void listsPutLiveFromTextReplaceWhatTheRulesLookUpAndTheTextServedAndKeepTheBaseForARollback() {
        ReferenceDataRepository repo = new ReferenceDataRepository(new ReferenceDataLoader(dir, null));
        ReferenceFiles before = repo.files();
        assertThat(repo.intel().info("+99912345678").isTestNumber()).isFalse();
        ReferenceFiles edited = before.with(ReferenceDataLoader.TEST_NUMBERS, before.testNumbers()
                .replace("# version: 2026.11.1", "# version: 2026.12.1") + "+99912345678,from a threat feed\n");

        ReferenceData checked = repo.check(edited, "change 1: ");
        assertThat(repo.intel().info("+99912345678").isTestNumber()).as("checking puts nothing live").isFalse();
        repo.put(checked, edited);

        assertThat(repo.intel().info("+99912345678").isTestNumber()).isTrue();
        assertThat(repo.current().version()).contains("tests@2026.12.1").contains("ranges@2026.11.1");
        assertThat(repo.files().testNumbers()).contains("+99912345678,from a threat feed");
        assertThat(repo.files().ranges()).isEqualTo(before.ranges());
        assertThat(repo.base().version()).contains("tests@2026.11.1");
        assertThat(repo.baseFiles()).isEqualTo(before);
    }

    @Test
    void listsFromTextAreCheckedLikeFilesAndNamedByWhereTheyCameFrom() {
        ReferenceDataRepository repo = new ReferenceDataRepository(new ReferenceDataLoader(dir, null));
        ReferenceFiles broken = repo.files().with(ReferenceDataLoader.SIMBOX_TACS, "tac,model,note\n8612345,short,\n");
        assertThatThrownBy(() -> repo.check(broken, "change 7: "))
                .isInstanceOf(ReferenceDataException.class)
                .hasMessageContaining("change 7: " + ReferenceDataLoader.SIMBOX_TACS + ":2")
                .hasMessageContaining("tac must be 8 digits");
        assertThatThrownBy(() -> repo.files().with("network.json", "{}")).hasMessageContaining("not a reference file");
    }

    @Test
    void missingFileAndDuplicatePrefixAreNamed() throws IOException {
        Files.delete(dir.resolve(ReferenceDataLoader.SIMBOX_TACS));
        assertThatThrownBy(() -> new ReferenceDataLoader(dir, null).load())
                .hasMessageContaining("reference file not found").hasMessageContaining(ReferenceDataLoader.SIMBOX_TACS);
        copyShippedFiles();
        Files.writeString(dir.resolve(ReferenceDataLoader.RANGES), "prefix,country,risk,category,note\n882,X,0.9,IRSF,\n882,Y,0.8,IRSF,\n");
        assertThatThrownBy(() -> new ReferenceDataLoader(dir, null).load()).hasMessageContaining("882 is listed twice");
    }

    @Test
    void networkProfileFromAFileAcceptsFieldsAddedLater() throws IOException {
        Path net = dir.resolve("network.json");
        Files.writeString(net, """
                {"countryCode": "33", "homePlmns": ["208-01"], "globalTitlePrefixes": ["336"],
                 "diameterRealms": ["epc.mnc001.mcc208.3gppnetwork.org"], "internationalTrunks": ["GW"],
                 "roamingPartners": [], "someFutureField": {"x": 1}}
                """);
        ReferenceData data = new ReferenceDataLoader(dir, net).load();
        assertThat(data.network().countryCallingCode()).isEqualTo(33);
        assertThat(new NumberIntel(data).info("+447700900123").isForeign()).as("UK is foreign to a French operator").isTrue();
        Files.writeString(net, "{\"countryCode\": \"4400\"}");
        assertThatThrownBy(() -> new ReferenceDataLoader(dir, net).load()).hasMessageContaining("countryCode must be 1-3 digits");
    }
}
