package io.geoingest.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.geoingest.kernel.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/api-reference.md's table of error codes against the code: every code of CARTO's table is in it,
 * every code geoingest has is one it says it gives, and each code it gives is named by the test
 * the table names for it.
 */
class ErrorTableTest {
    /** The codes of the seed's error table (004, "インポートエラー"). */
    private static final List<Integer> SEED = List.of(1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009,
            1010, 1011, 1012, 1013, 1014, 1015, 1016, 1017, 1018, 1019, 1020, 1021, 1100, 1101, 1102, 2001, 2002,
            2003, 2004, 2005, 2006, 2007, 2008, 2009, 2010, 2011, 3007, 3008, 3009, 3101, 3201, 3202, 8001, 8002,
            8003, 8004, 8005, 8006, 6666, 6667, 6668, 6669, 6670, 99999);
    private static final Pattern ROW = Pattern.compile("^\\| (\\d{4,5}) \\|[^|]*\\|[^|]*\\| *(\\w*) *\\|$");

    @Test
    void theTableHoldsEveryCodeAndEachCodeGivenHasItsTest() throws IOException {
        Map<Integer, String> tests = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("docs", "api-reference.md"))) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                tests.put(Integer.parseInt(m.group(1)), m.group(2));
            }
        }
        assertThat(tests.keySet()).as("codes in the table").containsAll(SEED);
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(tests.get(code.code())).as("the test the table names for %s (%d)", code, code.code())
                    .isNotNull().isNotEmpty();
            String source = testSource(tests.get(code.code()));
            assertThat(Pattern.compile("ErrorCode\\." + code.name() + "\\b|\\b" + code.code() + "\\b").matcher(source).find())
                    .as("%s names %s or %d", tests.get(code.code()), code, code.code()).isTrue();
        }
        tests.forEach((code, test) -> {
            boolean known = Arrays.stream(ErrorCode.values()).anyMatch(c -> c.code() == code);
            assertThat(test.isEmpty()).as("code %d: a test exactly when geoingest gives it", code).isEqualTo(!known);
        });
    }

    private static String testSource(String name) throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src", "test", "java"))) {
            Path file = files.filter(p -> p.getFileName().toString().equals(name + ".java")).findFirst()
                    .orElseThrow(() -> new AssertionError("no test " + name));
            return Files.readString(file);
        }
    }
}
