package io.geoingest.datasets;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Dataset records in {@code geoingest.datasets}. */
@Repository
public class DatasetRepository {
    private static final String COLUMNS = "table_id, visualization_id, username, table_name, import_id, privacy,"
            + " created_at, updated_at";

    private final JdbcTemplate jdbc;

    public DatasetRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a table in the import's own transaction; a replaced table keeps its dataset id.
     * Returns the dataset's table id.
     */
    public UUID record(Connection c, String username, String tableName, UUID importId, String privacy)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO geoingest.datasets (table_id, visualization_id,"
                + " username, table_name, import_id, privacy) VALUES (?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (username, table_name) DO UPDATE SET import_id = excluded.import_id,"
                + " updated_at = now() RETURNING table_id")) {
            ps.setObject(1, UUID.randomUUID());
            ps.setObject(2, UUID.randomUUID());
            ps.setString(3, username);
            ps.setString(4, tableName);
            ps.setObject(5, importId);
            ps.setString(6, privacy);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        }
    }

    public Optional<Dataset> byTableId(UUID tableId, String username) {
        return jdbc.query("SELECT " + COLUMNS + " FROM geoingest.datasets WHERE table_id = ? AND username = ?",
                (rs, i) -> map(rs), tableId, username).stream().findFirst();
    }

    public Optional<Dataset> byVisualizationId(UUID vizId, String username) {
        return jdbc.query("SELECT " + COLUMNS + " FROM geoingest.datasets WHERE visualization_id = ? AND username = ?",
                (rs, i) -> map(rs), vizId, username).stream().findFirst();
    }

    public Optional<Dataset> byTableName(String username, String tableName) {
        return jdbc.query("SELECT " + COLUMNS + " FROM geoingest.datasets WHERE username = ? AND table_name = ?",
                (rs, i) -> map(rs), username, tableName).stream().findFirst();
    }

    /** One page of the account's datasets, the latest updated first (CARTO's default order). */
    public List<Dataset> page(String username, int offset, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM geoingest.datasets WHERE username = ?"
                + " ORDER BY updated_at DESC, table_id LIMIT ? OFFSET ?", (rs, i) -> map(rs), username, limit, offset);
    }

    public int count(String username) {
        return jdbc.queryForObject("SELECT count(*) FROM geoingest.datasets WHERE username = ?", Integer.class,
                username);
    }

    public void delete(UUID tableId) {
        jdbc.update("DELETE FROM geoingest.datasets WHERE table_id = ?", tableId);
    }

    private static Dataset map(ResultSet rs) throws SQLException {
        return new Dataset(rs.getObject("table_id", UUID.class), rs.getObject("visualization_id", UUID.class),
                rs.getString("username"), rs.getString("table_name"), rs.getObject("import_id", UUID.class),
                rs.getString("privacy"), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class));
    }
}
