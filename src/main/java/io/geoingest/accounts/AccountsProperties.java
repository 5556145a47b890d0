package io.geoingest.accounts;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code geoingest.accounts[n].username / api-key}: the accounts this service serves, and
 * {@code geoingest.account-role-prefix}: the prefix of each account's database role (roles
 * are cluster-wide, so two deployments on one PostgreSQL cluster need different prefixes), and
 * {@code geoingest.account-database-template}: the database each account's own database is
 * copied from (default {@code <service database>_template}; it holds PostGIS, which only a
 * superuser can create).
 */
@ConfigurationProperties("geoingest")
public record AccountsProperties(@DefaultValue List<Entry> accounts,
                                 @DefaultValue("geoingest_") String accountRolePrefix,
                                 @DefaultValue("") String accountDatabaseTemplate) {

    public record Entry(String username, String apiKey) {
    }
}
