package io.geoingest.formats.csv;

import static org.assertj.core.api.Assertions.assertThat;

import io.geoingest.geocoding.CountryBoundaries;
import io.geoingest.kernel.DataFile;
import io.geoingest.kernel.ImportOptions;
import io.geoingest.rows.RowBatch;
import io.geoingest.rows.TableSource;
import io.geoingest.testing.TestImports;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that are not UTF-8 are read in the code page their bytes point to, not garbled as Latin. */
class CsvCodePageTest {
    @TempDir
    Path dir;

    private List<String> names(String text, String charset) throws Exception {
        Path f = dir.resolve(charset + ".csv");
        Files.write(f, text.getBytes(Charset.forName(charset)));
        List<String> out = new ArrayList<>();
        try (TableSource s = new CsvFormat(TestImports.properties(1000, 256), new CountryBoundaries()).open(new DataFile(f, "x.csv"),
                ImportOptions.defaults())) {
            for (Iterator<RowBatch> it = s.batches(); it.hasNext(); ) {
                it.next().rows().forEach(r -> out.add((String) r[1]));
            }
        }
        return out;
    }

    @Test
    void cyrillicWindows1251() throws Exception {
        String csv = "id,name\n1,Москва — столица России\n2,Санкт-Петербург на Неве\n3,Новосибирск в Сибири\n"
                + "4,Екатеринбург на Урале\n5,Нижний Новгород на Волге\n6,Казань и Татарстан\n";
        assertThat(names(csv, "windows-1251")).startsWith("Москва — столица России", "Санкт-Петербург на Неве");
    }

    @Test
    void greekIso88597() throws Exception {
        String csv = "id,name\n1,Αθήνα είναι η πρωτεύουσα της Ελλάδας\n2,Θεσσαλονίκη στη Μακεδονία\n"
                + "3,Πάτρα και Πελοπόννησος\n4,Ηράκλειο της Κρήτης\n5,Λάρισα στη Θεσσαλία\n";
        assertThat(names(csv, "ISO-8859-7")).startsWith("Αθήνα είναι η πρωτεύουσα της Ελλάδας");
    }

    @Test
    void westernWindows1252StaysLatin() throws Exception {
        String csv = "id,name\n1,Café crème à Zürich\n2,Señora Muñoz en Sevilla\n3,Søren og Ærø\n";
        assertThat(names(csv, "windows-1252")).containsExactly("Café crème à Zürich", "Señora Muñoz en Sevilla",
                "Søren og Ærø");
    }
}
