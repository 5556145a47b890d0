package io.geoingest.blackbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A {@code ```sh} block of a Markdown document, as written, with where it stands and the
 * promises its comments make.
 *
 * @param where   {@code README.md:152}, {@code docs/imports.md:40}
 * @param section the heading it stands under
 * @param text    the block exactly as written
 */
record ShellExample(String where, String section, String text) {

    /** Every {@code ```sh} block of a Markdown file, in order, each named by {@code document} (its path from {@code root}). */
    static List<ShellExample> in(Path root, String document) throws IOException {
        List<String> lines = Files.readAllLines(root.resolve(document));
        List<ShellExample> examples = new ArrayList<>();
        String section = "";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("#")) {
                section = line.replaceFirst("^#+\\s*", "");
            } else if (line.strip().startsWith("```")) {
                // Every fenced block is skipped whole (a YAML comment is no heading); sh blocks are kept.
                boolean sh = line.strip().equals("```sh");
                int start = i + 1;
                StringBuilder block = new StringBuilder();
                do {
                    if (++i == lines.size()) {
                        throw new IllegalArgumentException(document + ":" + start + ": a code block that never ends");
                    }
                    if (!lines.get(i).strip().equals("```")) {
                        block.append(lines.get(i)).append('\n');
                    }
                } while (!lines.get(i).strip().equals("```"));
                if (sh) {
                    examples.add(new ShellExample(document + ":" + start, section, block.toString()));
                }
            }
        }
        return examples;
    }

    /** The JSON its comments promise, in the order written: {@code # {...}} alone or after a command. */
    List<Promise> promises() {
        List<Promise> promises = new ArrayList<>();
        for (String line : text.split("\n")) {
            commentOf(line).flatMap(Promise::inComment).ifPresent(promises::add);
        }
        return promises;
    }

    /** The first word of its first command. */
    String command() {
        return text.strip().split("\\s+", 2)[0];
    }

    ShellExample with(UnaryOperator<String> substitution) {
        return new ShellExample(where, section, substitution.apply(text));
    }

    /** The comment of a line: after a {@code #} that is outside quotes and starts a word. */
    private static Optional<String> commentOf(String line) {
        boolean single = false;
        boolean dbl = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && !single) {
                i++; // an escaped character quotes nothing
            } else if (c == '\'' && !dbl) {
                single = !single;
            } else if (c == '"' && !single) {
                dbl = !dbl;
            } else if (c == '#' && !single && !dbl && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return Optional.of(line.substring(i + 1));
            }
        }
        return Optional.empty();
    }
}
