package io.geoingest.sink;

import static io.geoingest.kernel.Sql.ident;
import static io.geoingest.kernel.Sql.qualified;

import io.geoingest.accounts.Account;
import io.geoingest.accounts.ServiceLocks;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportContext;
import io.geoingest.kernel.ImportException;
import io.geoingest.kernel.ImportSuperseded;
import io.geoingest.secrets.Redaction;
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
 * The transactions of one running import, which the sink owns: two, committed together at
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
 *
 * <p>What the import produced (its tables, warnings, progress) is its {@link ImportContext},
 * which the formats and connectors write into too; this is only the sink's.
 */
public final class ImportTransaction implements AutoCloseable {
    /** The Exchange property that carries the transaction through the routes (beside {@link ImportContext#PROPERTY}). */
    public static final String PROPERTY = "geoingestTransaction";
    /**
     * The fence on every write of a run: the row changes only while the run's attempt is the
     * import's last and the import has not ended. A run cut off from the database (its replica
     * declared dead, its job taken over) thus changes nothing once it reconnects, and a final
     * state, once written, stays. The claim checks it; the import's repository fences its writes
     * on it (parameters: the import's id, the attempt).
     */
    public static final String OWNED = "id = ? AND attempts = ? AND state NOT IN ('complete', 'failure')";
    private static final Logger LOG = LoggerFactory.getLogger(ImportTransaction.class);

    private static final Duration CLAIM_POLL = Duration.ofMillis(200);

    private final ImportContext ctx;
    private final Duration takeoverWait;
    private final Account account;
    private final DataSource dataSource;
    private final DataSource accountDataSource;
    /** Open COPY streams and sources, closed (COPY cancelled first) if the import fails. */
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    /** Staging tables committed ahead of the import's transaction, dropped when it ends unless moved into place. */
    private final List<String> staged = new ArrayList<>();
    private Connection service;
    private Connection connection;
    private boolean publishedEarlier;

    /**
     * @param ctx          the import's run: its id and attempt (every record it writes is fenced
     *                     on the attempt), and the tables it publishes
     * @param takeoverWait how long the claim waits for an earlier attempt's transaction to end
     * @param dataSource   the service's database
     * @param accountDataSource the account's database, as the service's role
     */
    public ImportTransaction(ImportContext ctx, Duration takeoverWait, Account account, DataSource dataSource,
                             DataSource accountDataSource) {
        this.ctx = ctx;
        this.takeoverWait = takeoverWait;
        this.account = account;
        this.dataSource = dataSource;
        this.accountDataSource = accountDataSource;
    }

    /** The import's run, as the formats and connectors see it: what it has produced so far. */
    public ImportContext context() {
        return ctx;
    }

    public Account account() {
        return account;
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
            publishedEarlier = ctx.attempt() > 1 && findPublished(a);
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
            ps.setObject(1, ctx.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                for (String table : (String[]) rs.getArray(1).getArray()) {
                    ctx.published(table);
                }
                return true;
            }
        }
    }

    /**
     * Whether an earlier attempt published the import's tables and died before recording it:
     * then the context's {@link ImportContext#tables()} are those, and nothing is left to load.
     * Known once the transaction is open, which a later attempt does first.
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
        UUID id = ctx.id();
        int attempt = ctx.attempt();
        long deadline = System.nanoTime() + takeoverWait.toNanos();
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)"
                + (inService ? ", EXISTS (SELECT 1 FROM geoingest.imports WHERE " + OWNED + ")" : ""))) {
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

    /** Something to close if the import fails before it is done with it. */
    public void track(AutoCloseable resource) {
        resources.push(resource);
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
            ps.setObject(1, ctx.id());
            ps.setArray(2, c.createArrayOf("text", ctx.tables().toArray()));
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
                LOG.debug("import {}: closing after failure: {}", ctx.id(), Redaction.text(e.toString()));
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
            LOG.warn("import {}: staging tables {} left for the sweeper: {}", ctx.id(), staged, e.toString());
        }
        staged.clear();
    }
}
