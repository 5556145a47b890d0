package io.geoingest.accounts;

import static io.geoingest.sink.Sql.ident;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.DependsOn;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates each account's schema and database role at start. The role owns the schema and
 * nothing else; the service reaches the account's data only through {@code SET ROLE}.
 */
@Component
@DependsOn("flywayInitializer")
public class AccountProvisioner implements InitializingBean {
    private static final Logger LOG = LoggerFactory.getLogger(AccountProvisioner.class);
    /** Serialises provisioning across replicas starting together (CREATE ROLE races otherwise). */
    private static final long LOCK_KEY = 0x67656f696e676573L;

    private final AccountRegistry registry;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public AccountProvisioner(AccountRegistry registry, JdbcTemplate jdbc, TransactionTemplate tx) {
        this.registry = registry;
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @Override
    public void afterPropertiesSet() {
        tx.executeWithoutResult(status -> {
            jdbc.queryForObject("SELECT pg_advisory_xact_lock(?)", Object.class, LOCK_KEY);
            registry.all().forEach(this::provision);
        });
    }

    private void provision(Account a) {
        Integer exists = jdbc.queryForObject("SELECT count(*) FROM pg_roles WHERE rolname = ?", Integer.class, a.role());
        if (exists == 0) {
            jdbc.execute("CREATE ROLE " + ident(a.role()) + " NOLOGIN");
        }
        // Membership lets a non-superuser service role SET ROLE to the account.
        jdbc.execute("GRANT " + ident(a.role()) + " TO CURRENT_USER");
        jdbc.execute("CREATE SCHEMA IF NOT EXISTS " + ident(a.schema()) + " AUTHORIZATION " + ident(a.role()));
        jdbc.execute("REVOKE ALL ON SCHEMA " + ident(a.schema()) + " FROM PUBLIC");
        jdbc.execute("ALTER ROLE " + ident(a.role()) + " SET search_path = " + ident(a.schema()) + ", public");
        LOG.info("account {}: schema {} and role {} ready", a.username(), a.schema(), a.role());
    }
}
