package io.geoingest.sink;

import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.kernel.ImportProperties;
import io.geoingest.kernel.Sql;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Replaces a table by a freshly loaded one inside the import's transaction, after the new one is
 * loaded and indexed: readers see the old rows until the commit and the new rows after it, never
 * an empty table. The exclusive locks (on the views built on the table, then on the table, the
 * order in which their readers take them) wait at most {@code geoingest.imports.swap-lock-timeout}:
 * a long reader makes the import fail with the old table intact; no session is ever cancelled.
 * The views are dropped with the table and recreated on the new one, with their grants and
 * comments, in the same transaction; a view the new data cannot satisfy fails the import.
 * Materialized views come back empty ({@code WITH NO DATA}): filling one would run the
 * account's SQL (its functions included) in the service's session, never allowed here; the
 * account refreshes them itself.
 */
@Component
public class TableSwap {
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final long lockTimeoutMillis;

    public TableSwap(ImportProperties properties) {
        this.lockTimeoutMillis = properties.swapLockTimeout().toMillis();
    }

    /** Drops {@code schema.existing}, keeping what {@link Dependents#recreate} needs to restore around the new table. */
    public Dependents drop(Connection c, String schema, String existing) throws SQLException {
        String qualified = Sql.qualified(schema, existing);
        List<View> views = views(c, qualified);
        for (View v : views) {
            if (!v.schema().equals(schema) || !v.ownedByCaller()) {
                throw refuse(existing, "the view " + v.schema() + "." + v.name() + " built on it belongs to another"
                        + " schema or role");
            }
        }
        List<String> relations = new ArrayList<>();
        for (int i = views.size() - 1; i >= 0; i--) {
            relations.add(views.get(i).qualified());
        }
        relations.add(qualified);
        requireOnlyViews(c, existing, relations);
        // LOCK TABLE takes plain views (not materialized ones, whose readers never touch the table):
        // the DROP below then waits for those, under the same timeout.
        List<String> lockable = new ArrayList<>();
        for (int i = views.size() - 1; i >= 0; i--) {
            if (!views.get(i).materialized()) {
                lockable.add(views.get(i).qualified());
            }
        }
        lockable.add(qualified);
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL lock_timeout = " + lockTimeoutMillis);
            List<Grant> tableGrants;
            try {
                s.execute("LOCK TABLE " + String.join(", ", lockable) + " IN ACCESS EXCLUSIVE MODE");
                tableGrants = grants(c, qualified);
                s.execute("DROP TABLE " + qualified + " CASCADE");
            } catch (SQLException e) {
                if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                    throw new ImportException(ErrorCode.IMPORT_TIMED_OUT, "The table " + existing
                            + " stayed in use for longer than " + lockTimeoutMillis + " ms; it was kept as it was", e);
                }
                throw e;
            }
            s.execute("SET LOCAL lock_timeout TO DEFAULT");
            return new Dependents(existing, qualified, tableGrants, views);
        }
    }

    /**
     * Anything but plain views that hangs on the table or its views (a foreign key, a rule, a
     * trigger of the account's, a column or function using their row type) would be dropped
     * silently with them: refuse.
     */
    private static void requireOnlyViews(Connection c, String table, List<String> relations) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("WITH rel AS (SELECT r::regclass::oid AS oid FROM unnest(?::text[]) r)"
                + " SELECT pg_describe_object(d.classid, d.objid, d.objsubid) FROM pg_depend d"
                + " WHERE d.deptype = 'n' AND ("
                + "  (d.refclassid = 'pg_class'::regclass AND d.refobjid IN (SELECT oid FROM rel)"
                + "   AND NOT EXISTS (SELECT 1 FROM pg_rewrite w JOIN pg_class v ON v.oid = w.ev_class"
                + "    WHERE d.classid = 'pg_rewrite'::regclass AND w.oid = d.objid AND w.rulename = '_RETURN'"
                + "    AND v.relkind IN ('v', 'm'))"
                // The table's own web-mercator trigger (Cartodbfier's); the new table has its own.
                + "   AND NOT EXISTS (SELECT 1 FROM pg_trigger tg WHERE d.classid = 'pg_trigger'::regclass"
                + "    AND tg.oid = d.objid AND tg.tgname = 'update_the_geom_webmercator_trigger'))"
                + "  OR (d.refclassid = 'pg_type'::regclass"
                + "   AND d.refobjid IN (SELECT t.reltype FROM pg_class t WHERE t.oid IN (SELECT oid FROM rel))))"
                + " LIMIT 1")) {
            ps.setArray(1, c.createArrayOf("text", relations.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    throw refuse(table, rs.getString(1) + " depends on it");
                }
            }
        }
    }

    /** The views (and materialized views) built on the table, directly or through each other, innermost first. */
    private static List<View> views(Connection c, String qualified) throws SQLException {
        List<View> views = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("WITH RECURSIVE deps(oid, depth) AS ("
                + " SELECT v.oid, 1 FROM pg_depend d JOIN pg_rewrite w ON w.oid = d.objid JOIN pg_class v ON v.oid = w.ev_class"
                + "  WHERE d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_class'::regclass"
                + "  AND d.refobjid = ?::regclass AND w.rulename = '_RETURN' AND v.relkind IN ('v', 'm')"
                + "  AND v.oid <> d.refobjid"
                + " UNION"
                + " SELECT v.oid, deps.depth + 1 FROM deps JOIN pg_depend d ON d.refobjid = deps.oid"
                + "  AND d.refclassid = 'pg_class'::regclass AND d.classid = 'pg_rewrite'::regclass"
                + "  JOIN pg_rewrite w ON w.oid = d.objid JOIN pg_class v ON v.oid = w.ev_class"
                + "  WHERE w.rulename = '_RETURN' AND v.relkind IN ('v', 'm') AND v.oid <> deps.oid AND deps.depth < 50)"
                + " SELECT n.nspname, v.relname, v.relkind, pg_get_viewdef(v.oid), v.reloptions::text[],"
                + "  obj_description(v.oid, 'pg_class'), v.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user),"
                + "  max(deps.depth) AS depth"
                + " FROM deps JOIN pg_class v ON v.oid = deps.oid JOIN pg_namespace n ON n.oid = v.relnamespace"
                + " GROUP BY n.nspname, v.relname, v.relkind, v.oid ORDER BY depth")) {
            ps.setString(1, qualified);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Array options = rs.getArray(5);
                    // pg_get_viewdef ends the query with a semicolon; WITH NO DATA must follow it.
                    String definition = rs.getString(4).strip().replaceFirst(";$", "");
                    views.add(new View(rs.getString(1), rs.getString(2), "m".equals(rs.getString(3)), definition,
                            options == null ? List.of() : List.of((String[]) options.getArray()), rs.getString(6),
                            rs.getBoolean(7), List.of()));
                }
            }
        }
        List<View> withGrants = new ArrayList<>();
        for (View v : views) {
            withGrants.add(v.withGrants(grants(c, v.qualified())));
        }
        return withGrants;
    }

    /** A privilege another role holds on a relation. */
    private record Grant(String privilege, String grantee, boolean grantable) {
        String sql(String on) {
            return "GRANT " + privilege + " ON " + on + " TO " + grantee + (grantable ? " WITH GRANT OPTION" : "");
        }
    }

    private static List<Grant> grants(Connection c, String qualified) throws SQLException {
        List<Grant> grants = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT a.privilege_type, CASE WHEN a.grantee = 0 THEN 'PUBLIC'"
                + " ELSE quote_ident(pg_get_userbyid(a.grantee)) END, a.is_grantable"
                + " FROM pg_class t, aclexplode(t.relacl) a WHERE t.oid = ?::regclass AND a.grantee <> t.relowner")) {
            ps.setString(1, qualified);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    grants.add(new Grant(rs.getString(1), rs.getString(2), rs.getBoolean(3)));
                }
            }
        }
        return grants;
    }

    private static ImportException refuse(String table, String why) {
        return new ImportException(ErrorCode.INCOMPATIBLE_SCHEMA, "Cannot replace table " + table + ": " + why
                + "; the table was kept as it was");
    }

    private record View(String schema, String name, boolean materialized, String definition, List<String> options,
                        String comment, boolean ownedByCaller, List<Grant> grants) {

        String qualified() {
            return Sql.qualified(schema, name);
        }

        String kind() {
            return materialized ? "MATERIALIZED VIEW " : "VIEW ";
        }

        View withGrants(List<Grant> found) {
            return new View(schema, name, materialized, definition, options, comment, ownedByCaller, found);
        }
    }

    /** What goes back around the new table once it has the old one's name: its grants and views. */
    public static final class Dependents {
        private final String table;
        private final String qualified;
        private final List<Grant> tableGrants;
        private final List<View> views;

        private Dependents(String table, String qualified, List<Grant> tableGrants, List<View> views) {
            this.table = table;
            this.qualified = qualified;
            this.tableGrants = tableGrants;
            this.views = views;
        }

        public void recreate(Connection c) throws SQLException {
            try (Statement s = c.createStatement()) {
                for (Grant grant : tableGrants) {
                    s.execute(grant.sql(qualified));
                }
                for (View v : views) {
                    try {
                        String with = v.options().isEmpty() ? "" : " WITH (" + String.join(", ", v.options()) + ")";
                        s.execute("CREATE " + v.kind() + v.qualified() + with + " AS " + v.definition()
                                + (v.materialized() ? " WITH NO DATA" : ""));
                    } catch (SQLException e) {
                        throw refuse(table, "its view " + v.name() + " does not work on the new data (" + e.getMessage()
                                + ")");
                    }
                    if (v.comment() != null) {
                        s.execute("COMMENT ON " + v.kind() + v.qualified() + " IS " + Sql.literal(v.comment()));
                    }
                    for (Grant grant : v.grants()) {
                        s.execute(grant.sql(v.qualified()));
                    }
                }
            }
        }
    }
}
