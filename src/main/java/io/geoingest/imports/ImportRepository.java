package io.geoingest.imports;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.accounts.ServiceLocks;
import io.geoingest.kernel.DataType;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportOptions;
import io.geoingest.kernel.ProgressStore;
import io.geoingest.kernel.ImportRecord;
import io.geoingest.kernel.ImportState;
import io.geoingest.kernel.Progress;
import io.geoingest.kernel.SourceVersion;
import io.geoingest.sink.ImportTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Import jobs in {@code geoingest.imports}: the only place their state lives. */
@Repository
public class ImportRepository implements ProgressStore {
    private static final String COLUMNS = "id, username, state, data_type, source, options, privacy,"
            + " create_visualization, display_name, table_name,"
            + " table_id, tables_created_count, error_code, error_message, warnings, attempts, synchronization_id,"
            + " created_at, updated_at, progress_rows, progress_bytes_read, progress_bytes_total";

    /** A connector password is kept only while its import may still run. */
    private static final String FORGET_PASSWORD = "source = source #- '{connector,connection,password}'"
            + " #- '{connector,connection,password_sealed}'";
    private static final String PROGRESS = "progress_rows = ?, progress_bytes_read = ?, progress_bytes_total = ?";
    /** The fence on every write of a run, on which its transaction claims the import too. */
    static final String OWNED = ImportTransaction.OWNED;

    private final JdbcTemplate jdbc;
    private final JsonColumns json;

    public ImportRepository(JdbcTemplate jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void insert(ImportRecord r) {
        jdbc.update("INSERT INTO geoingest.imports (id, username, state, data_type, source, options, privacy,"
                        + " create_visualization, display_name, synchronization_id)"
                        + " VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?)",
                r.id(), r.username(), r.state().label(), r.dataType().label(), json.write(r.source()), json.write(r.options()),
                r.privacy(), r.createVisualization(), r.displayName(), r.synchronizationId());
    }

    /** The import, if it belongs to this account: another account's id is as good as unknown. */
    public Optional<ImportRecord> find(UUID id, String username) {
        return jdbc.query("SELECT " + COLUMNS + " FROM geoingest.imports WHERE id = ? AND username = ?",
                this::map, id, username).stream().findFirst();
    }

    public Optional<ImportRecord> find(UUID id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM geoingest.imports WHERE id = ?", this::map, id)
                .stream().findFirst();
    }

    /**
     * Serialises the account's submissions until the transaction ends, on every replica: counting
     * the imports in progress and inserting the next must be one step, or the cap lets more in.
     */
    public void lockSubmissions(String username) {
        jdbc.update(ServiceLocks.TAKE, "imports:" + username);
    }

    public List<UUID> inProgress(String username) {
        return jdbc.queryForList("SELECT id FROM geoingest.imports WHERE username = ?"
                + " AND state NOT IN ('complete', 'failure') ORDER BY created_at", UUID.class, username);
    }

    /** Counts this run as an attempt and returns how many there have been: the number of the attempt that owns the import. */
    public int startAttempt(UUID id) {
        return jdbc.queryForObject("UPDATE geoingest.imports SET attempts = attempts + 1, updated_at = now()"
                + " WHERE id = ? RETURNING attempts", Integer.class, id);
    }

    /**
     * Records a running import's step, if {@code attempt} still owns it.
     *
     * @return false if it does not: a later attempt took the import over, or it has ended
     */
    public boolean setState(UUID id, int attempt, ImportState state) {
        return jdbc.update("UPDATE geoingest.imports SET state = ?, updated_at = now() WHERE " + OWNED,
                state.label(), id, attempt) > 0;
    }

    /**
     * Records how far a running import has got, if {@code attempt} still owns it. On the caller's
     * pooled connection, never the import's own: its transaction is not committed until the end.
     *
     * @return false if the attempt no longer owns the import
     */
    @Override
    public boolean saveProgress(UUID id, int attempt, Progress p) {
        return jdbc.update("UPDATE geoingest.imports SET " + PROGRESS + " WHERE " + OWNED,
                p.rows(), p.bytesRead(), p.bytesTotal(), id, attempt) > 0;
    }

    /**
     * Marks the import complete inside its own transaction, so tables and state commit together,
     * if {@code attempt} still owns it.
     *
     * @return false if it does not: the caller must roll its transaction back
     */
    public boolean complete(Connection c, UUID id, int attempt, String tableName, UUID tableId, int tablesCreated,
                            Map<String, Object> warnings, SourceVersion sourceVersion, Progress progress)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE geoingest.imports SET state = 'complete',"
                + " table_name = ?, table_id = ?, tables_created_count = ?, warnings = ?::jsonb,"
                + " source_version = ?::jsonb, " + FORGET_PASSWORD + ", " + PROGRESS
                + ", updated_at = clock_timestamp() WHERE " + OWNED)) {
            ps.setString(1, tableName);
            ps.setObject(2, tableId);
            ps.setInt(3, tablesCreated);
            ps.setString(4, warnings.isEmpty() ? null : json.write(warnings));
            ps.setString(5, json.write(sourceVersion));
            ps.setLong(6, progress.rows());
            ps.setObject(7, progress.bytesRead(), Types.BIGINT);
            ps.setObject(8, progress.bytesTotal(), Types.BIGINT);
            ps.setObject(9, id);
            ps.setInt(10, attempt);
            return ps.executeUpdate() > 0;
        }
    }

    /**
     * A sync's run that found its source unchanged: complete, no table touched.
     *
     * @return false if {@code attempt} no longer owns the import
     */
    public boolean completeUnchanged(UUID id, int attempt, SourceVersion sourceVersion) {
        return jdbc.update("UPDATE geoingest.imports SET state = 'complete', warnings = '{\"source_unchanged\": true}',"
                + " source_version = ?::jsonb, " + FORGET_PASSWORD + ", updated_at = clock_timestamp() WHERE " + OWNED,
                json.write(sourceVersion), id, attempt) > 0;
    }

    /** What version of its URL a finished import read, for its sync's next run. */
    public SourceVersion sourceVersion(UUID id) {
        String v = jdbc.queryForObject("SELECT source_version FROM geoingest.imports WHERE id = ?", String.class, id);
        return v == null ? SourceVersion.UNKNOWN : json.read(v, SourceVersion.class);
    }

    /**
     * Records why the import failed and how far it got, if {@code attempt} owns it (0: before any
     * run started).
     *
     * @return false if it does not: a later attempt took the import over, or it has ended
     */
    public boolean fail(UUID id, int attempt, ErrorCode code, String message, Map<String, Object> warnings,
                        Progress progress) {
        return jdbc.update("UPDATE geoingest.imports SET state = 'failure', error_code = ?, error_message = ?,"
                        + " warnings = ?::jsonb, " + FORGET_PASSWORD + ", " + PROGRESS + ", updated_at = now()"
                        + " WHERE " + OWNED,
                code.code(), message, warnings.isEmpty() ? null : json.write(warnings),
                progress.rows(), progress.bytesRead(), progress.bytesTotal(), id, attempt) > 0;
    }

    /** Whether the import has ended, or is gone: then no attempt will read its files again. */
    public boolean ended(UUID id) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT NOT EXISTS (SELECT 1 FROM geoingest.imports"
                + " WHERE id = ? AND state NOT IN ('complete', 'failure'))", Boolean.class, id));
    }

    /**
     * Fails imports left in a non-final state with no Quartz job to finish them (e.g. the job
     * store lost them); a running or recoverable job keeps its row in qrtz_job_details. A sync's
     * run is its sync's job's to finish.
     */
    public List<UUID> failOrphans(int olderThanSeconds) {
        return jdbc.queryForList("UPDATE geoingest.imports i SET state = 'failure', error_code = 99999,"
                + " error_message = 'The import was interrupted and could not be resumed', " + FORGET_PASSWORD
                + ", updated_at = now() WHERE state NOT IN ('complete', 'failure')"
                + " AND updated_at < now() - make_interval(secs => ?)"
                + " AND NOT EXISTS (SELECT 1 FROM geoingest.qrtz_job_details j"
                + "   WHERE j.job_group = 'imports' AND j.job_name = i.id::text"
                + "   OR j.job_group = 'syncs' AND j.job_name = i.synchronization_id::text)"
                // A route's rows, imported by the replica holding them (RouteRows), while it lives.
                + " AND NOT EXISTS (SELECT 1 FROM geoingest.qrtz_scheduler_state s"
                + "   WHERE s.instance_name = i.source->>'replica') RETURNING id", UUID.class,
                olderThanSeconds);
    }

    private ImportRecord map(ResultSet rs, int row) throws SQLException {
        return new ImportRecord(rs.getObject("id", UUID.class), rs.getString("username"),
                ImportState.of(rs.getString("state")), DataType.of(rs.getString("data_type")),
                json.read(rs.getString("source"), JsonNode.class), json.read(rs.getString("options"), ImportOptions.class),
                rs.getString("privacy"), rs.getBoolean("create_visualization"),
                rs.getString("display_name"), rs.getString("table_name"), rs.getObject("table_id", UUID.class),
                rs.getInt("tables_created_count"), (Integer) rs.getObject("error_code"),
                rs.getString("error_message"),
                rs.getString("warnings") == null ? Map.of()
                        : json.read(rs.getString("warnings"), new TypeReference<Map<String, Object>>() { }),
                rs.getInt("attempts"), rs.getObject("synchronization_id", UUID.class),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class),
                new Progress(rs.getLong("progress_rows"), (Long) rs.getObject("progress_bytes_read"),
                        (Long) rs.getObject("progress_bytes_total")));
    }
}
