package io.geoingest.rows;

/**
 * One column of a source as the source names it. The sink normalises names; sources keep
 * the original so that geometry and cartodb_id detection can see what the user wrote.
 */
public record Column(String name, ColumnType type) {
}
