package io.geoingest.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.accounts.Account;
import io.geoingest.accounts.AccountDatabases;
import io.geoingest.accounts.AccountRegistry;
import io.geoingest.connectors.ConnectorProperties;
import io.geoingest.connectors.ConnectorRequest;
import io.geoingest.connectors.StoredPasswords;
import io.geoingest.connectors.arcgis.ArcGisSource;
import io.geoingest.datasets.DatasetRepository;
import io.geoingest.drives.DriveDownloader;
import io.geoingest.fetch.Fetched;
import io.geoingest.fetch.RemoteFile;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportContext;
import io.geoingest.kernel.ImportException;
import io.geoingest.kernel.ImportProperties;
import io.geoingest.kernel.ImportRecord;
import io.geoingest.kernel.ImportState;
import io.geoingest.kernel.ImportSuperseded;
import io.geoingest.kernel.Progress;
import io.geoingest.kernel.ProgressRecorder;
import io.geoingest.kernel.SourceVersion;
import io.geoingest.kernel.DataFile;
import io.geoingest.secrets.Redaction;
import io.geoingest.formats.FormatResolver;
import io.geoingest.ops.ImportMetrics;
import io.geoingest.sink.ImportTransaction;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The steps of {@code routes/import.camel.yaml} that begin and end an import: open its
 * transaction, read its stored source (the route then picks the source's route by its kind),
 * then commit and record the outcome.
 */
@Component("importLifecycle")
public class ImportLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(ImportLifecycle.class);
    /** The import's {@link SourceKind} (its label), on which the import route's choice picks the source's route. */
    public static final String SOURCE_HEADER = "geoingestSource";
    /** Set by {@link #start}: the import's tables are published already, its route is skipped. */
    public static final String PUBLISHED_EARLIER_HEADER = "geoingestPublishedEarlier";
    /** The format tag of sources that are not files (connectors, ArcGIS). */
    private static final String NO_FORMAT = "none";

    private final ImportRepository imports;
    private final DatasetRepository datasets;
    private final AccountRegistry accounts;
    private final AccountDatabases databases;
    private final DataSource dataSource;
    private final WorkDirs workDirs;
    private final ErrorClassifier errors;
    private final ConnectorProperties connectorSettings;
    private final StoredPasswords passwords;
    private final ObjectMapper json;
    private final FormatResolver formats;
    private final ProgressRecorder progress;
    private final ImportMetrics metrics;
    private final DriveDownloader drives;
    private final ImportProperties properties;

    public ImportLifecycle(ImportRepository imports, DatasetRepository datasets, AccountRegistry accounts,
                           AccountDatabases databases, DataSource dataSource, WorkDirs workDirs, ErrorClassifier errors,
                           ConnectorProperties connectorSettings, StoredPasswords passwords, ObjectMapper json,
                           FormatResolver formats, ProgressRecorder progress, ImportMetrics metrics,
                           DriveDownloader drives, ImportProperties properties) {
        this.imports = imports;
        this.datasets = datasets;
        this.accounts = accounts;
        this.databases = databases;
        this.dataSource = dataSource;
        this.workDirs = workDirs;
        this.errors = errors;
        this.connectorSettings = connectorSettings;
        this.passwords = passwords;
        this.json = json;
        this.formats = formats;
        this.progress = progress;
        this.metrics = metrics;
        this.drives = drives;
        this.properties = properties;
    }

    /** Sets up the import's context, and the body and source kind header for its route. */
    public void start(@Header(ImportRunner.IMPORT_ID_HEADER) UUID id, @Header(ImportRunner.ATTEMPT_HEADER) int attempt,
                      Exchange exchange) throws SQLException {
        ImportRecord r = imports.find(id).orElseThrow(() -> new IllegalStateException("no import " + id));
        Account account = accounts.find(r.username()).orElseThrow(() -> new ImportException(ErrorCode.UNKNOWN,
                "The account " + r.username() + " is no longer configured"));
        ImportContext ctx = new ImportContext(r, attempt, workDirs.ofAttempt(id, attempt));
        ImportTransaction tx = new ImportTransaction(ctx, properties.takeoverWait(), account, dataSource,
                databases.dataSource(account));
        exchange.setProperty(ImportContext.PROPERTY, ctx);
        exchange.setProperty(ImportTransaction.PROPERTY, tx);
        prepare(r, account, ctx, exchange);
        // A later attempt claims the import first: an earlier one may have published its tables.
        boolean published = attempt > 1 && tx.publishedEarlier();
        if (published) {
            LOG.info("import {}: attempt {} finds its tables published by an earlier attempt: {}", id, attempt,
                    ctx.tables());
        }
        exchange.getIn().setHeader(PUBLISHED_EARLIER_HEADER, published);
    }

    /** Hands the source to the route of its kind, which the import route's choice picks by the header. */
    private void prepare(ImportRecord r, Account account, ImportContext ctx, Exchange exchange) {
        JsonNode source = r.source();
        SourceKind kind = SourceKind.of(source);
        exchange.getIn().setHeader(SOURCE_HEADER, kind.label());
        switch (kind) {
            case FILE -> {
                String name = source.path("name").asText();
                read(exchange, ctx, kind.label(), formats.announced(name),
                        new DataFile(Path.of(source.path("file").asText()), name));
            }
            case URL -> {
                String url = source.path("url").asText();
                read(exchange, ctx, kind.label(), formats.announced(url.replaceFirst("[?#].*", "")),
                        new RemoteFile(url, knownVersion(source)));
            }
            case QUERY -> read(exchange, ctx, kind.label(), NO_FORMAT, source);
            case DRIVE -> read(exchange, ctx, kind.label(), NO_FORMAT,
                    drives.file(passwords.open(source), account.username(), knownVersion(source)));
            case ARCGIS -> read(exchange, ctx, kind.label(), NO_FORMAT, ArcGisSource.url(source));
            case ROWS -> read(exchange, ctx, kind.label(), NO_FORMAT, RouteRows.rows(source, exchange));
            case CONNECTOR -> {
                ConnectorRequest connector = ConnectorRequest.fromJson(passwords.open(source).path("connector"));
                // Counted under its provider, as the route that reads it (direct:source-<provider>).
                read(exchange, ctx, connector.provider().id(), NO_FORMAT, connector);
                if (!connectorSettings.enabled(connector.provider())) {
                    throw new ImportException(ErrorCode.CONNECTOR_DISABLED,
                            "Connector provider " + connector.provider().id() + " is not enabled");
                }
            }
        }
    }

    /** The version of the source a sync's table holds (a later run's), else unknown. */
    private SourceVersion knownVersion(JsonNode source) {
        return source.has("version") ? json.convertValue(source.get("version"), SourceVersion.class) : SourceVersion.UNKNOWN;
    }

    /** The body the source's route reads, and the import counted as started under its source and format. */
    private void read(Exchange exchange, ImportContext ctx, String source, String format, Object body) {
        exchange.getIn().setBody(body);
        ctx.labels(source, format);
        metrics.started(source, format);
    }

    /**
     * Records which version of the URL was read, for the sync's next run. A sync's source that
     * has not changed gives no file (the route then loads nothing) and completes the run with
     * its table untouched.
     */
    public DataFile fetched(Fetched fetched, @ExchangeProperty(ImportContext.PROPERTY) ImportContext ctx) {
        ctx.sourceVersion(fetched.version());
        if (fetched.unchanged()) {
            ctx.markSourceUnchanged();
        }
        return fetched.file();
    }

    /** Records that the import is downloading its data. */
    public void uploading(@ExchangeProperty(ImportContext.PROPERTY) ImportContext ctx) {
        record(ctx, ImportState.UPLOADING);
    }

    /** Records that the import is decompressing and unpacking its files. */
    public void unpacking(@ExchangeProperty(ImportContext.PROPERTY) ImportContext ctx) {
        record(ctx, ImportState.UNPACKING);
    }

    /** Records that the import is reading rows into the database. */
    public void importing(@ExchangeProperty(ImportContext.PROPERTY) ImportContext ctx) {
        record(ctx, ImportState.IMPORTING);
    }

    /**
     * Records that the import is reading these files into the database, with their total size;
     * the files returned are read through the import's progress.
     */
    public List<DataFile> importingFiles(List<DataFile> files, @ExchangeProperty(ImportContext.PROPERTY) ImportContext ctx) {
        List<DataFile> metered = ctx.progress().reading(files);
        record(ctx, ImportState.IMPORTING);
        progress.save(ctx);
        return metered;
    }

    /** Records the import's step; an attempt that no longer owns the import stops here. */
    private void record(ImportContext ctx, ImportState state) {
        if (!imports.setState(ctx.id(), ctx.attempt(), state)) {
            throw new ImportSuperseded(ctx.id(), ctx.attempt());
        }
    }

    /**
     * Records the tables and the import's completion, and commits everything at once; an attempt
     * that no longer owns the import publishes nothing (its transaction is rolled back).
     */
    public void complete(@ExchangeProperty(ImportContext.PROPERTY) ImportContext ctx,
                         @ExchangeProperty(ImportTransaction.PROPERTY) ImportTransaction tx) throws SQLException {
        if (ctx.sourceUnchanged()) {
            if (!imports.completeUnchanged(ctx.id(), ctx.attempt(), ctx.sourceVersion())) {
                throw new ImportSuperseded(ctx.id(), ctx.attempt());
            }
            metrics.completed(ctx.source(), ctx.format(), 0, null, ctx.elapsed());
            LOG.info("import {}: the source has not changed; the table is kept", ctx.id());
            return;
        }
        List<String> tables = ctx.tables();
        if (tables.isEmpty() && !ctx.anySkipped()) {
            throw new ImportException(ErrorCode.EMPTY_FILE, "The import found no data to load");
        }
        UUID first = null;
        for (String table : tables) {
            UUID id = datasets.record(tx.serviceConnection(), tx.account().username(), table, ctx.id(),
                    ctx.record().privacy());
            first = first == null ? id : first;
        }
        Progress done = ctx.progress().snapshot();
        if (!imports.complete(tx.serviceConnection(), ctx.id(), ctx.attempt(), tables.isEmpty() ? null : tables.get(0), first,
                tables.size(), ctx.warnings().asMap(), ctx.sourceVersion(), done)) {
            throw new ImportSuperseded(ctx.id(), ctx.attempt());
        }
        tx.commit();
        metrics.completed(ctx.source(), ctx.format(), done.rows(), done.bytesTotal(), ctx.elapsed());
        LOG.info("import {} complete: {}", ctx.id(), tables);
    }

    /**
     * Rolls the import back and records why it failed, if this attempt still owns it: one cut
     * off from the database while another took the import over records nothing when it gets
     * through again.
     */
    public void fail(@Header(ImportRunner.IMPORT_ID_HEADER) UUID id, @Header(ImportRunner.ATTEMPT_HEADER) int attempt,
                     Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ImportContext ctx = exchange.getProperty(ImportContext.PROPERTY, ImportContext.class);
        ImportTransaction tx = exchange.getProperty(ImportTransaction.PROPERTY, ImportTransaction.class);
        if (tx != null) {
            tx.close();
        }
        if (errors.superseded(cause)) {
            LOG.info("import {}: {}", id, Redaction.text(cause.getMessage()));
            return;
        }
        ImportException failure = errors.classify(cause);
        // Recorded as logged: a URL's token or a driver's connection string stays out of both.
        String message = Redaction.text(failure.getMessage());
        // As far as it got before failing; none of it is kept.
        Progress reached = ctx == null ? Progress.NONE : ctx.progress().snapshot();
        if (!imports.fail(id, attempt, failure.code(), message, ctx == null ? Map.of() : ctx.warnings().asMap(), reached)) {
            LOG.info("import {}: attempt {} failed with {} but no longer owns the import (a later attempt took it"
                    + " over, or it has ended); nothing recorded: {}", id, attempt, failure.code().code(), message);
            return;
        }
        if (failure.code() == ErrorCode.UNKNOWN) {
            // Not an outcome the import foresaw (Camel's error handler, which logged those, is off).
            LOG.warn("import {} failed with {}: {}", id, failure.code().code(), message);
        } else {
            LOG.info("import {} failed with {}: {}", id, failure.code().code(), message);
        }
        if (ctx == null) {
            metrics.failed("unknown", "unknown", failure.code().code(), null);
        } else {
            metrics.failed(ctx.source(), ctx.format(), failure.code().code(), ctx.elapsed());
        }
    }

    /**
     * Always runs: returns the connection and removes the files this attempt made, and the
     * import's own (its upload) once it has ended. While it runs, the files of the attempt that
     * owns it, and the upload that attempt reads, stay.
     */
    public void close(@Header(ImportRunner.IMPORT_ID_HEADER) UUID id, @Header(ImportRunner.ATTEMPT_HEADER) int attempt,
                      Exchange exchange) {
        ImportTransaction tx = exchange.getProperty(ImportTransaction.PROPERTY, ImportTransaction.class);
        if (tx != null) {
            tx.close();
        }
        workDirs.deleteAttempt(id, attempt);
        if (imports.ended(id)) {
            workDirs.delete(id);
        }
    }
}
