package io.geoingest.imports;

import static io.geoingest.sink.Sql.ident;

import io.geoingest.accounts.Account;
import io.geoingest.accounts.ServiceLocks;
import io.geoingest.fetch.SourceVersion;
import io.geoingest.rows.ImportWarnings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running import: the record, the account, and the single database transaction in
 * which every table of the import is loaded, cartodbfied, renamed into place and recorded as
 * complete. Nothing is visible to readers before {@link #commit()}; a failure or a dead JVM
 * rolls everything back, staging tables included.
 *
 * <p>The transaction opens when the first table is loaded, so a long download holds no
 * database connection. Opening it claims the import with an advisory lock: a replica that
 * was only paused, not dead, and the replica that recovered its job cannot both publish.
 */
public final class ImportContext implements AutoCloseable {
    /** The Exchange property that carries the context through the routes. */
    public static final String PROPERTY = "geoingestImport";
    private static final Logger LOG = LoggerFactory.getLogger(ImportContext.class);

    private final ImportRecord record;
    private final Account account;
    private final Path workDir;
    private final DataSource dataSource;
    private final ImportWarnings warnings = new ImportWarnings();
    private final List<String> tables = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private final List<String> leftOut = new ArrayList<>();
    /** Open COPY streams and sources, closed (COPY cancelled first) if the import fails. */
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final ImportProgress progress = new ImportProgress();
    private final long startedNanos = System.nanoTime();
    private String source = "unknown";
    private String format = "unknown";
    private SourceVersion sourceVersion = SourceVersion.UNKNOWN;
    private boolean sourceUnchanged;
    private Connection connection;
    private int layers;
    private boolean finished;

    public ImportContext(ImportRecord record, Account account, Path workDir, DataSource dataSource) {
        this.record = record;
        this.account = account;
        this.workDir = workDir;
        this.dataSource = dataSource;
    }

    public ImportRecord record() {
        return record;
    }

    public UUID id() {
        return record.id();
    }

    public Account account() {
        return account;
    }

    public ImportOptions options() {
        return record.options();
    }

    /** Where this import keeps its files; removed when the import ends. */
    public Path workDir() {
        return workDir;
    }

    /** The import's transaction, acting as the account's role inside its schema. */
    public Connection connection() throws SQLException {
        if (connection == null) {
            connection = open();
        }
        return connection;
    }

    private Connection open() throws SQLException {
        Connection c = dataSource.getConnection();
        try {
            c.setAutoCommit(false);
            claim(c);
            actAsAccount(c);
            return c;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            c.close();
            throw e;
        }
    }

    private void actAsAccount(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL ROLE " + ident(account.role()));
            // Not the account's schema: through the SQL API the account creates functions there,
            // and one matching a call of ours more exactly would run here, on the service's
            // session, free to RESET ROLE. Our SQL names the schema explicitly.
            s.execute("SET LOCAL search_path = public");
        }
    }

    /**
     * Takes a lock between replicas ({@link ServiceLocks}) until the transaction ends, leaving the
     * account's role only for that statement.
     */
    public void lock(String key) throws SQLException {
        Connection c = connection();
        try (Statement s = c.createStatement()) {
            s.execute("RESET ROLE");
        }
        try (PreparedStatement ps = c.prepareStatement(ServiceLocks.TAKE)) {
            ps.setString(1, key);
            ps.executeUpdate();
        }
        actAsAccount(c);
    }

    private void claim(Connection c) throws SQLException {
        UUID id = record.id();
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?),"
                + " (SELECT state FROM geoingest.imports WHERE id = ?)")) {
            lock.setLong(1, id.getMostSignificantBits() ^ id.getLeastSignificantBits());
            lock.setObject(2, id);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                String state = rs.getString(2);
                if (!rs.getBoolean(1) || state == null || ImportState.of(state).isFinal()) {
                    throw new ImportSuperseded(id);
                }
            }
        }
    }

    public ImportProgress progress() {
        return progress;
    }

    /** How long ago this run of the import started. */
    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** The import's source and format, as its metrics are tagged ({@link ImportLifecycle}). */
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
        leftOut.add(table);
        warnings.set("tables_left_out", List.copyOf(leftOut));
    }

    /** Something to close if the import fails before it is done with it. */
    public void track(AutoCloseable resource) {
        resources.push(resource);
    }

    /** Records a table this import created or replaced, under its final name. */
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

    /** Leaves the account's role, for writing geoingest's own records in the same transaction. */
    public void actAsService() throws SQLException {
        try (Statement s = connection().createStatement()) {
            s.execute("RESET ROLE");
            s.execute("RESET search_path");
        }
    }

    public void commit() throws SQLException {
        connection().commit();
        finished = true;
    }

    /** Cancels what is open, rolls back unless committed, and returns the connection. */
    @Override
    public void close() {
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                LOG.debug("import {}: closing after failure: {}", record.id(), e.toString());
            }
        }
        if (connection == null) {
            return;
        }
        try (Connection c = connection) {
            if (!finished) {
                c.rollback();
            }
        } catch (SQLException ignored) {
            // The connection is gone; PostgreSQL rolled the transaction back with it.
        }
        connection = null;
    }
}
