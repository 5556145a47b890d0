package io.geoingest.routes;

import io.geoingest.accounts.Account;
import io.geoingest.api.ImportRequests;
import io.geoingest.api.RequestParams;
import io.geoingest.connectors.MapRowsSource;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.kernel.ImportProperties;
import io.geoingest.kernel.ImportRecord;
import io.geoingest.imports.ImportRepository;
import io.geoingest.imports.ImportRunner;
import io.geoingest.imports.ImportService;
import io.geoingest.kernel.ImportState;
import io.geoingest.imports.ImportSubmission;
import io.geoingest.imports.RouteRows;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.support.ExchangeHelper;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.stereotype.Component;

/**
 * {@code geoingest-copy-sink} given rows rather than a file: the body is a list or an iterator
 * of maps (what Camel's {@code sql} and {@code jdbc} components give, or a {@code split} or
 * {@code aggregate}), typed from its values ({@link MapRowsSource}). They are imported as any
 * import (its record, the account's cap on imports in progress, the staging table, cartodbfy
 * and the atomic swap), but in the route's own thread, as they are in this process only: the
 * route goes on once the table has landed, with its name in {@value TemplateImports#TABLE_NAME},
 * or fails with the import's {@link ImportException}.
 */
@Component
public class RowsSink {
    private final ImportService service;
    private final ImportRunner runner;
    private final ImportRepository imports;
    private final ImportRequests requests;
    private final ImportProperties properties;
    private final String replica;

    RowsSink(ImportService service, ImportRunner runner, ImportRepository imports, ImportRequests requests,
             ImportProperties properties, Scheduler scheduler) throws SchedulerException {
        this.service = service;
        this.runner = runner;
        this.imports = imports;
        this.requests = requests;
        this.properties = properties;
        this.replica = scheduler.getSchedulerInstanceId();
    }

    /** Whether the message's body is rows for this sink rather than a file. */
    public static boolean holdsRows(Exchange exchange) {
        return MapRowsSource.holdsRows(exchange.getIn().getBody());
    }

    /** Imports the message's rows into {@code table} of the account, with the template's options. */
    public void sink(Exchange exchange, Account account, String table, RequestParams params) {
        UUID id = UUID.randomUUID();
        ImportSubmission submission = requests.routeRows(params, RouteRows.json(ExchangeHelper.getAtRouteId(exchange), replica),
                table);
        MapRowsSource rows = new MapRowsSource(table, exchange.getIn().getBody(), properties.batchSize(),
                properties.connectorMaxColumns());
        try (rows) {
            service.submitHere(id, account, submission);
            exchange.getIn().setHeader(TemplateImports.IMPORT_ID, id);
            runner.runHere(id, Map.of(RouteRows.PROPERTY, rows));
        }
        ImportRecord r = imports.find(id).orElseThrow();
        if (r.state() != ImportState.COMPLETE) {
            ErrorCode code = r.errorCode() == null ? ErrorCode.UNKNOWN : ErrorCode.of(r.errorCode());
            throw new ImportException(code, "Import " + id + " failed with " + code.code() + ": " + r.errorMessage());
        }
        exchange.getIn().setHeader(TemplateImports.TABLE_NAME, r.tableName());
    }
}
