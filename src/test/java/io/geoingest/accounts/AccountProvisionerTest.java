package io.geoingest.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.geoingest.secrets.SecretsProperties;
import io.geoingest.secrets.ServiceSecret;
import io.geoingest.testing.TestDatabases;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
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
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(TestDatabases.PG_URL);
        ds.setUser(TestDatabases.PG_USER);
        ds.setPassword(TestDatabases.PG_PASSWORD);
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        AccountRegistry registry = new AccountRegistry(new AccountsProperties(
                List.of(new AccountsProperties.Entry(NAME, "probe-secret-key")), "geoingest_"));
        AccountPasswords passwords = new AccountPasswords(new ServiceSecret(
                new SecretsProperties("test-secret-key-0123456789abcdef0123456789")));
        AccountProvisioner provisioner = new AccountProvisioner(registry, passwords, jdbc,
                new TransactionTemplate(new DataSourceTransactionManager(ds)));
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
            jdbc.execute("DROP SCHEMA IF EXISTS \"" + NAME + "\" CASCADE");
            jdbc.execute("DROP ROLE IF EXISTS " + GROUP);
            jdbc.execute("DROP ROLE IF EXISTS " + ROLE);
        }
    }
}
