package io.geoingest.formats.csv;

import static io.geoingest.formats.csv.CsvFiles.assertFails;
import static io.geoingest.formats.csv.CsvFiles.read;
import static io.geoingest.formats.csv.CsvFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.geoingest.formats.csv.CsvFiles.Table;
import io.geoingest.kernel.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Encodings and dialects. */
class CsvEncodingTest {
    private static final Charset CP1252 = Charset.forName("windows-1252");

    @TempDir
    Path dir;

    @Test
    void latin1BytesThatAreNotUtf8DecodeAsWindows1252() {
        byte[] bytes = "ciudad;país\r\nCádiz;España\r\nMünchen;Deutschland – “Bayern” €\r\n".getBytes(CP1252);
        Table t = read(write(dir, "latin.csv", bytes));
        assertThat(t.names()).containsExactly("ciudad", "país");
        assertThat(t.column("ciudad")).containsExactly("Cádiz", "München");
        assertThat(t.column("país")).containsExactly("España", "Deutschland – “Bayern” €");
    }

    @Test
    void bytesUndefinedInWindows1252FallBackToLatin1() {
        byte[] bytes = {'a', '\n', 'x', (byte) 0x81, (byte) 0x8D, (byte) 0xE9, '\n'};
        assertThat(read(write(dir, "undefined.csv", bytes)).column("a")).containsExactly("x\u0081\u008Dé");
    }

    @Test
    void invalidUtf8LateInTheFileRestartsAsWindows1252() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("id,name\n".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < 50_000; i++) {
            out.writeBytes((i + ",plain\n").getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("50000,Gen\u00E8ve\n".getBytes(CP1252));
        Table t = read(write(dir, "late.csv", out.toByteArray()));
        assertThat(t.rows()).hasSize(50_001);
        assertThat(t.rows().get(50_000)[1]).isEqualTo("Genève");
    }

    @Test
    void utf8WithAFewInvalidBytesStaysUtf8AndCountsTheReplacementsOfTheWholeFile() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("id,name\n1,café\n2,crème brûlée\n3,caf".getBytes(StandardCharsets.UTF_8));
        out.write(0xE9);
        out.writeBytes("\n".getBytes(StandardCharsets.US_ASCII));
        // Past the 4 MiB the charset detector samples: the count covers the whole file.
        for (int i = 4; i < 400_000; i++) {
            out.writeBytes((i + ",plain\n").getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("400000,Gen".getBytes(StandardCharsets.US_ASCII));
        out.write(0xE8);
        out.writeBytes("ve\n".getBytes(StandardCharsets.US_ASCII));

        Table t = read(write(dir, "mostly.csv", out.toByteArray()));

        assertThat(t.value(0, "name")).isEqualTo("café");
        assertThat(t.value(1, "name")).isEqualTo("crème brûlée");
        assertThat(t.value(2, "name")).isEqualTo("caf\uFFFD");
        assertThat(t.rows().get(t.rows().size() - 1)[1]).isEqualTo("Gen\uFFFDve");
        assertThat(t.source().warnings().asMap()).containsEntry("invalid_utf8_replaced", 2L);
    }

    @Test
    void tsvWithAFewInvalidBytesStaysUtf8Too() {
        byte[] bytes = concat("a\tb\nZürich\tGenève\nMünchen\t".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xFC, '\n'});
        Table t = read(write(dir, "mostly.tsv", bytes));
        assertThat(t.column("a")).containsExactly("Zürich", "München");
        assertThat(t.column("b")).containsExactly("Genève", "\uFFFD");
        assertThat(t.source().warnings().asMap()).containsEntry("invalid_utf8_replaced", 1L);
    }

    @Test
    void latin1StaysLatin1WithoutWarnings() {
        byte[] bytes = "name\nCafé\nJosé\n".getBytes(StandardCharsets.ISO_8859_1);
        Table t = read(write(dir, "latin1.csv", bytes));
        assertThat(t.column("name")).containsExactly("Café", "José");
        assertThat(t.source().warnings().isEmpty()).isTrue();
    }

    @Test
    void windows1252WithABytePairThatHappensToBeUtf8StaysWindows1252() {
        // É then ” is C9 94, a valid UTF-8 sequence (ɔ); the other bytes are not UTF-8.
        String text = "name,price\n“CAFÉ”,3 €\n‘Crème’ – brûlée,4 €\n";
        Table t = read(write(dir, "cp1252.csv", text.getBytes(CP1252)));
        assertThat(t.column("name")).containsExactly("“CAFÉ”", "‘Crème’ – brûlée");
        assertThat(t.column("price")).containsExactly("3 €", "4 €");
        assertThat(t.source().warnings().isEmpty()).isTrue();
    }

    @Test
    void validUtf8StaysUtf8() {
        String text = "name,note\nGenève,日本語 😀\nZürich,\"Ĳssel, Œuvre\"\n";
        Table t = read(write(dir, "utf8.csv", text));
        assertThat(t.column("name")).containsExactly("Genève", "Zürich");
        assertThat(t.column("note")).containsExactly("日本語 😀", "Ĳssel, Œuvre");
    }

    @Test
    void utf8BomIsStripped() {
        byte[] body = "id,name\n1,Genève\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[body.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bytes, 3, body.length);
        Table t = read(write(dir, "bom.csv", bytes));
        assertThat(t.names()).containsExactly("id", "name");
        assertThat(t.rows().get(0)).containsExactly(1, "Genève");
    }

    @Test
    void utf8BomWithInvalidBytesIsAnEncodingError() {
        byte[] bytes = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', '\n', 'x', (byte) 0xE9, '\n'};
        assertFails(write(dir, "bad_bom.csv", bytes), ErrorCode.ENCODING_ERROR).hasMessageContaining("not valid UTF-8");
    }

    @Test
    void utf16WithBomIsDecoded() {
        String text = "\uFEFFid;name\r\n1;Ελλάδα\r\n";
        Table le = read(write(dir, "le.csv", text.getBytes(StandardCharsets.UTF_16LE)));
        assertThat(le.names()).containsExactly("id", "name");
        assertThat(le.rows().get(0)).containsExactly(1, "Ελλάδα");
        Table be = read(write(dir, "be.csv", text.getBytes(StandardCharsets.UTF_16BE)));
        assertThat(be.rows().get(0)).containsExactly(1, "Ελλάδα");
    }

    @Test
    void utf16WithoutBomIsNotTakenForText() {
        byte[] bytes = "id,name\n1,x\n".getBytes(StandardCharsets.UTF_16LE);
        assertFails(write(dir, "no_bom16.csv", bytes), ErrorCode.MALFORMED_CSV).hasMessageContaining("UTF-16");
    }

    @Test
    void tsvByExtensionAndBySniffing() {
        Table byName = read(write(dir, "data.tsv", "a,b\tc\n1,5\t2\n"));
        assertThat(byName.names()).containsExactly("a,b", "c");
        assertThat(byName.rows().get(0)).containsExactly("1,5", 2);
        Table bySniffing = read(write(dir, "data.txt", "a\tb\tc\n1\t2\t3\n"));
        assertThat(bySniffing.names()).containsExactly("a", "b", "c");
    }

    @Test
    void pipeDelimitedWithCrLineEnds() {
        Table t = read(write(dir, "pipes.csv", "a|b|c\r1|\"x|y\"|3\r4|z|6\r"));
        assertThat(t.names()).containsExactly("a", "b", "c");
        assertThat(t.rows()).hasSize(2);
        assertThat(t.rows().get(0)).containsExactly(1, "x|y", 3);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
