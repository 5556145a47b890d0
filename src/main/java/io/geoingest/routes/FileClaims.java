package io.geoingest.routes;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The read lock of watched directories ({@code readLock=idempotent-changed}): a file is taken by
 * inserting its path into {@code geoingest.file_claims}, which only one replica can do, and freed
 * once it was handed over (or refused). A claim older than {@code geoingest.routes.claim-timeout}
 * (its replica died) can be taken again.
 */
@Component("fileClaims")
public class FileClaims extends ServiceSupport implements IdempotentRepository {
    private final JdbcTemplate jdbc;
    private final RoutesProperties properties;

    FileClaims(JdbcTemplate jdbc, RoutesProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    @Override
    public boolean add(String path) {
        return jdbc.update("INSERT INTO geoingest.file_claims (path) VALUES (?) ON CONFLICT (path) DO UPDATE"
                        + " SET claimed_at = now() WHERE file_claims.claimed_at < now() - make_interval(secs => ?)",
                path, properties.claimTimeout().toSeconds()) == 1;
    }

    @Override
    public boolean contains(String path) {
        return jdbc.queryForObject("SELECT count(*) FROM geoingest.file_claims WHERE path = ?", Integer.class, path) > 0;
    }

    @Override
    public boolean remove(String path) {
        return jdbc.update("DELETE FROM geoingest.file_claims WHERE path = ?", path) == 1;
    }

    @Override
    public boolean confirm(String path) {
        return true;
    }

    @Override
    public void clear() {
        jdbc.update("DELETE FROM geoingest.file_claims");
    }
}
