package io.geoingest.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the black-box suite relies on in the documents, checked before it runs: the README's two
 * set-up commands, CI calling its test command, and every document of docs/ among those whose
 * examples {@link ReadmeExamplesIT} runs; and that every relative link of the README, docs/ and
 * bench/RESULTS.md leads to a file, and to a heading of it when it names one.
 */
class DocumentsTest {
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*)$");
    private final Path root = Path.of("").toAbsolutePath();

    @Test
    void theReadmeSetsUpWithTwoCommandsAndCiRunsItsTestCommand() throws IOException {
        List<ShellExample> setUp = ShellExample.in(root, "README.md").stream()
                .filter(e -> e.section().equals("Set up")).toList();
        assertThat(setUp).as("the README's Set up block").hasSize(1);
        List<String> commands = new ArrayList<>();
        for (String line : setUp.get(0).text().split("\n")) {
            if (!line.isBlank()) {
                commands.add(line.strip().split("\\s+", 2)[0]);
            }
        }
        assertThat(commands).containsExactly("bin/run.sh", "bin/test.sh");
        for (String command : commands) {
            assertThat(root.resolve(command)).as(command).isExecutable();
        }
        List<String> ci = Files.readAllLines(root.resolve(".ci/run")).stream()
                .filter(l -> !l.strip().startsWith("#")).toList();
        assertThat(ci).as(".ci/run calls the README's test command")
                .anyMatch(l -> l.matches(".*(^|[\\s/])bin/test\\.sh(\\s.*|$)"));
    }

    @Test
    void everyDocumentUnderDocsHasItsExamplesRun() throws IOException {
        assertThat(ReadmeExamplesIT.DOCUMENTS).containsAll(ReadmeExamplesIT.markdownUnderDocs(root));
        assertThat(ReadmeExamplesIT.DOCUMENTS).allSatisfy(d -> assertThat(root.resolve(d)).isRegularFile());
        assertThat(ReadmeExamplesIT.DOCUMENTS).doesNotHaveDuplicates();
    }

    @Test
    void everyRelativeLinkLeadsToAFileAndHeading() throws IOException {
        List<String> documents = new ArrayList<>(List.of("README.md", "bench/RESULTS.md"));
        documents.addAll(ReadmeExamplesIT.markdownUnderDocs(root));
        List<String> broken = new ArrayList<>();
        for (String document : documents) {
            Path file = root.resolve(document);
            List<String> lines = outsideCode(file);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = LINK.matcher(lines.get(i).replaceAll("`[^`]*`", "x"));
                while (m.find()) {
                    String target = m.group(1);
                    if (target.matches("^[a-z]+:.*")) {
                        continue; // http:, https:, mailto:
                    }
                    int hash = target.indexOf('#');
                    String path = hash < 0 ? target : target.substring(0, hash);
                    Path to = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
                    if (!Files.exists(to)) {
                        broken.add(document + ":" + (i + 1) + ": no file " + target);
                    } else if (hash >= 0 && !anchors(to).contains(target.substring(hash + 1))) {
                        broken.add(document + ":" + (i + 1) + ": no heading " + target);
                    }
                }
            }
        }
        assertThat(broken).as("relative links that lead nowhere").isEmpty();
    }

    /** The anchors GitHub gives a document's headings: lower case, punctuation dropped, spaces as hyphens. */
    private static Set<String> anchors(Path markdown) throws IOException {
        Set<String> anchors = new HashSet<>();
        if (!markdown.getFileName().toString().endsWith(".md")) {
            return anchors;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (String line : outsideCode(markdown)) {
            Matcher m = HEADING.matcher(line);
            if (m.matches()) {
                String slug = m.group(1).strip().toLowerCase(java.util.Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N}_\\- ]", "").replace(' ', '-');
                int n = seen.merge(slug, 1, Integer::sum) - 1;
                anchors.add(n == 0 ? slug : slug + "-" + n);
            }
        }
        return anchors;
    }

    /** A document's lines, those of fenced code blocks blanked (a YAML comment is no heading). */
    private static List<String> outsideCode(Path markdown) throws IOException {
        List<String> lines = new ArrayList<>();
        boolean code = false;
        try (Stream<String> all = Files.lines(markdown)) {
            for (String line : (Iterable<String>) all::iterator) {
                boolean fence = line.strip().startsWith("```");
                lines.add(code || fence ? "" : line);
                code ^= fence;
            }
        }
        return lines;
    }
}
