package io.geoingest.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.api.ApiTestSupport;
import io.geoingest.kernel.DataType;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportOptions;
import io.geoingest.kernel.ImportRecord;
import io.geoingest.kernel.ImportState;
import io.geoingest.kernel.Progress;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Waiting for an import's end: woken by the database's announcement, whoever ends it, with no polling. */
class ImportEndsTest extends ApiTestSupport {
    @Autowired
    ImportEnds ends;
    @Autowired
    ImportRepository imports;
    @Autowired
    ObjectMapper mapper;

    @Test
    void aWaitEndsWhenTheImportEndsAndNotBefore() throws Exception {
        ImportRecord r = pending();
        ImportEnds.Ending ending = ends.watch(r.id());
        CompletableFuture<ImportRecord> waited = CompletableFuture.supplyAsync(() -> {
            try {
                return ending.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        int attempt = imports.startAttempt(r.id());
        imports.setState(r.id(), attempt, ImportState.IMPORTING);
        Thread.sleep(500);
        assertThat(waited).as("not ended yet").isNotDone();

        imports.fail(r.id(), attempt, ErrorCode.EMPTY_FILE, "ended on purpose", Map.of(), Progress.NONE);

        ImportRecord ended = waited.get(10, TimeUnit.SECONDS);
        assertThat(ended.state()).isEqualTo(ImportState.FAILURE);
        assertThat(ended.errorCode()).isEqualTo(ErrorCode.EMPTY_FILE.code());
    }

    @Test
    void anImportThatHasEndedAlreadyIsFoundAtOnce() throws Exception {
        ImportRecord r = pending();
        imports.fail(r.id(), imports.startAttempt(r.id()), ErrorCode.EMPTY_FILE, "ended before", Map.of(), Progress.NONE);
        assertThat(ends.watch(r.id()).await().state()).isEqualTo(ImportState.FAILURE);
    }

    private ImportRecord pending() {
        ImportRecord r = new ImportRecord(UUID.randomUUID(), "alice", ImportState.PENDING, DataType.URL,
                mapper.createObjectNode().put("kind", "url").put("url", "http://127.0.0.1:9/never.csv"),
                ImportOptions.defaults(), "PRIVATE", false, "never.csv", null, null, 0, null, null, Map.of(), 0, null,
                OffsetDateTime.now(), OffsetDateTime.now(), Progress.NONE);
        imports.insert(r);
        return r;
    }
}
