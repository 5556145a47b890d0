package io.geoingest.formats.csv;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DialectTest {

    private static char sniff(String sample) {
        return Dialect.sniff(sample, true, "csv").delimiter();
    }

    @Test
    void picksTheDelimiterWithConsistentCounts() {
        assertThat(sniff("a,b,c\n1,2,3\n")).isEqualTo(',');
        assertThat(sniff("a;b;c\n1,5;2,5;3\n")).isEqualTo(';');
        assertThat(sniff("a\tb\n1\t2\n")).isEqualTo('\t');
        assertThat(sniff("a|b|c\r1|2|3\r")).isEqualTo('|');
        // Commas inside quotes do not count; the header has one semicolon like every row.
        assertThat(sniff("\"x,y,z\";b\n\"1,2,3\";4\n")).isEqualTo(';');
        // A comma in one value must not beat the delimiter found on every line.
        assertThat(sniff("a;b\n1;x, y\n2;z\n3;w\n")).isEqualTo(';');
    }

    @Test
    void blanksBeforeQuotesDoNotHideTheDelimiter() {
        // CARTO's documented examples, a blank after each comma.
        assertThat(sniff("name, description, score\n\"John Doe\", \"Awesome, the best player ever\", 100\n"))
                .isEqualTo(',');
        assertThat(sniff("name, geojson\n\"Null Island\", \"{\"\"type\"\": \"\"Point\"\", \"\"coordinates\"\": [0,0]}\"\n"))
                .isEqualTo(',');
        assertThat(sniff("a; b\n\"x, y\"; \"1, 2\"\n \"z\"; 3\n")).isEqualTo(';');
        assertThat(sniff("a\t b\n\"x, y\"\t  \"1; 2\"\r\n")).isEqualTo('\t');
        assertThat(sniff("a| b\n\"x, y\"| \"1; 2\"\n")).isEqualTo('|');
    }

    @Test
    void singleColumnAndEmptySamplesDefaultToComma() {
        assertThat(sniff("name\nx\n")).isEqualTo(',');
        assertThat(sniff("")).isEqualTo(',');
    }

    @Test
    void tsvExtensionMeansTab() {
        assertThat(Dialect.sniff("a,b\n1,2\n", true, "tsv").delimiter()).isEqualTo('\t');
    }

    @Test
    void cutOffHeaderStillTellsTheDelimiter() {
        assertThat(Dialect.sniff("a;b;c;d;e", false, "csv").delimiter()).isEqualTo(';');
    }
}
