package io.geoingest.fetch;

import io.geoingest.kernel.DataFile;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * One archive's expansion into a flat directory: keeps the first {@link #MAX_DATASETS}
 * datasets by name, within a budget of written bytes, and remembers every file it created so
 * that a failure can take them all back. Single use.
 */
final class Expansion {
    /** The seed: "the maximum number of files imported from one archive is 10". */
    static final int MAX_DATASETS = 10;
    /** Entries an archive may hold: beyond it, a "bomb" of tiny files that would only cost time. */
    static final int MAX_ENTRIES = 10_000;
    /** Archives inside archives are opened this many levels down; deeper ones stay files. */
    private static final int MAX_NESTING = 2;

    private final Path dir;
    private final long maxBytes;
    private final TreeMap<String, Dataset> kept = new TreeMap<>();
    private final Set<Path> created = new LinkedHashSet<>();
    /** Disk base names given out, in lower case: siblings differing only in case confuse readers. */
    private final Set<String> stems = new HashSet<>();
    private long written;
    private int skipped;
    /** The datasets left out by the limit, by key: the names of their members seen. */
    private final TreeMap<String, List<String>> leftOut = new TreeMap<>();

    /** The files of one dataset, on disk under one base name so that siblings find each other. */
    private record Dataset(String diskStem, List<DataFile> files) {
    }

    Expansion(Path dir, long maxBytes) {
        this.dir = dir;
        this.maxBytes = maxBytes;
    }

    /**
     * Extracts {@code archive}; {@code prefix} orders and separates the datasets of a nested
     * archive, placing them where the archive itself would have been.
     */
    void expand(Path archive, String name, ArchiveKind kind, String prefix, int depth) throws IOException {
        switch (kind) {
            case GZ -> gunzip(archive, name, prefix, depth);
            case ZIP -> unzip(archive, prefix, depth);
            case TAR -> {
                try (InputStream in = new BufferedInputStream(Files.newInputStream(archive))) {
                    untar(in, prefix, depth);
                }
            }
            case TAR_GZ -> {
                try (InputStream in = gzip(archive)) {
                    untar(in, prefix, depth);
                }
            }
            case NONE -> throw new IllegalArgumentException(name + " is not an archive");
        }
    }

    /** The kept files, datasets in name order, each dataset's files by name. */
    List<DataFile> files() {
        return kept.values().stream()
                .flatMap(d -> d.files().stream().sorted(Comparator.comparing(DataFile::originalName)))
                .toList();
    }

    /** Members left out by the dataset limit. */
    int skipped() {
        return skipped;
    }

    /** The datasets left out by the limit, in name order: each the file names of its members seen. */
    List<List<String>> leftOut() {
        return leftOut.values().stream().map(List::copyOf).toList();
    }

    /** Deletes everything this expansion wrote. */
    void discard() {
        created.forEach(Transfers::deleteQuietly);
        created.clear();
        kept.clear();
    }

    private void gunzip(Path archive, String name, String prefix, int depth) throws IOException {
        // A sniffed gzip keeps its name: the inner file is sniffed again.
        String inner = FileNames.sanitize(name.toLowerCase(Locale.ROOT).endsWith(".gz")
                ? name.substring(0, name.length() - ".gz".length()) : name);
        if (inner.isEmpty()) {
            inner = "data";
        }
        String key = prefix + "/" + FileNames.stem(inner).toLowerCase(Locale.ROOT);
        if (admits(key, inner)) {
            try (InputStream in = gzip(archive)) {
                add(in, key, inner, depth);
            }
        }
    }

    private void unzip(Path archive, String prefix, int depth) throws IOException {
        try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
            List<ZipArchiveEntry> entries = Collections.list(zip.getEntries());
            tooManyEntries(entries.size());
            entries.sort(Comparator.comparing(ZipArchiveEntry::getName));
            // A zip lists its members up front: files describing a Shapefile join its dataset.
            Set<String> shapefiles = new HashSet<>();
            for (ZipArchiveEntry entry : entries) {
                if (!entry.isDirectory() && entry.getName().toLowerCase(Locale.ROOT).endsWith(".shp")) {
                    EntryName.of(entry.getName()).ifPresent(n -> shapefiles.add(n.datasetKey()));
                }
            }
            for (ZipArchiveEntry entry : entries) {
                Optional<EntryName> name = entry.isDirectory() || entry.isUnixSymlink()
                        ? Optional.empty() : EntryName.of(entry.getName());
                if (name.isEmpty()) {
                    continue;
                }
                if (entry.getGeneralPurposeBit().usesEncryption()) {
                    throw new ImportException(ErrorCode.PASSWORD_PROTECTED,
                            entry.getName() + " is encrypted: the archive is password protected");
                }
                String key = prefix + name.get().datasetKey(shapefiles);
                if (!admits(key, name.get().fileName())) {
                    continue;
                }
                if (!zip.canReadEntryData(entry)) {
                    throw new ImportException(ErrorCode.DECOMPRESSION,
                            entry.getName() + " uses an unsupported compression method");
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    add(in, key, name.get().fileName(), depth);
                }
            }
        }
    }

    private void untar(InputStream raw, String prefix, int depth) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(raw)) {
            TarArchiveEntry entry;
            int count = 0;
            while ((entry = tar.getNextEntry()) != null) {
                tooManyEntries(++count);
                Optional<EntryName> name = isRegularFile(entry) ? EntryName.of(entry.getName()) : Optional.empty();
                if (name.isPresent()) {
                    String key = prefix + name.get().datasetKey();
                    if (admits(key, name.get().fileName())) {
                        add(tar, key, name.get().fileName(), depth);
                    }
                }
            }
        }
    }

    private static void tooManyEntries(int count) {
        if (count > MAX_ENTRIES) {
            throw new ImportException(ErrorCode.DATASET_TOO_BIG,
                    "The archive has more than " + MAX_ENTRIES + " entries");
        }
    }

    /** Tar's isFile() is also true for links and devices. */
    private static boolean isRegularFile(TarArchiveEntry e) {
        return !e.isDirectory() && !e.isSymbolicLink() && !e.isLink() && !e.isCharacterDevice()
                && !e.isBlockDevice() && !e.isFIFO();
    }

    /**
     * Whether a member of dataset {@code key} may be written: its dataset is kept already, or
     * there is room, or it comes before the last one kept (which it then displaces), so that
     * the result is the first datasets by name whatever order a stream brings them in.
     */
    private boolean admits(String key, String name) {
        if (kept.containsKey(key) || kept.size() < MAX_DATASETS || key.compareTo(kept.lastKey()) < 0) {
            return true;
        }
        skipped++;
        leftOut.computeIfAbsent(key, k -> new ArrayList<>()).add(name);
        return false;
    }

    /** Writes one member; an empty one is dropped, an archive expanded in its place. */
    private void add(InputStream in, String key, String name, int depth) throws IOException {
        Dataset dataset = kept.get(key);
        Path file = FileNames.createUnique(dir, dataset != null ? dataset.diskStem() : freshStem(FileNames.stem(name)),
                extensionAsWritten(name));
        created.add(file);
        long size = Transfers.copy(in, file, maxBytes - written);
        written += size;
        if (written > maxBytes) {
            throw new ImportException(ErrorCode.DATASET_TOO_BIG,
                    "The archive expands to more than the " + maxBytes + " bytes allowed");
        }
        if (size == 0) {
            drop(file); // nothing to import
            return;
        }
        ArchiveKind kind = depth < MAX_NESTING ? ArchiveKind.of(name, file) : ArchiveKind.NONE;
        if (kind == ArchiveKind.NONE) {
            keep(key, new DataFile(file, name));
            return;
        }
        expand(file, name, kind, key + "/", depth + 1);
        drop(file);
    }

    private void keep(String key, DataFile file) {
        Dataset dataset = kept.get(key);
        if (dataset == null) {
            // The file may have got a suffix when a file of that name was in the directory already.
            dataset = new Dataset(FileNames.stem(file.path().getFileName().toString()), new ArrayList<>());
            stems.add(dataset.diskStem().toLowerCase(Locale.ROOT));
            kept.put(key, dataset);
            if (kept.size() > MAX_DATASETS) {
                Map.Entry<String, Dataset> last = kept.pollLastEntry();
                last.getValue().files().forEach(f -> drop(f.path()));
                skipped += last.getValue().files().size();
                leftOut.computeIfAbsent(last.getKey(), k -> new ArrayList<>())
                        .addAll(last.getValue().files().stream().map(DataFile::originalName).toList());
            }
        }
        dataset.files().add(file);
    }

    /** {@code stem}, or {@code stem_1}, {@code stem_2}, ... if another dataset has it. */
    private String freshStem(String stem) {
        String candidate = stem;
        for (int i = 1; !stems.add(candidate.toLowerCase(Locale.ROOT)); i++) {
            candidate = stem + "_" + i;
        }
        return candidate;
    }

    private void drop(Path file) {
        Transfers.deleteQuietly(file);
        created.remove(file);
    }

    private static String extensionAsWritten(String name) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? "" : name.substring(dot + 1);
    }

    private static InputStream gzip(Path archive) throws IOException {
        return GzipCompressorInputStream.builder().setPath(archive).setDecompressConcatenated(true).get();
    }
}
