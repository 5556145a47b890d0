package io.geoingest.kernel;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One running import as its steps see it: what it was asked (its record, options, and where it
 * keeps its files) and what it has produced so far, which the formats, connectors and the sink
 * write into: its tables, warnings, progress and the labels of its metrics. The routes carry it
 * in the Exchange property {@value #PROPERTY}.
 *
 * <p>No database connection: the import's transactions are the sink's
 * ({@code io.geoingest.sink.ImportTransaction}), which records the tables here as it publishes
 * them.
 */
public final class ImportContext {
    /** The Exchange property that carries the context through the routes. */
    public static final String PROPERTY = "geoingestImport";
    /** How many of the tables left out the warning names. */
    public static final int LEFT_OUT_NAMED = 20;

    private final ImportRecord record;
    private final int attempt;
    private final Path workDir;
    private final ImportWarnings warnings = new ImportWarnings();
    private final List<String> tables = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private final List<String> leftOut = new ArrayList<>();
    private final ImportProgress progress = new ImportProgress();
    private final long startedNanos = System.nanoTime();
    private String source = "unknown";
    private String format = "unknown";
    private SourceVersion sourceVersion = SourceVersion.UNKNOWN;
    private boolean sourceUnchanged;
    private int layers;

    /**
     * @param attempt the number of this run among the import's attempts: every record it
     *                writes is fenced on it
     * @param workDir where this attempt keeps the files it makes
     */
    public ImportContext(ImportRecord record, int attempt, Path workDir) {
        this.record = record;
        this.attempt = attempt;
        this.workDir = workDir;
    }

    public ImportRecord record() {
        return record;
    }

    public UUID id() {
        return record.id();
    }

    /** Which attempt of the import this run is: it may write the import's record only while that is the last. */
    public int attempt() {
        return attempt;
    }

    public ImportOptions options() {
        return record.options();
    }

    /** Where this attempt keeps the files it makes (downloads, unpacked files); removed when it ends. */
    public Path workDir() {
        return workDir;
    }

    public ImportProgress progress() {
        return progress;
    }

    /** How long ago this run of the import started. */
    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** The import's source and format, as its metrics are tagged ({@code ImportLifecycle}). */
    public void labels(String source, String format) {
        this.source = source;
        this.format = format;
    }

    public String source() {
        return source;
    }

    public String format() {
        return format;
    }

    /** What version of a URL source this import read. */
    public SourceVersion sourceVersion() {
        return sourceVersion;
    }

    public void sourceVersion(SourceVersion version) {
        this.sourceVersion = version;
    }

    /** Whether this is a sync's run that found its source unchanged: no table to load or replace. */
    public boolean sourceUnchanged() {
        return sourceUnchanged;
    }

    public void markSourceUnchanged() {
        this.sourceUnchanged = true;
    }

    public ImportWarnings warnings() {
        return warnings;
    }

    /** A number for the next layer's staging table, unique within the import. */
    public int nextLayer() {
        return ++layers;
    }

    public int layersStarted() {
        return layers;
    }

    /** Records a table not created because the import reached its limit of tables. */
    public void leftOut(String table) {
        leftOut(List.of(table));
    }

    /**
     * Records tables (layers, or an archive's files) not created because the import reached its
     * limit of tables: the warning {@code tables_left_out} names the first
     * {@value #LEFT_OUT_NAMED} of them, {@code tables_left_out_count} counts them all.
     */
    public void leftOut(List<String> tables) {
        leftOut.addAll(tables);
        warnings.set("tables_left_out", List.copyOf(leftOut.subList(0, Math.min(leftOut.size(), LEFT_OUT_NAMED))));
        warnings.set("tables_left_out_count", leftOut.size());
    }

    /**
     * Records a table this import created or replaced, under its final name (or one an earlier
     * attempt published, found by the one that took it over).
     */
    public void published(String table) {
        tables.add(table);
    }

    /** Records a table not imported because its name was taken (collision_strategy skip). */
    public void skipped(String table) {
        skipped.add(table);
        warnings.set("skipped_tables", List.copyOf(skipped));
    }

    public List<String> tables() {
        return List.copyOf(tables);
    }

    public boolean anySkipped() {
        return !skipped.isEmpty();
    }
}
