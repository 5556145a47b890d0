package io.geoingest.imports;

import io.geoingest.testing.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A reader that counts a table's rows under its name every few milliseconds, on a connection of
 * its own, and keeps every count it saw (a missing table counts nothing): what an account's
 * readers see while an import publishes that table.
 */
final class TableReader implements AutoCloseable {
    /** PostgreSQL's undefined_table. */
    private static final String NO_SUCH_TABLE = "42P01";

    private final String table;
    private final List<Long> counts = new CopyOnWriteArrayList<>();
    private final List<SQLException> failures = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean stopped;

    TableReader(String table) {
        this.table = table;
        thread = new Thread(this::poll, "table-reader");
        thread.setDaemon(true);
        thread.start();
    }

    private void poll() {
        try (Connection c = TestDatabases.forStatement("SELECT FROM " + table); Statement s = c.createStatement()) {
            while (!stopped) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    counts.add(rs.getLong(1));
                } catch (SQLException e) {
                    if (!NO_SUCH_TABLE.equals(e.getSQLState())) {
                        failures.add(e);
                    }
                }
                Thread.sleep(5);
            }
        } catch (SQLException e) {
            failures.add(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the reader has seen {@code rows} rows (the table once published). */
    void awaitSeen(long rows) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!counts.contains(rows) && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        if (!failures.isEmpty()) {
            throw new AssertionError("the reader failed", failures.get(0));
        }
        if (!counts.contains(rows)) {
            throw new AssertionError("the reader never saw " + rows + " rows in " + table + ": " + counts.subList(0, Math.min(20, counts.size())));
        }
    }

    List<Long> counts() {
        return List.copyOf(counts);
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.join(5000);
    }
}
