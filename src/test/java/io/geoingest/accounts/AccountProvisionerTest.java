package io.geoingest.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.geoingest.secrets.SecretsProperties;
import io.geoingest.secrets.ServiceSecret;
import io.geoingest.testing.TestDatabases;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Account roles can log in (the SQL API's sessions) and are refused when they hold any membership. */
class AccountProvisionerTest {
    private static final String NAME = "sqlapi-probe";
    private static final String ROLE = "geoingest_sqlapi_probe";
    private static final String GROUP = "geoingest_sqlapi_probe_group";

    @Test
    void theRoleLogsInAndBelongsToNoOtherRole() {
        PGSimpleDataSource ds = dataSource();
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        AccountProvisioner provisioner = provisioner(ds, jdbc);
        try {
            provisioner.afterPropertiesSet();
            provisioner.afterPropertiesSet();
            Map<String, Object> role = jdbc.queryForMap("SELECT rolcanlogin, rolsuper, rolcreaterole, rolcreatedb"
                    + " FROM pg_roles WHERE rolname = ?", ROLE);
            assertThat(role).containsEntry("rolcanlogin", true).containsEntry("rolsuper", false)
                    .containsEntry("rolcreaterole", false).containsEntry("rolcreatedb", false);

            jdbc.execute("DROP ROLE IF EXISTS " + GROUP);
            jdbc.execute("CREATE ROLE " + GROUP + " NOLOGIN");
            jdbc.execute("GRANT " + GROUP + " TO " + ROLE);
            // Before PostgreSQL 16 an account could have granted that itself: revoked at start, not fatal.
            provisioner.afterPropertiesSet();
            assertThat(jdbc.queryForObject("SELECT pg_has_role(?, ?, 'MEMBER')", Boolean.class, ROLE, GROUP)).isFalse();
        } finally {
            dropDatabase(jdbc);
            jdbc.execute("DROP ROLE IF EXISTS " + GROUP);
            jdbc.execute("DROP ROLE IF EXISTS " + ROLE);
        }
    }

    @Test
    void aRoleChangedAtTheSameMomentFromAnotherDatabaseIsProvisionedAgain() {
        PGSimpleDataSource ds = dataSource();
        AtomicInteger refusals = new AtomicInteger();
        JdbcTemplate jdbc = refusingOnce(ds, new SQLException("ERROR: tuple concurrently updated", "XX000"), refusals);
        try {
            provisioner(ds, jdbc).afterPropertiesSet();
            assertThat(refusals).as("times the role was changed: refused once, then done").hasValue(2);
            assertThat(jdbc.queryForObject("SELECT rolcanlogin FROM pg_roles WHERE rolname = ?", Boolean.class, ROLE)).isTrue();

            JdbcTemplate denied = refusingOnce(ds, new SQLException("ERROR: permission denied", "42501"), new AtomicInteger());
            assertThatThrownBy(() -> provisioner(ds, denied).afterPropertiesSet())
                    .isInstanceOf(UncategorizedSQLException.class).hasMessageContaining("permission denied");
        } finally {
            dropDatabase(jdbc);
            jdbc.execute("DROP ROLE IF EXISTS " + ROLE);
        }
    }

    /** Fails the first ALTER ROLE ... SET with {@code refusal}, as PostgreSQL does when another session changed the role. */
    private static JdbcTemplate refusingOnce(PGSimpleDataSource ds, SQLException refusal, AtomicInteger refusals) {
        return new JdbcTemplate(ds) {
            @Override
            public void execute(String sql) {
                if (sql.contains(" SET search_path") && refusals.getAndIncrement() == 0) {
                    throw new UncategorizedSQLException("provisioning", sql, refusal);
                }
                super.execute(sql);
            }
        };
    }

    private final List<AccountDatabases> pools = new ArrayList<>();

    private AccountProvisioner provisioner(PGSimpleDataSource ds, JdbcTemplate jdbc) {
        AccountsProperties properties = new AccountsProperties(
                List.of(new AccountsProperties.Entry(NAME, "probe-secret-key")), "geoingest_", "");
        AccountPasswords passwords = new AccountPasswords(new ServiceSecret(
                new SecretsProperties("test-secret-key-0123456789abcdef0123456789")));
        DataSourceProperties service = new DataSourceProperties();
        service.setUrl(TestDatabases.PG_URL);
        service.setUsername(TestDatabases.PG_USER);
        service.setPassword(TestDatabases.PG_PASSWORD);
        AccountDatabases databases = new AccountDatabases(service, properties, ds);
        pools.add(databases);
        return new AccountProvisioner(new AccountRegistry(properties), passwords, databases, jdbc,
                new TransactionTemplate(new DataSourceTransactionManager(ds)));
    }

    /** The account's database, once the provisioners' pools to it are closed. */
    private void dropDatabase(JdbcTemplate jdbc) {
        pools.forEach(AccountDatabases::destroy);
        String db = TestDatabases.accountUrl(NAME).replaceFirst("^.*/([^/?]+)(\\?.*)?$", "$1");
        jdbc.execute("DROP DATABASE IF EXISTS \"" + db + "\" WITH (FORCE)");
    }

    private static PGSimpleDataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(TestDatabases.PG_URL);
        ds.setUser(TestDatabases.PG_USER);
        ds.setPassword(TestDatabases.PG_PASSWORD);
        return ds;
    }
}
