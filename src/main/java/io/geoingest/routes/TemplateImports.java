package io.geoingest.routes;

import io.geoingest.accounts.Account;
import io.geoingest.api.ImportRequests;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.imports.ImportEnds;
import io.geoingest.kernel.ImportException;
import io.geoingest.kernel.ImportRecord;
import io.geoingest.imports.ImportService;
import io.geoingest.kernel.ImportState;
import io.geoingest.imports.ImportSubmission;
import io.geoingest.imports.WorkDirs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The steps of the import templates, with the route's parameters ({@link TemplateRoute}): each
 * submits an import as the Import API does (same validation, record, Quartz job, error codes),
 * and puts its id in the header {@value #IMPORT_ID}.
 */
@Component("templateImports")
public class TemplateImports {
    private static final Logger LOG = LoggerFactory.getLogger(TemplateImports.class);
    public static final String IMPORT_ID = "geoingestImportId";
    public static final String TABLE_NAME = "geoingestTableName";

    private final TemplateRequests templates;
    private final ImportRequests requests;
    private final ImportService service;
    private final ImportEnds ends;
    private final WorkDirs workDirs;
    private final RowsSink rows;

    TemplateImports(TemplateRequests templates, ImportRequests requests, ImportService service,
                    ImportEnds ends, WorkDirs workDirs, RowsSink rows) {
        this.templates = templates;
        this.requests = requests;
        this.service = service;
        this.ends = ends;
        this.workDirs = workDirs;
        this.rows = rows;
    }

    /** {@code geoingest-import}: the route's URL or connector, once per message. */
    public void remote(Exchange exchange, TemplateRoute p) {
        UUID id = UUID.randomUUID();
        service.submit(id, templates.account(p), templates.remote(p));
        exchange.getIn().setHeader(IMPORT_ID, id);
    }

    /**
     * {@code geoingest-watch-directory}: moves the file into a new import's directory and submits
     * it, as an upload. The file's claim (the route's read lock) keeps other replicas off it; if
     * the import is refused (too many in progress) the file goes back, to be taken again later.
     */
    public void watched(Exchange exchange, TemplateRoute p) throws IOException {
        Account account = templates.account(p);
        GenericFile<?> file = exchange.getIn().getBody(GenericFile.class);
        Path dropped = Path.of(file.getAbsoluteFilePath());
        UUID id = UUID.randomUUID();
        Path target = requests.uploadTarget(id, file.getFileNameOnly());
        try {
            Files.move(dropped, target);
        } catch (NoSuchFileException e) {
            LOG.debug("route {}: {} was taken meanwhile", exchange.getFromRouteId(), dropped);
            workDirs.delete(id);
            return;
        }
        try {
            service.submit(id, account, requests.file(p.params(), target, file.getFileNameOnly()));
        } catch (RuntimeException e) {
            Files.move(target, dropped);
            workDirs.delete(id);
            throw e;
        }
        LOG.info("route {}: {} is import {}", exchange.getFromRouteId(), dropped, id);
        exchange.getIn().setHeader(IMPORT_ID, id);
    }

    /**
     * {@code geoingest-copy-sink}: the message body (any format an upload may have) becomes
     * the table named by the route, through an import, and the route goes on once it has landed
     * (the import's end, announced by the database: {@link ImportEnds}): with the table's name in
     * {@value #TABLE_NAME}, or failing with the import's error. A body of rows (a list or an
     * iterator of maps) is {@link RowsSink}'s.
     */
    public void sink(Exchange exchange, TemplateRoute p) throws IOException, InterruptedException {
        Account account = templates.account(p);
        if (RowsSink.holdsRows(exchange)) {
            rows.sink(exchange, account, p.required("table"), p.params());
            return;
        }
        UUID id = UUID.randomUUID();
        String name = p.required("table") + "." + p.required("format");
        InputStream body = exchange.getIn().getBody(InputStream.class);
        if (body == null) {
            throw new IllegalArgumentException("Route " + exchange.getFromRouteId() + ": the message has no body to load");
        }
        Path target = requests.uploadTarget(id, name);
        // Awaited from before it is submitted: it may run, and end, on any replica.
        ImportEnds.Ending ending = ends.watch(id);
        try (body) {
            Files.copy(body, target);
            ImportSubmission submission = requests.file(p.params(), target, name);
            service.submit(id, account, submission);
        } catch (IOException | RuntimeException e) {
            ending.close();
            workDirs.delete(id);
            throw e;
        }
        exchange.getIn().setHeader(IMPORT_ID, id);
        ImportRecord r = ending.await();
        if (r.state() == ImportState.FAILURE) {
            throw new ImportException(ErrorCode.of(r.errorCode()), "Import " + id + " failed with " + r.errorCode()
                    + ": " + r.errorMessage());
        }
        exchange.getIn().setHeader(TABLE_NAME, r.tableName());
    }
}
