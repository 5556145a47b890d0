package io.geoingest.accounts;

import static io.geoingest.kernel.Sql.ident;

import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.DependsOn;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates each account's database role, database and schema at start. The role owns the schema
 * and may connect to its own database only ({@link AccountDatabases}); the service reaches the
 * account's data through {@code SET ROLE}, and the SQL API logs in as the role itself with a
 * password derived from the master secret.
 */
@Component
@DependsOn("flywayInitializer")
public class AccountProvisioner implements InitializingBean {
    private static final Logger LOG = LoggerFactory.getLogger(AccountProvisioner.class);
    /**
     * Logins of one account role at once: its SQL API pools (geoingest.sql.pool-size per replica)
     * with room for several replicas, and a bound on what one account's logins can take from others.
     */
    private static final int CONNECTION_LIMIT = 32;
    private static final int MAX_ATTEMPTS = 3;

    private final AccountRegistry registry;
    private final AccountPasswords passwords;
    private final AccountDatabases databases;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public AccountProvisioner(AccountRegistry registry, AccountPasswords passwords, AccountDatabases databases,
                              JdbcTemplate jdbc, TransactionTemplate tx) {
        this.registry = registry;
        this.passwords = passwords;
        this.databases = databases;
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @Override
    public void afterPropertiesSet() {
        for (int attempt = 1; ; attempt++) {
            try {
                // Serialised across replicas starting together (CREATE ROLE races otherwise).
                tx.executeWithoutResult(status -> {
                    jdbc.update(ServiceLocks.TAKE, "provisioning");
                    registry.all().forEach(this::provisionRole);
                });
                // No role of an account may log in here: the service's state is its own.
                jdbc.execute("REVOKE CONNECT, TEMPORARY ON DATABASE " + ident(databases.serviceDatabase())
                        + " FROM PUBLIC");
                registry.all().forEach(this::provisionDatabase);
                return;
            } catch (DataAccessException e) {
                if (attempt == MAX_ATTEMPTS || !isConcurrentRoleChange(e)) {
                    throw e;
                }
                LOG.info("account roles were changed from another database of this cluster at the same moment;"
                        + " provisioning again");
                pause(attempt);
            }
        }
    }

    /**
     * Roles are the cluster's, while the lock above is this database's: a service on another
     * database of the same cluster (another deployment, another test run) may change the same role
     * at the same moment. PostgreSQL then refuses one of the two changes (duplicate_object,
     * unique_violation on pg_authid, or the internal error "tuple concurrently updated"); done
     * again a moment later, it holds. Told by SQL state, as messages depend on lc_messages.
     */
    private static boolean isConcurrentRoleChange(DataAccessException e) {
        return e.getMostSpecificCause() instanceof SQLException sql
                && Set.of("42710", "23505", "XX000").contains(sql.getSQLState());
    }

    /** A random pause that grows with the attempt, so that two services do not collide again. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(100L * attempt, 300L * attempt));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while provisioning accounts", interrupted);
        }
    }

    private void provisionRole(Account a) {
        Integer exists = jdbc.queryForObject("SELECT count(*) FROM pg_roles WHERE rolname = ?", Integer.class, a.role());
        if (exists == 0) {
            jdbc.execute("CREATE ROLE " + ident(a.role()) + " NOLOGIN");
        }
        // Membership lets a non-superuser service role SET ROLE to the account.
        jdbc.execute("GRANT " + ident(a.role()) + " TO CURRENT_USER");
        jdbc.execute("ALTER ROLE " + ident(a.role()) + " SET search_path = " + ident(a.schema()) + ", public");
        // Set on every start: deterministic, so every replica sets the same password. PgJDBC
        // hashes it (SCRAM) before sending, so it never appears in the server's statement log.
        jdbc.execute("ALTER ROLE " + ident(a.role()) + " LOGIN NOCREATEDB NOCREATEROLE CONNECTION LIMIT "
                + CONNECTION_LIMIT);
        jdbc.execute((ConnectionCallback<Void>) c -> {
            c.unwrap(PGConnection.class).alterUserPassword(a.role(), passwords.of(a).toCharArray(), null);
            return null;
        });
        dropMemberships(a);
        requireUnprivileged(a);
    }

    /**
     * The account's database, copied from the template (CREATE DATABASE runs outside a
     * transaction: two replicas starting together may both try, and one finds it made), with
     * its migrations ({@code db/account}), and the account's schema in it.
     */
    private void provisionDatabase(Account a) {
        String db = databases.name(a);
        Integer exists = jdbc.queryForObject("SELECT count(*) FROM pg_database WHERE datname = ?", Integer.class, db);
        if (exists == 0) {
            try {
                jdbc.execute("CREATE DATABASE " + ident(db) + " TEMPLATE " + ident(databases.template()));
            } catch (DataAccessException e) {
                if (!(e.getMostSpecificCause() instanceof SQLException sql && "42P04".equals(sql.getSQLState()))) {
                    throw new IllegalStateException("cannot create database " + db + " for account " + a.username()
                            + " from template " + databases.template() + " (made by bin/services.sh, or see"
                            + " docs/operations.md): " + e.getMostSpecificCause().getMessage(), e);
                }
            }
        }
        jdbc.execute("REVOKE CONNECT, TEMPORARY ON DATABASE " + ident(db) + " FROM PUBLIC");
        jdbc.execute("GRANT CONNECT, TEMPORARY ON DATABASE " + ident(db) + " TO " + ident(a.role()));
        Flyway.configure().dataSource(databases.dataSource(a)).locations("classpath:db/account")
                .defaultSchema("public").table("geoingest_account_migrations").load().migrate();
        JdbcTemplate account = new JdbcTemplate(databases.dataSource(a));
        account.execute("CREATE SCHEMA IF NOT EXISTS " + ident(a.schema()) + " AUTHORIZATION " + ident(a.role()));
        account.execute("REVOKE ALL ON SCHEMA " + ident(a.schema()) + " FROM PUBLIC");
        requirePublicClosed(account, a);
        warnOfOldLayout(a, db);
        LOG.info("account {}: database {}, schema {} and role {} ready", a.username(), db, a.schema(), a.role());
    }

    /**
     * Before PostgreSQL 16 a role may grant membership in itself: one account could make another
     * a member of its role, and so stop every replica from starting. Such memberships are
     * removed at start instead: no account role is meant to be a member of anything.
     */
    private void dropMemberships(Account a) {
        for (String group : jdbc.queryForList("SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g"
                + " ON g.oid = m.roleid JOIN pg_roles r ON r.oid = m.member WHERE r.rolname = ?", String.class, a.role())) {
            LOG.warn("account {}: its role was a member of {}; membership revoked", a.username(), group);
            jdbc.execute("REVOKE " + ident(group) + " FROM " + ident(a.role()));
        }
    }

    /**
     * The SQL API runs users' own statements logged in as this role: a superuser attribute or
     * a membership (in the service's role, in pg_read_server_files, ...) would let them out.
     */
    private void requireUnprivileged(Account a) {
        Map<String, Object> r = jdbc.queryForMap("SELECT r.rolsuper OR r.rolreplication OR r.rolbypassrls AS powerful,"
                + " (SELECT string_agg(g.rolname, ', ') FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid"
                + " WHERE m.member = r.oid) AS member_of FROM pg_roles r WHERE r.rolname = ?", a.role());
        if (Boolean.TRUE.equals(r.get("powerful")) || r.get("member_of") != null) {
            throw new IllegalStateException("account role " + a.role() + " must be neither a superuser, replication"
                    + " or BYPASSRLS role nor a member of other roles (member of: " + r.get("member_of")
                    + "): its logins run users' SQL");
        }
    }

    /**
     * Before accounts had databases of their own, their tables were in a schema of the service's
     * database: nothing moves them, so say how.
     */
    private void warnOfOldLayout(Account a, String db) {
        Integer left = jdbc.queryForObject("SELECT count(*) FROM pg_tables WHERE schemaname = ?", Integer.class,
                a.schema());
        if (left > 0) {
            LOG.warn("account {}: {} tables are still in schema {} of the service's database, where accounts' tables"
                    + " were kept before they had databases of their own; move them with: pg_dump -n {} {} | psql {}",
                    a.username(), left, a.schema(), a.schema(), databases.serviceDatabase(), db);
        }
    }

    /** Objects the account could create in public would run in the service's sessions of its database. */
    private static void requirePublicClosed(JdbcTemplate account, Account a) {
        if (Boolean.TRUE.equals(account.queryForObject("SELECT has_schema_privilege(?, 'public', 'CREATE')",
                Boolean.class, a.role()))) {
            throw new IllegalStateException("account role " + a.role() + " may create objects in schema public:"
                    + " run REVOKE CREATE ON SCHEMA public FROM PUBLIC as its owner (the default since PostgreSQL 15)");
        }
    }
}
