package io.geoingest.formats.csv;

import java.util.ArrayList;
import java.util.List;

/**
 * The CSV dialect of a file: its delimiter. The quote is always {@code "}, doubled inside
 * quoted values; line ends may be CRLF, LF or CR.
 */
record Dialect(char delimiter) {
    /** In order of preference when two fit equally well. */
    private static final String CANDIDATES = ",;\t|";
    private static final int SAMPLE_RECORDS = 50;

    /**
     * The delimiter that splits the sample's records most consistently: the one whose count
     * outside quotes in the header is most often repeated by the following records (ties go
     * to the higher count, then to the order of {@link #CANDIDATES}). {@code .tsv} files are
     * tab-separated whatever their content; a file with none of the candidates has one column.
     *
     * @param wholeFile whether the sample is the whole file, so its last record is complete
     */
    static Dialect sniff(String sample, boolean wholeFile, String extension) {
        if ("tsv".equals(extension)) {
            return new Dialect('\t');
        }
        List<int[]> records = count(sample, wholeFile);
        if (records.isEmpty()) {
            return new Dialect(',');
        }
        int[] header = records.get(0);
        char best = ',';
        double bestScore = -1;
        int bestCount = 0;
        for (int k = 0; k < CANDIDATES.length(); k++) {
            if (header[k] == 0) {
                continue;
            }
            int matching = 0;
            for (int r = 1; r < records.size(); r++) {
                if (records.get(r)[k] == header[k]) {
                    matching++;
                }
            }
            double score = records.size() == 1 ? 1 : (double) matching / (records.size() - 1);
            if (score > bestScore || (score == bestScore && header[k] > bestCount)) {
                best = CANDIDATES.charAt(k);
                bestScore = score;
                bestCount = header[k];
            }
        }
        return new Dialect(best);
    }

    /** Per record of the sample, how often each candidate occurs outside quotes. */
    private static List<int[]> count(String sample, boolean wholeFile) {
        List<int[]> records = new ArrayList<>();
        int[] current = new int[CANDIDATES.length()];
        boolean inQuotes = false;
        boolean content = false;
        for (int i = 0; i < sample.length() && records.size() < SAMPLE_RECORDS; i++) {
            char c = sample.charAt(i);
            if (c == '"') {
                inQuotes = !inQuotes;
                content = true;
            } else if (inQuotes) {
                continue;
            } else if (c == '\n' || c == '\r') {
                if (content) {
                    records.add(current);
                    current = new int[CANDIDATES.length()];
                    content = false;
                }
            } else {
                content = true;
                int k = CANDIDATES.indexOf(c);
                if (k >= 0) {
                    current[k]++;
                }
            }
        }
        // A cut-off last record would skew the counts, unless it is the header itself
        // (a header longer than the sample still tells the delimiter).
        if (content && (wholeFile || records.isEmpty())) {
            records.add(current);
        }
        return records;
    }
}
