package io.geoingest.sql;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.BooleanSupplier;

/**
 * CARTO's JSON answer, streamed: {@code {"rows": [...], "time": s, "fields": {...},
 * "total_rows": n}}; a failure after rows were sent is added as {@code "error": [message]},
 * as CARTO did.
 */
final class JsonResult implements ResultWriter {
    private final JsonGenerator g;
    private final BooleanSupplier sent;
    private ResultColumns columns;

    JsonResult(JsonGenerator g, BooleanSupplier sent) {
        this.g = g;
        this.sent = sent;
    }

    @Override
    public void start(ResultColumns columns) throws IOException {
        this.columns = columns;
        g.writeStartObject();
        g.writeArrayFieldStart("rows");
    }

    @Override
    public void row(ResultSet rs) throws SQLException, IOException {
        g.writeStartObject();
        for (int i = 0; i < columns.size(); i++) {
            g.writeFieldName(columns.get(i).name());
            JsonValues.write(g, rs, i + 1, columns.get(i).pgType());
        }
        g.writeEndObject();
    }

    @Override
    public void end(double seconds, long totalRows, String error) throws IOException {
        g.writeEndArray();
        g.writeNumberField("time", seconds);
        g.writeObjectFieldStart("fields");
        for (ResultColumns.Column c : columns.all()) {
            g.writeObjectFieldStart(c.name());
            g.writeStringField("type", c.cartoType());
            g.writeStringField("pgtype", c.pgType());
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeNumberField("total_rows", totalRows);
        if (error != null) {
            g.writeArrayFieldStart("error");
            g.writeString(error);
            g.writeEndArray();
        }
        g.writeEndObject();
        g.close();
    }

    @Override
    public boolean sent() {
        return sent.getAsBoolean();
    }
}
