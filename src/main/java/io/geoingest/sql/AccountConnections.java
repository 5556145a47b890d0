package io.geoingest.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.geoingest.accounts.Account;
import io.geoingest.accounts.AccountDatabases;
import io.geoingest.accounts.AccountPasswords;
import io.geoingest.kernel.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * One small pool per account, logged in to the account's database as the account's own role
 * (session_user is the role), so that users' SQL can never become the service: there is no SET
 * ROLE to undo. Pools are made
 * on first use; idle connections are closed, so many accounts do not hold many connections.
 */
@Component
public class AccountConnections implements DisposableBean {
    private static final Duration IDLE = Duration.ofSeconds(30);

    private final AccountDatabases databases;
    private final AccountPasswords passwords;
    private final SqlProperties settings;
    private final RoleChangeCheck roleCheck;
    private final ConcurrentMap<String, HikariDataSource> pools = new ConcurrentHashMap<>();

    public AccountConnections(AccountDatabases databases, AccountPasswords passwords, SqlProperties settings,
                              RoleChangeCheck roleCheck) {
        this.databases = databases;
        this.passwords = passwords;
        this.settings = settings;
        this.roleCheck = roleCheck;
    }

    /** A transaction as the account, with this statement timeout; close it to give the connection back. */
    public AccountSession begin(Account account, Duration statementTimeout) throws SQLException {
        return AccountSession.begin(pool(account), statementTimeout, roleCheck, account.role());
    }

    /**
     * A connection of its own (not pooled: its owner may abort it mid-result) logged in as the
     * account's role with the pool's settings, every transaction read-only: what an import
     * reading the account's own tables ({@code sql}, {@code table_copy}) streams from.
     */
    public Connection openReadOnly(Account account) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", account.role());
        p.setProperty("password", passwords.of(account));
        p.setProperty("ApplicationName", "geoingest-query-import");
        p.setProperty("readOnlyMode", "transaction");
        p.setProperty("preferQueryMode", "extended");
        p.setProperty("options", sessionOptions(account) + " -c default_transaction_read_only=on");
        Connection c = new org.postgresql.Driver().connect(databases.url(account), p);
        if (c == null) {
            throw new SQLException("not a PostgreSQL URL: " + databases.url(account));
        }
        return c;
    }

    /** The account's pool (made on first use). */
    public HikariDataSource pool(Account account) {
        return pools.computeIfAbsent(account.username(), u -> create(account));
    }

    private HikariDataSource create(Account account) {
        HikariConfig c = new HikariConfig();
        c.setPoolName("geoingest-sql-" + account.username());
        c.setJdbcUrl(databases.url(account));
        c.setUsername(account.role());
        c.setPassword(passwords.of(account));
        c.setMaximumPoolSize(settings.poolSize());
        c.setMinimumIdle(0);
        c.setIdleTimeout(IDLE.toMillis());
        c.setInitializationFailTimeout(-1);
        c.addDataSourceProperty("ApplicationName", "geoingest-sql");
        // Startup options outrank what the role may have set for itself with ALTER ROLE ... SET,
        // and survive DISCARD ALL: the schema, and string syntax the statement checker agrees with.
        c.addDataSourceProperty("options", sessionOptions(account));
        return new HikariDataSource(c);
    }

    private static String sessionOptions(Account account) {
        return "-c search_path=" + Sql.ident(account.schema()) + ",public -c standard_conforming_strings=on";
    }

    @Override
    public void destroy() {
        pools.values().forEach(HikariDataSource::close);
    }
}
