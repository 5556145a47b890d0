package io.geoingest.sink.naming;

import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TableNamesTest {
    private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Points                         | points
            MyTable                        | mytable
            my table                       | my_table
            my-file.v2                     | my_file_v2
            a  --  b                       | a_b
            a___b                          | a_b
            already_fine_123               | already_fine_123
            '  padded  '                   | padded
            my file (2)                    | my_file_2
            name_                          | name_
            Café Niño Über                 | cafe_nino_uber
            Straße                         | strasse
            Æble Øl Œuvre                  | aeble_ol_oeuvre
            Łódź                           | lodz
            Ærø                            | aero
            İstanbul                       | istanbul
            ﬁle ＡＢＣ                       | file_abc
            Москва                         | moskva
            Щёлково                        | shchyolkovo
            Αθήνα                          | athina
            123                            | table_123
            2024 data                      | table_2024_data
            _private                       | table_private
            (1) list                       | table_1_list
            csv_1                          | csv_1
            route2_tracks                  | route2_tracks
            """)
    void normalizes(String raw, String expected) {
        assertThat(TableNames.normalize(raw)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "all, all_t", "ALL, all_t", "select, select_t", "table, table_t", "user, user_t", "Order, order_t",
            "public, public_t", "layergroup, layergroup_t", "spatial_ref_sys, spatial_ref_sys_t",
            "geography_columns, geography_columns_t", "geometry_columns, geometry_columns_t",
            "raster_columns, raster_columns_t", "raster_overviews, raster_overviews_t",
            "cdb_tablemetadata, cdb_tablemetadata_t", "geometry, geometry_t", "raster, raster_t",
            "format, format_t",
            // not reserved
            "alls, alls", "users, users", "table_, table_", "the_geom, the_geom", "geometries, geometries"})
    void reservedNamesGetSuffix(String raw, String expected) {
        assertThat(TableNames.normalize(raw)).isEqualTo(expected);
        assertThat(TableNames.isReserved(expected)).isFalse();
    }

    @Test
    void allCsvOfTheCorpusBecomesAllT() {
        // The caller strips the extension; the rule also holds if it does not.
        assertThat(TableNames.normalize("all")).isEqualTo("all_t");
        assertThat(TableNames.normalize("all.csv")).isEqualTo("all_csv");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "   \t\n", "___", "-", "!!!", "..", "🙂", "🙂🙂🙂", "東京", "数据表",
            "\u200b", "\u0000"})
    void nothingUsableBecomesUntitledTable(String raw) {
        assertThat(TableNames.normalize(raw)).isEqualTo("untitled_table");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x\"; DROP TABLE t; --", "Robert'); DROP TABLE students;--", "a\\b\\\\c",
            "\"quoted\"", "'single'", "`back`", "tab\there", "new\nline", "nul\u0000byte", "emoji 🙂 name",
            "東京 tokyo", "$1", "%s%n", "../../etc/passwd", "a;b", "x\u202eevil"})
    void hostileInputGivesAPlainIdentifier(String raw) {
        String name = TableNames.normalize(raw);
        assertThat(name).matches(VALID);
        assertThat(TableNames.isReserved(name)).isFalse();
    }

    @Test
    void hostileExamples() {
        assertThat(TableNames.normalize("x\"; DROP TABLE t; --")).isEqualTo("x_drop_table_t");
        assertThat(TableNames.normalize("a\\b\\\\c")).isEqualTo("a_b_c");
        assertThat(TableNames.normalize("emoji 🙂 name")).isEqualTo("emoji_name");
        assertThat(TableNames.normalize("東京 tokyo")).isEqualTo("tokyo");
        assertThat(TableNames.normalize("東京2")).isEqualTo("table_2");
    }

    @Test
    void longNamesAreCutTo63Characters() {
        String name = TableNames.normalize("a".repeat(500));
        assertThat(name).isEqualTo("a".repeat(63));
        assertThat(TableNames.normalize("9".repeat(500))).hasSize(63).startsWith("table_9");
        assertThat(TableNames.normalize("é".repeat(100))).isEqualTo("e".repeat(63));
        assertThat(TableNames.normalize("ß".repeat(100))).isEqualTo("s".repeat(63));
    }

    @Test
    void namesDifferingAfter63CharactersGetDistinctFreeNames() {
        String common = "x".repeat(63);
        String first = TableNames.normalize(common + "first");
        String second = TableNames.normalize(common + "second");
        assertThat(first).isEqualTo(second).isEqualTo(common);

        Set<String> taken = new HashSet<>();
        taken.add(TableNames.nextFree(first, taken::contains));
        String other = TableNames.nextFree(second, taken::contains);
        assertThat(other).isEqualTo("x".repeat(61) + "_1").hasSize(63);
        assertThat(taken).doesNotContain(other);
    }

    @Test
    void nextFreeAppendsCounters() {
        assertThat(TableNames.nextFree("points", n -> false)).isEqualTo("points");
        assertThat(TableNames.nextFree("points", Set.of("points")::contains)).isEqualTo("points_1");
        assertThat(TableNames.nextFree("points", Set.of("points", "points_1", "points_2")::contains))
                .isEqualTo("points_3");
        assertThat(TableNames.nextFree("points", Set.of("points", "points_2")::contains)).isEqualTo("points_1");
        assertThat(TableNames.nextFree("all_t", Set.of("all_t")::contains)).isEqualTo("all_t_1");
    }

    @Test
    void nextFreeNormalizesItsInput() {
        assertThat(TableNames.nextFree("all", n -> false)).isEqualTo("all_t");
        assertThat(TableNames.nextFree("My Data", Set.of("my_data")::contains)).isEqualTo("my_data_1");
    }

    @Test
    void nextFreeKeepsWithin63CharactersWhileCounting() {
        String base = "b".repeat(63);
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < 120; i++) {
            String name = TableNames.nextFree(base, taken::contains);
            assertThat(name).matches(VALID);
            assertThat(taken.add(name)).as("unique %s", name).isTrue();
        }
        assertThat(taken).contains(base, "b".repeat(61) + "_1", "b".repeat(60) + "_10", "b".repeat(59) + "_100");
    }

    @Test
    void nextFreeDoesNotLeaveDoubleUnderscoresWhenCutting() {
        String base = "a".repeat(60) + "_bc"; // 63 characters; a cut for "_1" ends in '_'
        assertThat(TableNames.nextFree(base, Set.of(base)::contains)).isEqualTo("a".repeat(60) + "_1");
    }

    @Test
    void nextFreeNeverReturnsATakenNameWhenTheCutOneIsTaken() {
        String base = "c".repeat(63);
        String cut = "c".repeat(61) + "_1";
        assertThat(TableNames.nextFree(base, Set.of(base, cut)::contains)).isEqualTo("c".repeat(61) + "_2");
    }

    @Test
    void nextFreeGivesUpWithError1014() {
        assertThatThrownBy(() -> TableNames.nextFree("busy", n -> true))
                .isInstanceOf(ImportException.class)
                .satisfies(e -> assertThat(((ImportException) e).code()).isEqualTo(ErrorCode.INVALID_NAME))
                .satisfies(e -> assertThat(((ImportException) e).code().code()).isEqualTo(1014))
                .hasMessageContaining("busy");
        int[] asked = {0};
        assertThat(TableNames.nextFree("busy", n -> ++asked[0] < TableNames.MAX_ATTEMPTS))
                .isEqualTo("busy_9999");
    }

    @Test
    void randomInputAlwaysGivesAValidIdempotentName() {
        Random random = new Random(42);
        int[] pool = {'a', 'Z', '0', '9', '_', ' ', '-', '.', '"', '\'', '\\', ';', 'é', 'ß', 'Ø', 'ж', 'Ω', '東',
                0x1F642, 0x0301, 0x200B, 0};
        for (int i = 0; i < 5_000; i++) {
            StringBuilder raw = new StringBuilder();
            int length = random.nextInt(90);
            for (int j = 0; j < length; j++) {
                raw.appendCodePoint(pool[random.nextInt(pool.length)]);
            }
            String name = TableNames.normalize(raw.toString());
            assertThat(name).as("from %s", raw).matches(VALID).doesNotContain("__");
            assertThat(TableNames.isReserved(name)).isFalse();
            assertThat(TableNames.normalize(name)).as("idempotent for %s", raw).isEqualTo(name);
        }
    }
}
