package io.ringfence.audit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Formula-leading cells are escaped as OWASP recommends; plain numbers, subscriber numbers first, stay readable. */
class AuditCsvTest {
    @Test
    void cellsASpreadsheetWouldRunGetAnApostrophe() {
        assertThat(AuditCsv.cell("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(AuditCsv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(AuditCsv.cell("\t=1")).isEqualTo("'\t=1");
        assertThat(AuditCsv.cell("\r=1")).isEqualTo("\"'\r=1\"");
        assertThat(AuditCsv.cell("+cmd")).isEqualTo("'+cmd");
        assertThat(AuditCsv.cell("-cmd")).isEqualTo("'-cmd");
        // A plus and digits, then more: the classic DDE payload is not a number.
        assertThat(AuditCsv.cell("+1+cmd|' /C calc'!A0")).isEqualTo("'+1+cmd|' /C calc'!A0");
        assertThat(AuditCsv.cell("-2+3")).isEqualTo("'-2+3");
        assertThat(AuditCsv.cell("+447700900001 ")).isEqualTo("'+447700900001 ");
    }

    @Test
    void numbersStayAsTheyAre() {
        assertThat(AuditCsv.cell("+447700900001")).isEqualTo("+447700900001");
        assertThat(AuditCsv.cell("+88213500001")).isEqualTo("+88213500001");
        assertThat(AuditCsv.cell("-12.50")).isEqualTo("-12.50");
        assertThat(AuditCsv.cell("447700900001")).isEqualTo("447700900001");
        assertThat(AuditCsv.cell("IRSF")).isEqualTo("IRSF");
    }
}
