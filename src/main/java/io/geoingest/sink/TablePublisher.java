package io.geoingest.sink;

import static io.geoingest.kernel.Sql.ident;

import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportContext;
import io.geoingest.kernel.ImportException;
import io.geoingest.kernel.ImportOptions.CollisionStrategy;
import io.geoingest.kernel.Sql;
import io.geoingest.sink.naming.TableNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Moves a cartodbfied staging table to its final name, applying the import's collision
 * strategy, or, for a sync's run, replacing the sync's table whatever its columns now are.
 * Runs in the import's transaction: readers see the old table, or none, until the commit,
 * then the new one.
 */
@Component
public class TablePublisher {
    private final TableSwap swap;

    public TablePublisher(TableSwap swap) {
        this.swap = swap;
    }

    public void publish(ImportTransaction tx, LayerLoad load) throws SQLException {
        ImportContext ctx = tx.context();
        Connection c = tx.connection();
        String schema = tx.account().schema();
        // Two imports of one account must not pick the same free name.
        tx.lock("names:" + schema);
        String syncTable = ctx.options().syncTable();
        boolean replacing = syncTable != null;
        // A sync's later run loads one table (CopySink.hasRoom), which goes where the sync's table is.
        String wanted = replacing ? syncTable : TableNames.normalize(load.source().name());
        CollisionStrategy strategy = replacing ? CollisionStrategy.OVERWRITE : ctx.options().collisionStrategy();
        boolean taken = exists(c, schema, wanted);
        String name = wanted;
        TableSwap.Dependents views = null;
        try (Statement s = c.createStatement()) {
            if (taken && strategy == CollisionStrategy.SKIP) {
                s.execute("DROP TABLE " + Sql.qualified(schema, load.stagingName()));
                ctx.skipped(wanted);
                return;
            }
            if (taken && strategy == CollisionStrategy.OVERWRITE) {
                if (!replacing) {
                    requireCompatible(c, schema, wanted, load.stagingName());
                }
                views = swap.drop(c, schema, wanted);
            } else if (taken) {
                name = TableNames.nextFree(wanted, candidate -> exists(c, schema, candidate));
            }
            s.execute("ALTER TABLE " + Sql.qualified(schema, load.stagingName()) + " RENAME TO " + ident(name));
            renameIfFree(s, c, schema, load.stagingName() + "_pkey", fit(name, "_pkey"), "ALTER INDEX");
            renameIfFree(s, c, schema, load.stagingName() + "_the_geom_idx", fit(name, "_the_geom_idx"), "ALTER INDEX");
            renameIfFree(s, c, schema, load.stagingName() + "_the_geom_webmercator_idx",
                    fit(name, "_the_geom_webmercator_idx"), "ALTER INDEX");
            renameIfFree(s, c, schema, load.stagingName() + "_cartodb_id_seq", fit(name, "_cartodb_id_seq"),
                    "ALTER SEQUENCE");
        }
        if (views != null) {
            views.recreate(c);
        }
        ctx.published(name);
    }

    /** Overwriting keeps every column readers know: each must exist in the new table with its type. */
    private static void requireCompatible(Connection c, String schema, String existing, String staging)
            throws SQLException {
        Map<String, String> old = columnTypes(c, schema, existing);
        Map<String, String> fresh = columnTypes(c, schema, staging);
        for (Map.Entry<String, String> col : old.entrySet()) {
            if (!col.getValue().equals(fresh.get(col.getKey()))) {
                throw new ImportException(ErrorCode.INCOMPATIBLE_SCHEMA, "Cannot overwrite table " + existing
                        + ": column " + col.getKey() + " (" + col.getValue() + ") is "
                        + (fresh.containsKey(col.getKey()) ? fresh.get(col.getKey()) : "missing") + " in the new data");
            }
        }
    }

    private static Map<String, String> columnTypes(Connection c, String schema, String table) throws SQLException {
        Map<String, String> types = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT a.attname, format_type(a.atttypid, a.atttypmod)"
                + " FROM pg_attribute a JOIN pg_class t ON t.oid = a.attrelid JOIN pg_namespace n ON n.oid = t.relnamespace"
                + " WHERE n.nspname = ? AND t.relname = ? AND a.attnum > 0 AND NOT a.attisdropped")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    types.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return types;
    }

    /** Any relation (table, index, sequence, view) holds a name in the schema. */
    private static boolean exists(Connection c, String schema, String name) {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_class t JOIN pg_namespace n"
                + " ON n.oid = t.relnamespace WHERE n.nspname = ? AND t.relname = ?")) {
            ps.setString(1, schema);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code table + suffix} within PostgreSQL's 63-byte identifiers (names here are ASCII). */
    private static String fit(String table, String suffix) {
        return table.substring(0, Math.min(table.length(), 63 - suffix.length())) + suffix;
    }

    private static void renameIfFree(Statement s, Connection c, String schema, String from, String to, String alter)
            throws SQLException {
        if (exists(c, schema, from) && !exists(c, schema, to)) {
            s.execute(alter + " " + Sql.qualified(schema, from) + " RENAME TO " + ident(to));
        }
    }
}
