package io.geoingest.imports;

import static io.geoingest.kernel.Sql.ident;
import static io.geoingest.kernel.Sql.qualified;

import io.geoingest.accounts.Account;
import io.geoingest.accounts.ServiceLocks;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.kernel.ImportOptions;
import io.geoingest.kernel.ImportProgress;
import io.geoingest.kernel.ImportRecord;
import io.geoingest.kernel.ImportSuperseded;
import io.geoingest.kernel.SourceVersion;
import io.geoingest.kernel.ImportWarnings;
import io.geoingest.secrets.Redaction;
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
 * One running import: the record, the account, and two transactions committed together at
 * {@link #commit()}: the account's, in its own database, in which every table of the import is
 * cartodbfied and renamed into place, and the service's, which claims the import and records
 * it complete. No table is visible under its name before; a failure or a dead JVM rolls
 * everything back. The account's commits first, with a note of what it published
 * ({@code geoingest_publications}): an attempt taking over after a death between the two
 * commits finds that note and completes the record ({@link #publishedEarlier()}).
 *
 * <p>Staging tables are the exception: each is loaded and committed
 * on a side connection so that two sessions can build its indexes at once; the account can
 * see them as {@code gi_stage_*} while the import runs, and they are dropped when it fails
 * (by {@link #close()}, or by the sweeper after a dead replica). Their names carry the attempt,
 * so that an attempt taken over drops only its own.
 *
 * <p>The transaction opens when the first table is loaded, so a long download holds no
 * database connection. Opening it claims the import for this run's attempt with an advisory
 * lock: a replica that was only paused or cut off, not dead, and the replica that recovered
 * its job cannot both publish; and only the attempt that owns the import (its last) claims it.
 */
public final class ImportContext implements AutoCloseable {
    /** The Exchange property that carries the context through the routes. */
    public static final String PROPERTY = "geoingestImport";
    private static final Logger LOG = LoggerFactory.getLogger(ImportContext.class);

    private static final Duration CLAIM_POLL = Duration.ofMillis(200);

    private final ImportRecord record;
    private final int attempt;
    private final Duration takeoverWait;
    private final Account account;
    private final Path workDir;
    private final DataSource dataSource;
    private final DataSource accountDataSource;
    private final ImportWarnings warnings = new ImportWarnings();
    private final List<String> tables = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    /** How many of the tables left out the warning names. */
    public static final int LEFT_OUT_NAMED = 20;
    private final List<String> leftOut = new ArrayList<>();
    /** Open COPY streams and sources, closed (COPY cancelled first) if the import fails. */
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    /** Staging tables committed ahead of the import's transaction, dropped when it ends unless moved into place. */
    private final List<String> staged = new ArrayList<>();
    private final ImportProgress progress = new ImportProgress();
    private final long startedNanos = System.nanoTime();
    private String source = "unknown";
    private String format = "unknown";
    private SourceVersion sourceVersion = SourceVersion.UNKNOWN;
    private boolean sourceUnchanged;
    private Connection service;
    private Connection connection;
    private boolean publishedEarlier;
    private int layers;

    /**
     * @param attempt      the number of this run among the import's attempts: every record it
     *                     writes is fenced on it
     * @param takeoverWait how long the claim waits for an earlier attempt's transaction to end
     * @param dataSource   the service's database
     * @param accountDataSource the account's database, as the service's role
     */
    public ImportContext(ImportRecord record, int attempt, Duration takeoverWait, Account account, Path workDir,
                         DataSource dataSource, DataSource accountDataSource) {
        this.record = record;
        this.attempt = attempt;
        this.takeoverWait = takeoverWait;
        this.account = account;
        this.workDir = workDir;
        this.dataSource = dataSource;
        this.accountDataSource = accountDataSource;
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

    public Account account() {
        return account;
    }

    public ImportOptions options() {
        return record.options();
    }

    /** Where this attempt keeps the files it makes (downloads, unpacked files); removed when it ends. */
    public Path workDir() {
        return workDir;
    }

    /** The import's transaction in the account's database, acting as the account's role. */
    public Connection connection() throws SQLException {
        if (connection == null) {
            open();
        }
        return connection;
    }

    /** The import's transaction in the service's database, which claims it: for its records. */
    public Connection serviceConnection() throws SQLException {
        connection();
        return service;
    }

    /**
     * Claims the import in the service's database, then fences an earlier attempt in the
     * account's: the same lock there is held by an account transaction of an earlier attempt
     * until it ends, committed or not. Only then is what it published certain.
     */
    private void open() throws SQLException {
        Connection s = dataSource.getConnection();
        Connection a = null;
        try {
            s.setAutoCommit(false);
            claim(s, true);
            a = accountDataSource.getConnection();
            a.setAutoCommit(false);
            claim(a, false);
            publishedEarlier = attempt > 1 && findPublished(a);
            actAsAccount(a);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(a);
            closeQuietly(s);
            throw e;
        }
        service = s;
        connection = a;
    }

    private boolean findPublished(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT tables FROM public.geoingest_publications WHERE import_id = ?")) {
            ps.setObject(1, record.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                tables.addAll(List.of((String[]) rs.getArray(1).getArray()));
                return true;
            }
        }
    }

    /**
     * Whether an earlier attempt published the import's tables and died before recording it:
     * then {@link #tables()} are those, and nothing is left to load. Known once the transaction
     * is open, which a later attempt does first.
     */
    public boolean publishedEarlier() throws SQLException {
        connection();
        return publishedEarlier;
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try (c) {
            c.rollback();
        } catch (SQLException ignored) {
            // The connection is gone; PostgreSQL rolled the transaction back with it.
        }
    }

    /**
     * A connection of its own, in a transaction acting as the account, for work that commits
     * before the import does: a staging table that another session can index while the
     * import's transaction indexes it too. The import is claimed first, so only its claimant
     * creates its staging tables.
     */
    public Connection sideConnection() throws SQLException {
        connection();
        Connection c = accountDataSource.getConnection();
        try {
            c.setAutoCommit(false);
            actAsAccount(c);
            return c;
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** Records a staging table committed on a side connection, to drop if the import does not publish it. */
    public void staged(String table) {
        staged.add(table);
    }

    /** Acts as the account in {@code c}'s current transaction. */
    public void actAsAccount(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL ROLE " + ident(account.role()));
            // Not the account's schema: through the SQL API the account creates functions there,
            // and one matching a call of ours more exactly would run here, on the service's
            // session, free to RESET ROLE. Our SQL names the schema explicitly.
            s.execute("SET LOCAL search_path = public");
        }
    }

    /** Takes a lock between replicas ({@link ServiceLocks}) until the import's transactions end. */
    public void lock(String key) throws SQLException {
        try (PreparedStatement ps = serviceConnection().prepareStatement(ServiceLocks.TAKE)) {
            ps.setString(1, key);
            ps.executeUpdate();
        }
    }

    /**
     * Takes the import's advisory lock in {@code c}'s transaction (in the service's database, if
     * this attempt owns the import). An earlier attempt's transaction may still hold the lock
     * (its replica was declared dead but lives on): that attempt can record nothing any more and
     * gives up at its next write, so this one waits for it, up to {@code geoingest.imports.takeover-wait}.
     */
    private void claim(Connection c, boolean inService) throws SQLException {
        UUID id = record.id();
        long deadline = System.nanoTime() + takeoverWait.toNanos();
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)"
                + (inService ? ", EXISTS (SELECT 1 FROM geoingest.imports WHERE " + ImportRepository.OWNED + ")" : ""))) {
            lock.setLong(1, id.getMostSignificantBits() ^ id.getLeastSignificantBits());
            if (inService) {
                lock.setObject(2, id);
                lock.setInt(3, attempt);
            }
            while (true) {
                try (ResultSet rs = lock.executeQuery()) {
                    rs.next();
                    if (inService && !rs.getBoolean(2)) {
                        throw new ImportSuperseded(id, attempt);
                    }
                    if (rs.getBoolean(1)) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new ImportException(ErrorCode.UNKNOWN, "An earlier attempt of the import, on a replica"
                            + " taken for dead, still held it after " + takeoverWait.toSeconds() + " s");
                }
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(CLAIM_POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImportException(ErrorCode.UNKNOWN, "Interrupted while waiting to claim the import");
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

    /**
     * Commits the account's transaction with its note of the tables published, then the
     * service's, which holds the import's records.
     */
    public void commit() throws SQLException {
        Connection c = connection();
        try (Statement s = c.createStatement()) {
            s.execute("RESET ROLE");
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO public.geoingest_publications (import_id, tables)"
                + " VALUES (?, ?) ON CONFLICT (import_id) DO NOTHING")) {
            ps.setObject(1, record.id());
            ps.setArray(2, c.createArrayOf("text", tables.toArray()));
            ps.executeUpdate();
        }
        c.commit();
        service.commit();
    }

    /** Cancels what is open, rolls back unless committed, returns the connection and drops what is left staged. */
    @Override
    public void close() {
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                LOG.debug("import {}: closing after failure: {}", record.id(), Redaction.text(e.toString()));
            }
        }
        if (connection != null) {
            closeQuietly(connection);
            closeQuietly(service);
            connection = null;
            service = null;
        }
        dropStaged();
    }

    /**
     * Drops the committed staging tables still there: all of them after a failure, none after
     * success (each was renamed into place, or dropped in the transaction). A table this fails
     * to drop, or one a dead replica left, is the {@code StagingSweeper}'s.
     */
    private void dropStaged() {
        if (staged.isEmpty()) {
            return;
        }
        try (Connection c = accountDataSource.getConnection()) {
            c.setAutoCommit(false);
            actAsAccount(c);
            try (Statement s = c.createStatement()) {
                for (String table : staged) {
                    s.execute("DROP TABLE IF EXISTS " + qualified(account.schema(), table));
                }
            }
            c.commit();
        } catch (SQLException e) {
            LOG.warn("import {}: staging tables {} left for the sweeper: {}", record.id(), staged, e.toString());
        }
        staged.clear();
    }
}
