package io.geoingest.sql;

import io.geoingest.accounts.Account;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/** {@code geoingest.sql.db-quota.<username>}: how many bytes an account's schema may hold. */
@Component
public class DbQuota {
    public static final String EXCEEDED = "DB Quota exceeded";

    private final SqlProperties settings;

    public DbQuota(SqlProperties settings) {
        this.settings = settings;
    }

    /** Bytes the account may still add, as its own transaction sees its schema; empty: no quota. */
    public OptionalLong remaining(Connection c, Account account) throws SQLException {
        DataSize quota = settings.dbQuota().get(account.username());
        if (quota == null) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(0, quota.toBytes() - used(c, account)));
    }

    /**
     * Fails with {@link #EXCEEDED} when the schema holds more than the quota (the caller rolls back).
     * Called last in the account's transaction, just before its commit: the search path is pinned
     * to the catalog for the rest of it (SET LOCAL, so it ends with the transaction).
     */
    public void check(Connection c, Account account) throws SQLException {
        DataSize quota = settings.dbQuota().get(account.username());
        if (quota == null) {
            return;
        }
        try (Statement s = c.createStatement()) {
            // pg_temp listed last explicitly: left out, it would be searched first for relations.
            s.execute("SET LOCAL search_path = pg_catalog, pg_temp");
        }
        if (used(c, account) > quota.toBytes()) {
            throw new SqlFailure(400, EXCEEDED);
        }
    }

    /**
     * Tables, their indexes and TOAST, and materialized views of the schema. The query runs in the
     * account's own session, where the account may have made functions, operators and temporary
     * relations of the same names as the catalog's (its own {@code pg_total_relation_size(oid)},
     * a temporary view {@code pg_class}): every name, operator and cast is qualified with
     * {@code pg_catalog}, so whatever the search path, nothing of the account's takes part.
     */
    private static long used(Connection c, Account account) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_catalog.int8(coalesce(pg_catalog.sum("
                + "pg_catalog.pg_total_relation_size(c.oid::pg_catalog.regclass)), 0::pg_catalog.numeric))"
                + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n"
                + " ON n.oid OPERATOR(pg_catalog.=) c.relnamespace"
                + " WHERE n.nspname OPERATOR(pg_catalog.=) ?::pg_catalog.text::pg_catalog.name"
                + " AND c.relkind OPERATOR(pg_catalog.=) ANY ('{r,m,p}'::pg_catalog.\"char\"[])")) {
            ps.setString(1, account.schema());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
