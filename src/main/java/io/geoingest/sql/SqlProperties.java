package io.geoingest.sql;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code geoingest.sql.*}: the SQL API (query endpoint and COPY endpoints).
 *
 * @param copyMaxBodySize largest COPY FROM body, counted as received (compressed when gzip); default 2GB
 * @param copyTimeout     statement timeout of COPY FROM and COPY TO (default 5h), apart from queries'
 * @param queryTimeout    statement timeout of the query endpoint (default 100s)
 * @param poolSize        connections per account and replica, logged in as the account's role (default 4)
 * @param fetchSize       rows fetched at a time while streaming a query's result (default 1000)
 * @param dbQuota         username → most bytes its schema may hold after a COPY FROM or a query; unset: no quota
 */
@ConfigurationProperties("geoingest.sql")
public record SqlProperties(@DefaultValue("2GB") DataSize copyMaxBodySize,
                           @DefaultValue("5h") Duration copyTimeout,
                           @DefaultValue("100s") Duration queryTimeout,
                           @DefaultValue("4") int poolSize,
                           @DefaultValue("1000") int fetchSize,
                           @DefaultValue Map<String, DataSize> dbQuota) {
}
