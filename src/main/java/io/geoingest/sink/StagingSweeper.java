package io.geoingest.sink;

import io.geoingest.accounts.Account;
import io.geoingest.accounts.AccountDatabases;
import io.geoingest.accounts.AccountRegistry;
import io.geoingest.kernel.ImportState;
import io.geoingest.kernel.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Drops the staging tables an import left behind when its replica died after loading one (an
 * import drops its own when it fails): those of imports that have ended, or are gone, and those
 * of an attempt a later one took over. A table of the attempt that owns a running import, on
 * any replica, is left alone. Runs with the orphan sweep, and forgets old notes of what imports
 * published ({@code geoingest_publications}).
 */
@Component
public class StagingSweeper {
    private static final Logger LOG = LoggerFactory.getLogger(StagingSweeper.class);
    /**
     * Staging names carry the first 16 hex digits of their import's id and the attempt that
     * made them: gi_stage_<16 hex>_<attempt>_<n>.
     */
    private static final String STAGED = "SELECT c.relname FROM pg_class c"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE n.nspname = ? AND c.relkind = 'r' AND c.relname ~ '^gi_stage_[0-9a-f]{16}_[0-9]+_[0-9]+$'";
    /** Of the staging tables given, those of no running import's owning attempt (in the service's database). */
    private static final String LEFT_BEHIND = "SELECT t FROM unnest(?::text[]) t"
            + " WHERE NOT EXISTS (SELECT 1 FROM geoingest.imports i WHERE i.state <> ALL (?)"
            + "  AND replace(i.id::text, '-', '') LIKE substr(t, 10, 16) || '%'"
            + "  AND i.attempts = substring(t FROM '^gi_stage_[0-9a-f]{16}_([0-9]+)_')::int)";

    private final DataSource dataSource;
    private final AccountDatabases databases;
    private final AccountRegistry accounts;

    public StagingSweeper(DataSource dataSource, AccountDatabases databases, AccountRegistry accounts) {
        this.dataSource = dataSource;
        this.databases = databases;
        this.accounts = accounts;
    }

    public void sweep() {
        for (Account account : accounts.all()) {
            try {
                sweep(account);
            } catch (SQLException e) {
                LOG.warn("could not sweep the staging tables of {}: {}", account.username(), e.toString());
            }
        }
    }

    /**
     * The staging tables are listed before the imports are read: a table made in between belongs
     * to an import the service's database already shows as running.
     */
    private void sweep(Account account) throws SQLException {
        try (Connection c = databases.dataSource(account).getConnection()) {
            forgetOldPublications(c);
            c.setAutoCommit(false);
            List<String> tables = leftBehind(staged(c, account));
            if (tables.isEmpty()) {
                c.rollback();
                return;
            }
            try (Statement s = c.createStatement()) {
                // A table the account itself holds locked waits for the next sweep.
                s.execute("SET LOCAL lock_timeout = '5s'");
                s.execute("SET LOCAL ROLE " + Sql.ident(account.role()));
                for (String table : tables) {
                    s.execute("DROP TABLE IF EXISTS " + Sql.qualified(account.schema(), table));
                }
            }
            c.commit();
            LOG.info("dropped staging tables left by ended imports in {}: {}", account.schema(), tables);
        }
    }

    /**
     * A note of what an import published is read only by an attempt taking the import over,
     * within minutes ({@code geoingest.imports.takeover-wait}); a day later it is of no use.
     */
    private static void forgetOldPublications(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM public.geoingest_publications WHERE published_at < now() - interval '1 day'");
        }
    }

    private static List<String> staged(Connection c, Account account) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(STAGED)) {
            ps.setString(1, account.schema());
            return names(ps);
        }
    }

    private List<String> leftBehind(List<String> staged) throws SQLException {
        if (staged.isEmpty()) {
            return staged;
        }
        Object[] finalStates = Arrays.stream(ImportState.values()).filter(ImportState::isFinal).map(ImportState::label).toArray();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(LEFT_BEHIND)) {
            ps.setArray(1, c.createArrayOf("text", staged.toArray()));
            ps.setArray(2, c.createArrayOf("text", finalStates));
            return names(ps);
        }
    }

    private static List<String> names(PreparedStatement ps) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
