package io.geoingest.sink;

import static io.geoingest.kernel.Sql.ident;
import static io.geoingest.kernel.Sql.literal;

import io.geoingest.kernel.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import org.springframework.stereotype.Component;

/**
 * Turns a loaded staging table into a CARTO table: {@code cartodb_id} primary key backed by
 * a sequence (a source cartodb_id is kept when unique and non-null, else renamed and
 * replaced), GiST indexes on both geometry columns, the trigger that keeps
 * {@code the_geom_webmercator} in step (V4's, as {@code CDB_CartodbfyTable} adds), fresh statistics.
 *
 * <p>The two GiST builds are most of the time of an import after its COPY, and PostgreSQL
 * builds a GiST index on one core: the web-mercator one is built on the loader, committed,
 * while the import's transaction builds the other. Both take SHARE locks, which do not
 * conflict; everything that takes a stronger lock comes after both are done.
 */
@Component
public class Cartodbfier {
    public void apply(ImportTransaction tx, LayerLoad load) throws SQLException {
        Connection c = tx.connection();
        String schema = tx.account().schema();
        String table = load.stagingName();
        String qualified = Sql.qualified(schema, table);
        load.alongside("CREATE INDEX " + ident(table + "_the_geom_webmercator_idx") + " ON " + qualified
                + " USING gist (the_geom_webmercator)");
        try (Statement s = c.createStatement()) {
            s.execute("CREATE INDEX " + ident(table + "_the_geom_idx") + " ON " + qualified + " USING gist (the_geom)");
            load.awaitAlongside();
            s.execute(StagingLayout.resetAutovacuumSql(qualified));
            if (load.layout().cartodbIdIndex() >= 0 && !keepSourceIds(c, s, qualified, table)) {
                replaceSourceIds(s, qualified, load);
                tx.context().warnings().set("invalid_cartodb_id", "renamed to cartodb_id_0: not unique or has nulls");
            } else if (load.layout().cartodbIdIndex() < 0) {
                s.execute("ALTER TABLE " + qualified + " ADD CONSTRAINT " + ident(table + "_pkey")
                        + " PRIMARY KEY (cartodb_id)");
            }
            String sequence = Sql.qualified(schema, table + "_cartodb_id_seq");
            s.execute("CREATE SEQUENCE IF NOT EXISTS " + sequence + " OWNED BY " + qualified + ".cartodb_id");
            s.execute("SELECT setval(" + literal(sequence) + "::regclass, coalesce(max(cartodb_id), 0) + 1, false) FROM "
                    + qualified);
            s.execute("ALTER TABLE " + qualified + " ALTER COLUMN cartodb_id SET DEFAULT nextval("
                    + literal(sequence) + "::regclass)");
            // As CARTO's tables: rows later written through the SQL API get their web-mercator
            // geometry too (created after the load, so the COPY pays nothing for it).
            s.execute("CREATE TRIGGER update_the_geom_webmercator_trigger BEFORE INSERT OR UPDATE OF the_geom,"
                    + " the_geom_webmercator ON " + qualified
                    + " FOR EACH ROW EXECUTE FUNCTION public._cdb_update_the_geom_webmercator()");
            s.execute("ANALYZE " + qualified);
        }
    }

    /** Tries the source's ids as the primary key; a savepoint keeps a failure from aborting the import. */
    private static boolean keepSourceIds(Connection c, Statement s, String qualified, String table)
            throws SQLException {
        Savepoint sp = c.setSavepoint();
        try {
            s.execute("ALTER TABLE " + qualified + " ADD CONSTRAINT " + ident(table + "_pkey")
                    + " PRIMARY KEY (cartodb_id)");
            c.releaseSavepoint(sp);
            return true;
        } catch (SQLException e) {
            c.rollback(sp);
            return false;
        }
    }

    private static void replaceSourceIds(Statement s, String qualified, LayerLoad load) throws SQLException {
        String kept = freeName(s, qualified, "cartodb_id_0");
        String table = load.stagingName();
        String sequence = qualified.substring(0, qualified.lastIndexOf('.') + 1) + ident(table + "_cartodb_id_seq");
        s.execute("ALTER TABLE " + qualified + " RENAME COLUMN cartodb_id TO " + ident(kept));
        s.execute("CREATE SEQUENCE " + sequence);
        s.execute("ALTER TABLE " + qualified + " ADD COLUMN cartodb_id bigint NOT NULL DEFAULT nextval("
                + literal(sequence) + "::regclass)");
        s.execute("ALTER SEQUENCE " + sequence + " OWNED BY " + qualified + ".cartodb_id");
        s.execute("ALTER TABLE " + qualified + " ADD CONSTRAINT " + ident(table + "_pkey") + " PRIMARY KEY (cartodb_id)");
    }

    private static String freeName(Statement s, String qualified, String wanted) throws SQLException {
        String name = wanted;
        for (int n = 1; ; n++) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_attribute WHERE attrelid = " + literal(qualified)
                    + "::regclass AND attname = " + literal(name) + " AND NOT attisdropped")) {
                if (!rs.next()) {
                    return name;
                }
            }
            name = wanted + "_" + n;
        }
    }
}
