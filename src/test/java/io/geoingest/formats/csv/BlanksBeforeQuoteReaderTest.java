package io.geoingest.formats.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The text FastCSV gets: blanks before an opening quote dropped, every other character kept. */
class BlanksBeforeQuoteReaderTest {

    /**
     * Everything {@code text} gives through the reader, read {@code chunk} characters at a time
     * from a source that returns at most {@code feed} per read.
     */
    private static String filter(String text, char delimiter, int feed, int chunk) {
        try (Reader r = new BlanksBeforeQuoteReader(new Trickle(text, feed), delimiter)) {
            StringBuilder out = new StringBuilder();
            char[] buf = new char[chunk + 2];
            int n;
            while ((n = r.read(buf, 1, chunk)) >= 0) {
                assertThat(n).as("a read returns at least one character").isPositive();
                out.append(buf, 1, n);
            }
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String filter(String text, char delimiter) {
        String whole = filter(text, delimiter, Integer.MAX_VALUE, 8192);
        // Any split of the input and of the output gives the same text.
        for (int feed : new int[] {1, 2, 3, 7}) {
            for (int chunk : new int[] {1, 2, 5, 8192}) {
                assertThat(filter(text, delimiter, feed, chunk)).as("feed %d, chunk %d", feed, chunk).isEqualTo(whole);
            }
        }
        return whole;
    }

    private static String filter(String text) {
        return filter(text, ',');
    }

    @Test
    void blanksBeforeAnOpeningQuoteAreDropped() {
        assertThat(filter("name, description, score\n\"John Doe\", \"Awesome, the best player ever\", 100\n"))
                .isEqualTo("name, description, score\n\"John Doe\",\"Awesome, the best player ever\", 100\n");
        assertThat(filter("name, geojson\n\"Null Island\", \"{\"\"type\"\": \"\"Point\"\", \"\"coordinates\"\": [0,0]}\"\n"))
                .isEqualTo("name, geojson\n\"Null Island\",\"{\"\"type\"\": \"\"Point\"\", \"\"coordinates\"\": [0,0]}\"\n");
        assertThat(filter("  \"a\",\t\"b\", \t \"c\"")).isEqualTo("\"a\",\"b\",\"c\"");
    }

    @Test
    void otherBlanksAndQuotesStay() {
        // Before an unquoted value, an empty field or a line end; inside quotes; after a closing quote.
        assertThat(filter("a,  b, , \n  \n\" x , \"\"y\"\" \"  , \"p\" \"q\"\n1, 5\" screen, \" 6\"\n"))
                .isEqualTo("a,  b, , \n  \n\" x , \"\"y\"\" \"  ,\"p\" \"q\"\n1, 5\" screen,\" 6\"\n");
        assertThat(filter("x,   ")).isEqualTo("x,   ");
    }

    @Test
    void lineEndsStartFields() {
        assertThat(filter("a, \"b\"\r\n \"c\", d\r\n\t\"e\"\r \"f\"\r\n"))
                .isEqualTo("a,\"b\"\r\n\"c\", d\r\n\"e\"\r\"f\"\r\n");
        // A line break inside quotes does not.
        assertThat(filter("\"a\n \"\"b\", \"c\n \"")).isEqualTo("\"a\n \"\"b\",\"c\n \"");
    }

    @Test
    void everyDelimiterWorksAndATabDelimiterIsNoBlank() {
        assertThat(filter("a; \"b; c\"; \"d, e\"", ';')).isEqualTo("a;\"b; c\";\"d, e\"");
        assertThat(filter("a| \"b| c\"", '|')).isEqualTo("a|\"b| c\"");
        // With a comma delimiter a semicolon is content: the quote after it is literal.
        assertThat(filter("a; \"b\"", ',')).isEqualTo("a; \"b\"");
        assertThat(filter("a\t \"b\tc\"\t\t  \"d\"\n", '\t')).isEqualTo("a\t\"b\tc\"\t\t\"d\"\n");
    }

    @Test
    void anUnclosedQuoteKeepsEverythingAfterIt() {
        assertThat(filter("a,b\n1, \"never closed\n2, \"3\"\n")).isEqualTo("a,b\n1,\"never closed\n2, \"3\"\n");
    }

    @Test
    void longRunsOfBlanksAcrossBuffersAreHeldUntilTheirFateIsKnown() {
        String blanks = " ".repeat(50_000);
        assertThat(filter("a," + blanks + "\"b, c\"\n")).isEqualTo("a,\"b, c\"\n");
        assertThat(filter("a," + blanks + "b\n")).isEqualTo("a," + blanks + "b\n");
        assertThat(filter("a," + blanks)).isEqualTo("a," + blanks);
        // Scanned once, not again on every read: two million blanks arriving one by one.
        String many = " ".repeat(1 << 21);
        assertThat(filter("a," + many + "\"b\"", ',', 1, 8192)).isEqualTo("a,\"b\"");
        assertThat(filter("a," + many + "b", ',', 1, 8192)).isEqualTo("a," + many + "b");
    }

    @Test
    void tellsWhetherItDroppedAnything() throws IOException {
        try (BlanksBeforeQuoteReader r = new BlanksBeforeQuoteReader(new StringReader("a, b\n\"c\", d \"e\"\n"), ',')) {
            while (r.read(new char[8], 0, 8) >= 0) {
                // Read it all.
            }
            assertThat(r.dropped()).isFalse();
        }
        try (BlanksBeforeQuoteReader r = new BlanksBeforeQuoteReader(new StringReader("a, \"b\"\n"), ',')) {
            while (r.read(new char[8], 0, 8) >= 0) {
                // Read it all.
            }
            assertThat(r.dropped()).isTrue();
        }
    }

    @Test
    void sameTextAsASimpleCharacterByCharacterFilter() {
        Random random = new Random(42);
        String alphabet = "ab ,;\t\"\"\n\r";
        for (int n = 0; n < 2000; n++) {
            char delimiter = ",;\t".charAt(random.nextInt(3));
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(60); i > 0; i--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = text.toString();
            assertThat(filter(s, delimiter, 1 + random.nextInt(5), 1 + random.nextInt(9)))
                    .as("%s with delimiter %s", s, delimiter).isEqualTo(reference(s, delimiter));
        }
    }

    /** The rule as plainly as it can be written: FastCSV's quoting, blanks at a field start held back. */
    private static String reference(String s, char delimiter) {
        StringBuilder out = new StringBuilder();
        boolean fieldStart = true;
        boolean inQuotes = false;
        boolean quotedField = false;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (fieldStart && !inQuotes && (c == ' ' || c == '\t') && c != delimiter) {
                int j = i;
                while (j < s.length() && (s.charAt(j) == ' ' || s.charAt(j) == '\t') && s.charAt(j) != delimiter) {
                    j++;
                }
                if (j < s.length() && s.charAt(j) == '"') {
                    i = j;
                    continue;
                }
            }
            out.append(c);
            i++;
            if (inQuotes) {
                inQuotes = c != '"';
            } else if (c == delimiter || c == '\n' || c == '\r') {
                fieldStart = true;
                quotedField = false;
            } else if (c == '"' && (fieldStart || quotedField)) {
                inQuotes = true;
                quotedField = true;
                fieldStart = false;
            } else {
                fieldStart = false;
            }
        }
        return out.toString();
    }

    /** A reader that gives at most {@code feed} characters per read, as a slow stream may. */
    private static final class Trickle extends Reader {
        private final StringReader in;
        private final int feed;

        Trickle(String text, int feed) {
            this.in = new StringReader(text);
            this.feed = feed;
        }

        @Override
        public int read(char[] cbuf, int off, int len) throws IOException {
            return in.read(cbuf, off, Math.min(len, feed));
        }

        @Override
        public void close() {
            in.close();
        }
    }
}
