package io.geoingest.sink;

import io.geoingest.imports.ErrorCode;
import io.geoingest.imports.ImportException;
import io.geoingest.imports.ImportProperties;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Replaces a table by a freshly loaded one inside the import's transaction: readers see the old
 * rows until the commit and the new rows after it, never an empty table. The exclusive lock on
 * the old table is taken last, just before the commit, and waits at most
 * {@code geoingest.imports.swap-lock-timeout}: a long reader makes the import fail (old table
 * intact), it is never cancelled. Views on the table are dropped with it and recreated on the
 * new one in the same transaction; a view the new data cannot satisfy fails the import.
 */
@Component
public class TableSwap {
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final long lockTimeoutMillis;

    public TableSwap(ImportProperties properties) {
        this.lockTimeoutMillis = properties.swapLockTimeout().toMillis();
    }

    /** Drops {@code schema.existing}, keeping what is needed to recreate its views with {@link Dependents#recreate}. */
    public Dependents drop(Connection c, String schema, String existing) throws SQLException {
        String qualified = Sql.qualified(schema, existing);
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL lock_timeout = " + lockTimeoutMillis);
            try {
                s.execute("LOCK TABLE " + qualified + " IN ACCESS EXCLUSIVE MODE");
            } catch (SQLException e) {
                if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                    throw new ImportException(ErrorCode.IMPORT_TIMED_OUT, "The table " + existing
                            + " stayed in use for longer than " + lockTimeoutMillis + " ms; it was kept as it was", e);
                }
                throw e;
            }
            s.execute("SET LOCAL lock_timeout = 0");
            requireOnlyViews(c, schema, existing);
            Dependents views = views(c, schema, existing);
            s.execute("DROP TABLE " + qualified + " CASCADE");
            return views;
        }
    }

    /** Anything but views that depends on the table (a foreign key, say) would be lost silently: refuse. */
    private static void requireOnlyViews(Connection c, String schema, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_describe_object(d.classid, d.objid, d.objsubid)"
                + " FROM pg_depend d WHERE d.refclassid = 'pg_class'::regclass AND d.refobjid = ?::regclass"
                + " AND d.deptype = 'n' AND d.classid <> 'pg_rewrite'::regclass LIMIT 1")) {
            ps.setString(1, Sql.qualified(schema, table));
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    throw new ImportException(ErrorCode.INCOMPATIBLE_SCHEMA, "Cannot replace table " + table
                            + ": " + rs.getString(1) + " depends on it");
                }
            }
        }
    }

    /** The views (and materialized views) built on the table, directly or through each other, innermost first. */
    private static Dependents views(Connection c, String schema, String table) throws SQLException {
        List<View> views = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("WITH RECURSIVE deps(oid, depth) AS ("
                + " SELECT r.ev_class, 1 FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid"
                + "  WHERE d.classid = 'pg_rewrite'::regclass AND d.refobjid = ?::regclass AND r.ev_class <> d.refobjid"
                + " UNION"
                + " SELECT r.ev_class, deps.depth + 1 FROM deps JOIN pg_depend d ON d.refobjid = deps.oid"
                + "  JOIN pg_rewrite r ON r.oid = d.objid"
                + "  WHERE d.classid = 'pg_rewrite'::regclass AND r.ev_class <> deps.oid AND deps.depth < 50)"
                + " SELECT n.nspname, v.relname, v.relkind, pg_get_viewdef(v.oid), v.reloptions::text[],"
                + "  obj_description(v.oid, 'pg_class'), max(deps.depth) AS depth"
                + " FROM deps JOIN pg_class v ON v.oid = deps.oid JOIN pg_namespace n ON n.oid = v.relnamespace"
                + " GROUP BY n.nspname, v.relname, v.relkind, v.oid ORDER BY depth")) {
            ps.setString(1, Sql.qualified(schema, table));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    java.sql.Array options = rs.getArray(5);
                    views.add(new View(rs.getString(1), rs.getString(2), "m".equals(rs.getString(3)), rs.getString(4),
                            options == null ? List.of() : List.of((String[]) options.getArray()), rs.getString(6)));
                }
            }
        }
        return new Dependents(table, views);
    }

    private record View(String schema, String name, boolean materialized, String definition, List<String> options,
                        String comment) {

        String createSql() {
            String with = options.isEmpty() ? "" : " WITH (" + String.join(", ", options) + ")";
            return "CREATE " + (materialized ? "MATERIALIZED VIEW " : "VIEW ") + Sql.qualified(schema, name) + with
                    + " AS " + definition;
        }
    }

    /** The views of a dropped table, to recreate once the new table has its name. */
    public static final class Dependents {
        private final String table;
        private final List<View> views;

        private Dependents(String table, List<View> views) {
            this.table = table;
            this.views = views;
        }

        public void recreate(Connection c) throws SQLException {
            try (Statement s = c.createStatement()) {
                for (View v : views) {
                    try {
                        s.execute(v.createSql());
                        if (v.comment() != null) {
                            s.execute("COMMENT ON " + (v.materialized() ? "MATERIALIZED VIEW " : "VIEW ")
                                    + Sql.qualified(v.schema(), v.name()) + " IS " + Sql.literal(v.comment()));
                        }
                    } catch (SQLException e) {
                        throw new ImportException(ErrorCode.INCOMPATIBLE_SCHEMA, "Cannot replace table " + table
                                + ": its view " + v.name() + " does not work on the new data (" + e.getMessage()
                                + "); the table was kept as it was", e);
                    }
                }
            }
        }
    }
}
