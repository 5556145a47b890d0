package io.geoingest.accounts;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.Driver;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.stereotype.Component;

/**
 * Each account's tables live in a database of its own, {@code <service database>__<username>},
 * on the service's server: PostgreSQL's catalogs are per database, so no query of one account
 * can name, count or size another account's objects, nor the service's state (as CARTO gave
 * every user a database). This class names those databases and holds, per account, a small
 * pool logged in as the service's role, which acts as the account with {@code SET LOCAL ROLE}.
 */
@Component
public class AccountDatabases implements DisposableBean {
    /** A longer name would be cut to 63 bytes by PostgreSQL: two accounts could meet in one database. */
    private static final int MAX_NAME = 63;
    private static final Duration IDLE = Duration.ofSeconds(30);
    private static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/?]*/)([^?]*)(\\?.*)?$");

    private final DataSourceProperties service;
    private final String serviceDatabase;
    private final String template;
    private final int poolSize;
    private final ConcurrentMap<String, HikariDataSource> pools = new ConcurrentHashMap<>();

    public AccountDatabases(DataSourceProperties service, AccountsProperties accounts, DataSource serviceDataSource) {
        this.service = service;
        this.serviceDatabase = databaseOf(service.determineUrl());
        this.template = accounts.accountDatabaseTemplate().isBlank()
                ? serviceDatabase + "_template" : accounts.accountDatabaseTemplate();
        this.poolSize = serviceDataSource instanceof HikariDataSource h ? h.getMaximumPoolSize() : 10;
    }

    /** The database the service's own state lives in. */
    public String serviceDatabase() {
        return serviceDatabase;
    }

    /** The database new account databases are copied from: PostGIS in it, made by a superuser. */
    public String template() {
        return template;
    }

    public String name(Account account) {
        String name = serviceDatabase + "__" + account.username().replace('-', '_');
        if (name.length() > MAX_NAME) {
            throw new IllegalStateException("the database of account " + account.username() + " would be named "
                    + name + ", longer than PostgreSQL's " + MAX_NAME + " characters: use a shorter username or"
                    + " service database name");
        }
        return name;
    }

    /** The JDBC URL of the account's database: the service's, another database name. */
    public String url(Account account) {
        Matcher m = URL.matcher(service.determineUrl());
        if (!m.matches()) {
            throw new IllegalStateException("spring.datasource.url must be of the form"
                    + " jdbc:postgresql://host:port/database[?options]: " + service.determineUrl());
        }
        return m.group(1) + name(account) + (m.group(3) == null ? "" : m.group(3));
    }

    /** The account's database as the service's role (made on first use; idle connections are closed). */
    public DataSource dataSource(Account account) {
        return pools.computeIfAbsent(account.username(), u -> create(account));
    }

    private HikariDataSource create(Account account) {
        HikariConfig c = new HikariConfig();
        c.setPoolName("geoingest-account-" + account.username());
        c.setJdbcUrl(url(account));
        c.setUsername(service.determineUsername());
        c.setPassword(service.determinePassword());
        c.setMaximumPoolSize(poolSize);
        c.setMinimumIdle(0);
        c.setIdleTimeout(IDLE.toMillis());
        c.setInitializationFailTimeout(-1);
        c.addDataSourceProperty("ApplicationName", "geoingest");
        return new HikariDataSource(c);
    }

    private static String databaseOf(String url) {
        Properties p = Driver.parseURL(url, null);
        if (p == null || p.getProperty("PGDBNAME") == null || p.getProperty("PGDBNAME").isBlank()) {
            throw new IllegalStateException("spring.datasource.url names no PostgreSQL database: " + url);
        }
        return p.getProperty("PGDBNAME");
    }

    @Override
    public void destroy() {
        pools.values().forEach(HikariDataSource::close);
    }
}
