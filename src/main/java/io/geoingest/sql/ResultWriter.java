package io.geoingest.sql;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Streams a query's result to the client in one format, row by row. */
interface ResultWriter {
    /** Once, before any row (with no columns for a statement that returns none). */
    void start(ResultColumns columns) throws IOException;

    void row(ResultSet rs) throws SQLException, IOException;

    /**
     * After the last row. {@code error} is set when the query failed after part of the answer
     * had already reached the client: the format must make that failure visible.
     */
    void end(double seconds, long totalRows, String error) throws IOException;

    /** Whether part of the answer has already reached the client (so no error status is possible). */
    boolean sent();
}
