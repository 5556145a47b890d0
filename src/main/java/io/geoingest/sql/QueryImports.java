package io.geoingest.sql;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.accounts.Account;
import io.geoingest.connectors.AccountTablesReader;
import io.geoingest.connectors.ConnectorProperties;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.kernel.ImportProperties;
import io.geoingest.rows.Column;
import io.geoingest.kernel.ImportWarnings;
import io.geoingest.rows.RowBatch;
import io.geoingest.rows.TableSource;
import io.geoingest.kernel.Sql;
import io.geoingest.sources.SourceAddressPolicy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The Import API's imports of the account's own data (route {@code direct:source-query}):
 * {@code sql}, a query whose result becomes a table ({@code data_type} {@code query}), and
 * {@code table_copy}, a copy of one of the account's tables ({@code data_type} {@code table}).
 *
 * <p>Both read with the SQL API's confinement: a session logged in as the account's own role
 * ({@link AccountConnections#openReadOnly}), every transaction read-only, so PostgreSQL itself
 * refuses other accounts' schemas, geoingest's, the catalog's secrets and any write. The rows
 * stream (cursor, fetch size) into the shared COPY sink like any connector's, which names,
 * cartodbfies and publishes the new table.
 *
 * <p>Errors: a {@code sql} that is not one statement, fails in PostgreSQL (syntax, permission,
 * a write refused by the read-only transaction) or has two columns of one name: 8003; one
 * that returns no rows: 1015. A {@code table_copy} naming no table of the account: 1011.
 */
@Component("queryImports")
public class QueryImports {
    /** The name of a query's table when neither {@code table_name} nor a first table gives one. */
    static final String UNTITLED = "untitled_table";
    private static final String REMOTE_PREFIX = "The remote query failed: ";

    private final AccountConnections connections;
    private final AccountTablesReader reader;

    public QueryImports(AccountConnections connections, ConnectorProperties connectors, ImportProperties imports,
                        SourceAddressPolicy addresses) {
        this.connections = connections;
        this.reader = new AccountTablesReader(connectors, imports, addresses);
    }

    /** The source of the import's {@code sql} or {@code table_copy}, streaming, read as {@code account}. */
    public TableSource open(JsonNode source, Account account) {
        String tableName = source.hasNonNull("table_name") ? source.get("table_name").asText() : null;
        if (source.hasNonNull("table_copy")) {
            return copy(account, source.get("table_copy").asText(), tableName);
        }
        return query(account, source.path("sql").asText(), tableName);
    }

    private TableSource query(Account account, String sql, String tableName) {
        SqlTokens.Statement statement;
        try {
            statement = SqlTokens.single(sql);
        } catch (SqlFailure e) {
            throw new ImportException(ErrorCode.QUERY_TABLE, e.getMessage());
        }
        String name = tableName != null ? tableName : firstTable(statement.tokens()).orElse(UNTITLED);
        Connection c = connect(account);
        try {
            return new QueryResult(reader.read(c, name, statement.text(), account.role()));
        } catch (ImportException e) {
            throw asQueryFailure(e);
        }
    }

    private TableSource copy(Account account, String table, String tableName) {
        Connection c = connect(account);
        try {
            if (!exists(c, account.schema(), table)) {
                throw new ImportException(ErrorCode.DATASOURCE_QUERY, "There is no table " + table
                        + " in your account to copy");
            }
        } catch (SQLException | RuntimeException e) {
            close(c);
            throw e instanceof ImportException ie ? ie
                    : new ImportException(ErrorCode.DATASOURCE_QUERY, "Could not look up the table to copy: " + e.getMessage(), e);
        }
        return reader.read(c, tableName != null ? tableName : table,
                "SELECT * FROM " + Sql.qualified(account.schema(), table), account.role());
    }

    /** Whether the account's schema holds a table, view or materialized view named exactly {@code table}. */
    private static boolean exists(Connection c, String schema, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_catalog.pg_class c"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p', 'v', 'm', 'f')")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } finally {
            // The look-up's transaction (read-only, autocommit on) is over; the copy starts its own.
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        }
    }

    private Connection connect(Account account) {
        try {
            return connections.openReadOnly(account);
        } catch (SQLException e) {
            throw new ImportException(ErrorCode.DATASOURCE_CONNECTION,
                    "Could not connect as the account's role: " + e.getMessage(), e);
        }
    }

    private static void close(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing more to do
        }
    }

    /** A query PostgreSQL refused cannot be turned into a table: the seed's 8003. */
    private static ImportException asQueryFailure(ImportException e) {
        if (e.code() != ErrorCode.DATASOURCE_QUERY) {
            return e;
        }
        String m = e.getMessage() == null ? "" : e.getMessage();
        if (m.startsWith(REMOTE_PREFIX)) {
            m = "The query failed: " + m.substring(REMOTE_PREFIX.length());
        }
        return new ImportException(ErrorCode.QUERY_TABLE, m, e);
    }

    /**
     * The first table the statement reads: the name after its first {@code FROM} outside
     * parentheses (the last part of a qualified name; unquoted names folded to lower case, as
     * PostgreSQL folds them). None when it reads no named table.
     */
    public static Optional<String> firstTable(List<SqlTokens.Token> tokens) {
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            SqlTokens.Token t = tokens.get(i);
            if (t.isSymbol('(')) {
                depth++;
            } else if (t.isSymbol(')')) {
                depth--;
            } else if (depth == 0 && t.isWord("from") && i + 1 < tokens.size() && identifier(tokens.get(i + 1)) != null) {
                int j = i + 1;
                String name = identifier(tokens.get(j));
                while (j + 2 < tokens.size() && tokens.get(j + 1).isSymbol('.') && identifier(tokens.get(j + 2)) != null) {
                    j += 2;
                    name = identifier(tokens.get(j));
                }
                return name.isBlank() ? Optional.empty() : Optional.of(name);
            }
        }
        return Optional.empty();
    }

    private static String identifier(SqlTokens.Token t) {
        if (t.kind() == SqlTokens.Kind.WORD) {
            return t.text().toLowerCase(Locale.ROOT);
        }
        if (t.kind() == SqlTokens.Kind.QUOTED_IDENTIFIER) {
            String s = t.text();
            return s.length() >= 2 ? s.substring(1, s.length() - 1).replace("\"\"", "\"") : null;
        }
        return null;
    }

    /**
     * A query's result: fails with 1015 when it has no rows, and with 8003 when PostgreSQL
     * refuses it while streaming, instead of the connectors' 1011.
     */
    private static final class QueryResult implements TableSource {
        private final TableSource rows;

        QueryResult(TableSource rows) {
            this.rows = rows;
        }

        @Override
        public String name() {
            return rows.name();
        }

        @Override
        public List<Column> columns() {
            return rows.columns();
        }

        @Override
        public Iterator<RowBatch> batches() {
            Iterator<RowBatch> batches = rows.batches();
            return new Iterator<>() {
                private long read;

                @Override
                public boolean hasNext() {
                    boolean more;
                    try {
                        more = batches.hasNext();
                    } catch (ImportException e) {
                        throw asQueryFailure(e);
                    }
                    if (!more && read == 0) {
                        throw new ImportException(ErrorCode.NO_RESULTS, "The query returned no rows");
                    }
                    return more;
                }

                @Override
                public RowBatch next() {
                    RowBatch b;
                    try {
                        b = batches.next();
                    } catch (ImportException e) {
                        throw asQueryFailure(e);
                    }
                    read += b.size();
                    return b;
                }
            };
        }

        @Override
        public ImportWarnings warnings() {
            return rows.warnings();
        }

        @Override
        public void close() {
            rows.close();
        }
    }
}
