package io.geoingest.imports;

import static io.geoingest.sink.Sql.ident;

import io.geoingest.accounts.Account;
import io.geoingest.rows.ImportWarnings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * One running import: the record, the account, and the single database transaction in
 * which every table of the import is loaded, cartodbfied, renamed into place and recorded as
 * complete. Nothing is visible to readers before {@link #commit()}; a failure or a dead JVM
 * rolls everything back, staging tables included.
 */
public final class ImportContext implements AutoCloseable {
    /** The Exchange property that carries the context through the routes. */
    public static final String PROPERTY = "geoingestImport";

    private final ImportRecord record;
    private final Account account;
    private final Path workDir;
    private final Connection connection;
    private final ImportWarnings warnings = new ImportWarnings();
    private final List<String> tables = new ArrayList<>();
    private int layers;
    private boolean finished;

    private ImportContext(ImportRecord record, Account account, Path workDir, Connection connection) {
        this.record = record;
        this.account = account;
        this.workDir = workDir;
        this.connection = connection;
    }

    /** Opens the import's transaction, acting as the account's role inside its schema. */
    public static ImportContext open(DataSource dataSource, ImportRecord record, Account account, Path workDir)
            throws SQLException {
        Connection c = dataSource.getConnection();
        try {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL ROLE " + ident(account.role()));
                s.execute("SET LOCAL search_path = " + ident(account.schema()) + ", public");
            }
            return new ImportContext(record, account, workDir, c);
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
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

    public Connection connection() {
        return connection;
    }

    public ImportWarnings warnings() {
        return warnings;
    }

    /** A number for the next layer's staging table, unique within the import. */
    public int nextLayer() {
        return ++layers;
    }

    /** Records a table this import created or replaced, under its final name. */
    public void published(String table) {
        tables.add(table);
    }

    public List<String> tables() {
        return List.copyOf(tables);
    }

    /** Leaves the account's role, for writing geoingest's own records in the same transaction. */
    public void actAsService() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("RESET ROLE");
            s.execute("RESET search_path");
        }
    }

    public void commit() throws SQLException {
        connection.commit();
        finished = true;
    }

    @Override
    public void close() {
        try (connection) {
            if (!finished) {
                connection.rollback();
            }
        } catch (SQLException ignored) {
            // The connection is gone; PostgreSQL rolled the transaction back with it.
        }
    }
}
