package io.geoingest.api;

import io.geoingest.datasets.Dataset;
import io.geoingest.datasets.DatasetRepository;
import io.geoingest.sync.SyncRecord;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** A sync as CARTO's Synchronizations API shows it (seed 004), every field present. */
@Component
class SyncView {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private final DatasetRepository datasets;

    SyncView(DatasetRepository datasets) {
        this.datasets = datasets;
    }

    Map<String, Object> render(SyncRecord s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", s.id().toString());
        out.put("name", s.name());
        out.put("interval", s.intervalSeconds());
        out.put("url", s.shownUrl());
        out.put("state", s.state().label());
        out.put("user_id", ImportView.userId(s.username()));
        out.put("created_at", time(s.createdAt()));
        out.put("updated_at", time(s.updatedAt()));
        out.put("run_at", time(s.runAt()));
        out.put("ran_at", time(s.ranAt()));
        out.put("modified_at", time(s.modifiedAt()));
        out.put("etag", s.version().etag());
        out.put("checksum", s.version().checksum());
        out.put("log_id", s.logId() == null ? null : s.logId().toString());
        out.put("error_code", s.errorCode());
        out.put("error_message", s.errorMessage());
        out.put("retried_times", s.retriedTimes());
        out.put("service_name", s.serviceName());
        out.put("service_item_id", s.serviceItemId());
        out.put("type_guessing", s.options().typeGuessing());
        out.put("quoted_fields_guessing", s.options().quotedFieldsGuessing());
        out.put("content_guessing", s.options().contentGuessing());
        out.put("visualization_id", s.name() == null ? null : datasets.byTableName(s.username(), s.name())
                .map(Dataset::visualizationId).map(Object::toString).orElse(null));
        out.put("from_external_source", false);
        return out;
    }

    private static String time(OffsetDateTime t) {
        return t == null ? null : TIME.format(t.atZoneSameInstant(ZoneOffset.UTC));
    }
}
