package io.geoingest.formats.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReplacingUtf8ReaderTest {
    @Test
    void replacesAsJavasDecoderDoesAndCountsEachReplacement() throws IOException {
        byte[] bytes = {'a', (byte) 0xE9, 'b', (byte) 0xE2, (byte) 0x82, 'c', (byte) 0xFF, (byte) 0xF0, (byte) 0x9F};
        ReplacingUtf8Reader reader = new ReplacingUtf8Reader(new ByteArrayInputStream(bytes));

        assertThat(readAll(reader, 4096)).isEqualTo(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("a\uFFFDb\uFFFDc\uFFFD\uFFFD");
        assertThat(reader.replaced()).isEqualTo(4);
    }

    @Test
    void sequencesAcrossBufferBoundariesDecodeEvenReadOneCharAtATime() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 5000; i++) {
            out.writeBytes("é😀€".getBytes(StandardCharsets.UTF_8));
        }
        out.write(0xE9);
        ReplacingUtf8Reader reader = new ReplacingUtf8Reader(new ByteArrayInputStream(out.toByteArray()));

        assertThat(readAll(reader, 1)).isEqualTo("é😀€".repeat(5000) + "\uFFFD");
        assertThat(reader.replaced()).isEqualTo(1);
    }

    private static String readAll(ReplacingUtf8Reader reader, int chunk) throws IOException {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[chunk];
        int n;
        while ((n = reader.read(buffer, 0, chunk)) >= 0) {
            text.append(buffer, 0, n);
        }
        return text.toString();
    }
}
