package io.geoingest.sql;

import io.geoingest.accounts.Account;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

    /** Fails with {@link #EXCEEDED} when the schema holds more than the quota (the caller rolls back). */
    public void check(Connection c, Account account) throws SQLException {
        DataSize quota = settings.dbQuota().get(account.username());
        if (quota != null && used(c, account) > quota.toBytes()) {
            throw new SqlFailure(400, EXCEEDED);
        }
    }

    /** Tables, their indexes and TOAST, and materialized views of the schema. */
    private static long used(Connection c, Account account) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ? AND c.relkind IN ('r', 'm', 'p')")) {
            ps.setString(1, account.schema());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
