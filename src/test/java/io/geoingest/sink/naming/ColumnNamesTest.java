package io.geoingest.sink.naming;

import io.geoingest.testing.NeedsCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ColumnNamesTest {
    private static final Pattern VALID = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private static List<String> names(String... raw) {
        return ColumnNames.normalize(Arrays.asList(raw));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Name                    | name
            POP2005                 | pop2005
            first name              | first_name
            ' Population (2020) '   | population_2020
            a  --  b                | a_b
            a___b                   | a_b
            _id                     | _id
            __id                    | _id
            name_                   | name_
            Año                     | ano
            Größe                   | grosse
            Dirección Postal        | direccion_postal
            Ærø                     | aero
            Łódź                    | lodz
            Ñandú                   | nandu
            Øre                     | ore
            Œuvre                   | oeuvre
            Über                    | uber
            Название                | nazvanie
            Όνομα                   | onoma
            2020                    | _2020
            1st place               | _1st_place
            (1) list                | _1_list
            cartodb_id              | cartodb_id
            the_geom                | the_geom
            """)
    void sanitizes(String raw, String expected) {
        assertThat(ColumnNames.sanitize(raw)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "select, _select", "SELECT, _select", "from, _from", "order, _order", "group, _group",
            "user, _user", "table, _table", "all, _all", "default, _default", "limit, _limit",
            "oid, _oid", "tableoid, _tableoid", "xmin, _xmin", "cmin, _cmin", "xmax, _xmax", "cmax, _cmax",
            "ctid, _ctid",
            // not reserved for columns (column: as CARTO did)
            "column, column", "Column, column", "name, name", "type, type",
            "geometry, geometry", "public, public", "users, users", "selects, selects"})
    void reservedWordsGetALeadingUnderscore(String raw, String expected) {
        assertThat(ColumnNames.sanitize(raw)).isEqualTo(expected);
        assertThat(ColumnNames.isReserved(expected)).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t", "_", "___", "?", "🙂", "東京", "\u0000"})
    void nothingUsableBecomesUntitledColumn(String raw) {
        assertThat(ColumnNames.sanitize(raw)).isEqualTo("untitled_column");
    }

    @Test
    void duplicatesGetCounters() {
        assertThat(names("column", "column", "third")).containsExactly("column", "column_1", "third");
        assertThat(names("a", "a", "a", "a")).containsExactly("a", "a_1", "a_2", "a_3");
        assertThat(names("Name", "name", "NAME ")).containsExactly("name", "name_1", "name_2");
    }

    @Test
    void aLaterColumnAlreadyNamedLikeACounterKeepsItsName() {
        assertThat(names("column", "column", "column_1")).containsExactly("column", "column_2", "column_1");
        assertThat(names("column_1", "column", "column")).containsExactly("column_1", "column", "column_2");
        assertThat(names("a", "a", "a_1", "a_2", "a")).containsExactly("a", "a_3", "a_1", "a_2", "a_4");
    }

    @Test
    void duplicatesThatAppearOnlyAfterSanitizingAreRenamed() {
        assertThat(names("Año", "ano", "año ")).containsExactly("ano", "ano_1", "ano_2");
        assertThat(names("select", "_select")).containsExactly("_select", "_select_1");
        assertThat(names("a b", "a-b", "a_b", "a__b")).containsExactly("a_b", "a_b_1", "a_b_2", "a_b_3");
    }

    @Test
    void blankNamesAreUntitledAndDeduplicated() {
        assertThat(names("", null, " ", "x", "untitled_column_1"))
                .containsExactly("untitled_column", "untitled_column_2", "untitled_column_3", "x",
                        "untitled_column_1");
    }

    @Test
    void cjkAndEmojiHeadersAreKeptApart() {
        assertThat(names("東京", "大阪", "🙂")).containsExactly("untitled_column", "untitled_column_1",
                "untitled_column_2");
        assertThat(names("人口 2020", "人口 2021")).containsExactly("_2020", "_2021");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x\"; DROP TABLE t; --", "Robert'); DROP TABLE students;--", "a\\b\\\\c",
            "\"quoted\"", "'single'", "`back`", "tab\there", "new\nline", "nul\u0000byte", "emoji 🙂 name",
            "$1", "%s%n", "x\u202eevil", "-- comment", "/* c */"})
    void hostileInputGivesAPlainIdentifier(String raw) {
        String name = ColumnNames.sanitize(raw);
        assertThat(name).matches(VALID);
        assertThat(ColumnNames.isReserved(name)).isFalse();
    }

    @Test
    void hostileExamples() {
        assertThat(ColumnNames.sanitize("x\"; DROP TABLE t; --")).isEqualTo("x_drop_table_t");
        assertThat(ColumnNames.sanitize("\"quoted\"")).isEqualTo("quoted");
        assertThat(ColumnNames.sanitize("a\\b\\\\c")).isEqualTo("a_b_c");
        assertThat(ColumnNames.sanitize("emoji 🙂 name")).isEqualTo("emoji_name");
    }

    @Test
    void longNamesAreCutTo63Characters() {
        assertThat(ColumnNames.sanitize("a".repeat(500))).isEqualTo("a".repeat(63));
        assertThat(ColumnNames.sanitize("7".repeat(500))).isEqualTo("_" + "7".repeat(62));
        assertThat(ColumnNames.sanitize("ü".repeat(500))).isEqualTo("u".repeat(63));
    }

    @Test
    void namesDifferingOnlyAfter63CharactersStayUnique() {
        String common = "measurement_".repeat(6); // 72 characters
        List<String> out = names(common + "min", common + "max", common + "avg");
        String cut = common.substring(0, 63);
        assertThat(out).containsExactly(cut, cut.substring(0, 61) + "_1", cut.substring(0, 61) + "_2");
        assertThat(out).allSatisfy(n -> assertThat(n).hasSizeLessThanOrEqualTo(63));
    }

    @Test
    void cuttingForACounterDoesNotCollideWithAnotherColumn() {
        String longName = "z".repeat(63);
        String cutWithCounter = "z".repeat(61) + "_1";
        List<String> out = names(longName, longName + "tail", cutWithCounter);
        assertThat(out).containsExactly(longName, "z".repeat(61) + "_2", cutWithCounter);
    }

    @Test
    void manyDuplicatesStayUniqueAndShort() {
        List<String> raw = new ArrayList<>();
        for (int i = 0; i < 12_000; i++) {
            raw.add(i % 3 == 0 ? "v".repeat(70) : i % 3 == 1 ? "v".repeat(61) + "_" + (i % 50) : "v");
        }
        List<String> out = ColumnNames.normalize(raw);
        assertThat(out).hasSize(raw.size()).doesNotHaveDuplicates()
                .allSatisfy(n -> assertThat(n).matches(VALID));
    }

    @Test
    void resultIsUnmodifiableAndInputUntouched() {
        List<String> raw = new ArrayList<>(List.of("A", "A"));
        List<String> out = ColumnNames.normalize(raw);
        assertThat(raw).containsExactly("A", "A");
        assertThat(out).isUnmodifiable();
        assertThat(ColumnNames.normalize(List.of())).isEmpty();
    }

    @NeedsCorpus
    @Test
    void duplicatedColumnNameCsvOfTheCorpus() throws Exception {
        var file = io.geoingest.testing.TestDatabases.corpus("duplicated_column_name.csv");
        String header = Files.readAllLines(file, StandardCharsets.UTF_8).get(0);
        assertThat(ColumnNames.normalize(List.of(header.split(",", -1))))
                .containsExactly("column", "column_1", "third");
    }

    @Test
    void randomListsAlwaysGiveUniqueValidNames() {
        Random random = new Random(7);
        int[] pool = {'a', 'b', 'A', '1', '_', ' ', '-', '"', ';', 'é', 'ß', 'я', '東', 0x1F642};
        for (int round = 0; round < 500; round++) {
            List<String> raw = new ArrayList<>();
            int columns = 1 + random.nextInt(40);
            for (int c = 0; c < columns; c++) {
                StringBuilder name = new StringBuilder();
                int length = random.nextInt(4) == 0 ? 60 + random.nextInt(10) : random.nextInt(5);
                for (int j = 0; j < length; j++) {
                    name.appendCodePoint(pool[random.nextInt(pool.length)]);
                }
                raw.add(name.toString());
            }
            List<String> out = ColumnNames.normalize(raw);
            assertThat(out).as("from %s", raw).hasSize(columns).doesNotHaveDuplicates();
            assertThat(new HashSet<>(out)).hasSize(columns);
            for (String n : out) {
                assertThat(n).matches(VALID);
                assertThat(ColumnNames.isReserved(n)).isFalse();
                assertThat(ColumnNames.sanitize(n)).as("idempotent").isEqualTo(n);
            }
            assertThat(ColumnNames.normalize(raw)).as("deterministic").isEqualTo(out);
        }
    }
}
