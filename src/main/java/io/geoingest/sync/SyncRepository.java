package io.geoingest.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.accounts.ServiceLocks;
import io.geoingest.kernel.SourceVersion;
import io.geoingest.kernel.DataType;
import io.geoingest.kernel.ImportOptions;
import io.geoingest.imports.JsonColumns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Sync tables in {@code geoingest.synchronizations}: the only place their state lives. */
@Repository
public class SyncRepository {
    private static final String COLUMNS = "id, username, data_type, source, options, privacy, service_name,"
            + " service_item_id, shown_url, name, interval_seconds, state, run_at, ran_at, modified_at, last_modified,"
            + " etag, checksum, log_id, error_code, error_message, retried_times, created_at, updated_at";

    private final JdbcTemplate jdbc;
    private final JsonColumns json;

    public SyncRepository(JdbcTemplate jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void insert(SyncRecord s) {
        jdbc.update("INSERT INTO geoingest.synchronizations (id, username, data_type, source, options, privacy,"
                        + " service_name, service_item_id, shown_url, interval_seconds, state, run_at, log_id,"
                        + " created_at, updated_at) VALUES (?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                s.id(), s.username(), s.dataType().label(), json.write(s.source()), json.write(s.options()), s.privacy(),
                s.serviceName(), s.serviceItemId(), s.shownUrl(), s.intervalSeconds(), s.state().label(), s.runAt(),
                s.logId(), s.createdAt(), s.updatedAt());
    }

    public Optional<SyncRecord> find(UUID id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM geoingest.synchronizations WHERE id = ?", this::map, id)
                .stream().findFirst();
    }

    /** The sync a declared route named so, its row locked until the transaction ends. */
    public Optional<SyncRecord> lockDeclared(String declaredAs) {
        return jdbc.query("SELECT " + COLUMNS + " FROM geoingest.synchronizations WHERE declared_as = ? FOR UPDATE",
                this::map, declaredAs).stream().findFirst();
    }

    /** Marks the sync as the one a declared route names so. */
    public void declaredAs(UUID id, String declaredAs) {
        jdbc.update("UPDATE geoingest.synchronizations SET declared_as = ? WHERE id = ?", declaredAs, id);
    }

    /**
     * A new source for the sync's next runs; the version of the old one (ETag, checksum) no
     * longer says anything.
     */
    public void replaceSource(UUID id, JsonNode source, String privacy, String serviceItemId, String shownUrl) {
        jdbc.update("UPDATE geoingest.synchronizations SET source = ?::jsonb, privacy = ?, service_item_id = ?,"
                        + " shown_url = ?, etag = NULL, checksum = NULL, last_modified = NULL, modified_at = NULL,"
                        + " updated_at = now() WHERE id = ?", json.write(source), privacy, serviceItemId, shownUrl, id);
    }

    /** Serialises the declarations of one name across replicas; call inside a transaction. */
    public void lockDeclaration(String declaredAs) {
        jdbc.update(ServiceLocks.TAKE, "declared-sync:" + declaredAs);
    }

    /** The sync, if it belongs to this account: another account's id is as good as unknown. */
    public Optional<SyncRecord> find(UUID id, String username) {
        return find(id).filter(s -> s.username().equals(username));
    }

    /**
     * The sync, its row locked until the transaction ends: every change of a sync and of its
     * schedule happens under this lock, so that replicas and API calls take turns.
     */
    public Optional<SyncRecord> lock(UUID id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM geoingest.synchronizations WHERE id = ? FOR UPDATE", this::map,
                id).stream().findFirst();
    }

    public List<SyncRecord> list(String username) {
        return jdbc.query("SELECT " + COLUMNS + " FROM geoingest.synchronizations WHERE username = ?"
                + " ORDER BY created_at, id", this::map, username);
    }

    /** Syncs of the account with a run going, besides {@code except}. */
    public int running(String username, UUID except) {
        return jdbc.queryForObject("SELECT count(*) FROM geoingest.synchronizations WHERE username = ?"
                + " AND state IN ('queued', 'syncing') AND id <> ?", Integer.class, username, except);
    }

    /** Serialises run starts of one account across replicas; call inside a transaction. */
    public void lockAccount(String username) {
        jdbc.update(ServiceLocks.TAKE, "syncs:" + username);
    }

    /** Syncs with no trigger at all (neither waiting nor firing): their schedule was lost. */
    public List<UUID> unscheduled() {
        return jdbc.queryForList("SELECT s.id FROM geoingest.synchronizations s WHERE NOT EXISTS (SELECT 1"
                + " FROM geoingest.qrtz_triggers t WHERE t.job_group = 'syncs' AND t.job_name = s.id::text)"
                + " AND NOT EXISTS (SELECT 1 FROM geoingest.qrtz_fired_triggers f WHERE f.job_group = 'syncs'"
                + " AND f.job_name = s.id::text) AND s.updated_at < now() - interval '1 minute'", UUID.class);
    }

    public void started(UUID id, SyncState state, UUID importId) {
        jdbc.update("UPDATE geoingest.synchronizations SET state = ?, log_id = ?, updated_at = now() WHERE id = ?",
                state.label(), importId, id);
    }

    /** A run succeeded, or found its source unchanged: the table and the version of the source it holds. */
    public void succeeded(UUID id, String tableName, SourceVersion version, OffsetDateTime ranAt,
                          OffsetDateTime nextRun) {
        jdbc.update("UPDATE geoingest.synchronizations SET state = 'success', name = coalesce(name, ?),"
                        + " ran_at = ?, run_at = ?, retried_times = 0, error_code = NULL, error_message = NULL,"
                        + " etag = ?, checksum = ?, last_modified = ?, modified_at = ?, updated_at = now() WHERE id = ?",
                tableName, ranAt, nextRun, version.etag(), version.checksum(), version.lastModified(),
                httpDate(version.lastModified()), id);
    }

    public void failed(UUID id, Integer errorCode, String errorMessage, OffsetDateTime ranAt, OffsetDateTime nextRun) {
        jdbc.update("UPDATE geoingest.synchronizations SET state = 'failure', ran_at = ?, run_at = ?,"
                        + " retried_times = retried_times + 1, error_code = ?, error_message = ?, updated_at = now()"
                        + " WHERE id = ?", ranAt, nextRun, errorCode, errorMessage, id);
    }

    public void setRunAt(UUID id, OffsetDateTime runAt) {
        jdbc.update("UPDATE geoingest.synchronizations SET run_at = ?, updated_at = now() WHERE id = ?", runAt, id);
    }

    public void update(UUID id, int intervalSeconds, ImportOptions options) {
        jdbc.update("UPDATE geoingest.synchronizations SET interval_seconds = ?, options = ?::jsonb,"
                + " updated_at = now() WHERE id = ?", intervalSeconds, json.write(options), id);
    }

    public void delete(UUID id) {
        jdbc.update("DELETE FROM geoingest.synchronizations WHERE id = ?", id);
    }

    /** A Last-Modified header as a time, or null when absent or unreadable. */
    private static OffsetDateTime httpDate(String header) {
        if (header == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(header, DateTimeFormatter.RFC_1123_DATE_TIME);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private SyncRecord map(ResultSet rs, int row) throws SQLException {
        return new SyncRecord(rs.getObject("id", UUID.class), rs.getString("username"),
                DataType.of(rs.getString("data_type")), json.read(rs.getString("source"), JsonNode.class),
                json.read(rs.getString("options"), ImportOptions.class), rs.getString("privacy"),
                rs.getString("service_name"), rs.getString("service_item_id"), rs.getString("shown_url"),
                rs.getString("name"), rs.getInt("interval_seconds"), SyncState.of(rs.getString("state")),
                rs.getObject("run_at", OffsetDateTime.class), rs.getObject("ran_at", OffsetDateTime.class),
                rs.getObject("modified_at", OffsetDateTime.class),
                new SourceVersion(rs.getString("etag"), rs.getString("last_modified"), rs.getString("checksum")),
                rs.getObject("log_id", UUID.class), (Integer) rs.getObject("error_code"),
                rs.getString("error_message"), rs.getInt("retried_times"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class));
    }
}
