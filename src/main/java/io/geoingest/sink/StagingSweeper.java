package io.geoingest.sink;

import io.geoingest.accounts.Account;
import io.geoingest.accounts.AccountRegistry;
import io.geoingest.imports.ImportState;
import java.sql.Array;
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
 * any replica, is left alone. Runs with the orphan sweep.
 */
@Component
public class StagingSweeper {
    private static final Logger LOG = LoggerFactory.getLogger(StagingSweeper.class);
    /**
     * Staging names carry the first 16 hex digits of their import's id and the attempt that
     * made them: gi_stage_<16 hex>_<attempt>_<n>.
     */
    private static final String LEFT_BEHIND = "SELECT c.relname FROM pg_class c"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE n.nspname = ? AND c.relkind = 'r' AND c.relname ~ '^gi_stage_[0-9a-f]{16}_[0-9]+_[0-9]+$'"
            + " AND NOT EXISTS (SELECT 1 FROM geoingest.imports i WHERE i.state <> ALL (?)"
            + "  AND replace(i.id::text, '-', '') LIKE substr(c.relname, 10, 16) || '%'"
            + "  AND i.attempts = substring(c.relname FROM '^gi_stage_[0-9a-f]{16}_([0-9]+)_')::int)";

    private final DataSource dataSource;
    private final AccountRegistry accounts;

    public StagingSweeper(DataSource dataSource, AccountRegistry accounts) {
        this.dataSource = dataSource;
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

    private void sweep(Account account) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            List<String> tables = leftBehind(c, account);
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

    private static List<String> leftBehind(Connection c, Account account) throws SQLException {
        Object[] finalStates = Arrays.stream(ImportState.values()).filter(ImportState::isFinal).map(ImportState::label).toArray();
        List<String> tables = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(LEFT_BEHIND)) {
            Array ended = c.createArrayOf("text", finalStates);
            ps.setString(1, account.schema());
            ps.setArray(2, ended);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
        }
        return tables;
    }
}
