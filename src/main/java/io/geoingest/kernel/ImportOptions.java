package io.geoingest.kernel;

/**
 * The user's import parameters that shape how a source is read and a table published.
 *
 * @param typeGuessing         infer column types (false: every column is text)
 * @param quotedFieldsGuessing also infer types of quoted CSV values (false: quoted values stay text)
 * @param contentGuessing      also geocode a column of country names or ISO codes into their
 *                             boundaries when a file has no geometry (geometry and coordinate
 *                             columns are detected by content whatever this says)
 * @param collisionStrategy    what to do when the table name is taken
 * @param syncTable            a sync's later run: the table it replaces with the source's first
 *                             table, whatever that is named; null otherwise
 */
public record ImportOptions(boolean typeGuessing, boolean quotedFieldsGuessing, boolean contentGuessing,
                            CollisionStrategy collisionStrategy, String syncTable) {

    public ImportOptions(boolean typeGuessing, boolean quotedFieldsGuessing, boolean contentGuessing,
                         CollisionStrategy collisionStrategy) {
        this(typeGuessing, quotedFieldsGuessing, contentGuessing, collisionStrategy, null);
    }

    /** These options for a sync's run that replaces {@code table}. */
    public ImportOptions replacing(String table) {
        return new ImportOptions(typeGuessing, quotedFieldsGuessing, contentGuessing, collisionStrategy, table);
    }

    public static ImportOptions defaults() {
        return new ImportOptions(true, true, false, CollisionStrategy.RENAME);
    }

    public enum CollisionStrategy {
        /** The default: a taken name gets {@code _1}, {@code _2}, ... */
        RENAME,
        /** A taken name is not imported. */
        SKIP,
        /** A taken name is replaced when the column layouts are compatible, else error 2012. */
        OVERWRITE
    }
}
