package io.geoingest.connectors.bigquery;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.BaseServiceException;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.DatasetId;
import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.Schema;
import com.google.cloud.bigquery.Table;
import com.google.cloud.bigquery.TableId;
import io.geoingest.connectors.Connector;
import io.geoingest.connectors.JdbcConnector;
import io.geoingest.connectors.ConnectorProperties;
import io.geoingest.connectors.ConnectorRequest.BigQueryTarget;
import io.geoingest.connectors.ConnectorRequest.Provider;
import io.geoingest.connectors.ConnectorRequest;
import io.geoingest.connectors.bigquery.BigQueryReads.Listing;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.kernel.ImportProperties;
import io.geoingest.rows.GeometryText;
import io.geoingest.kernel.ImportWarnings;
import io.geoingest.rows.TableSource;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The {@code bigquery} connector (Google's BigQuery client over the REST API).
 *
 * <ul>
 * <li>Credentials are the service's ({@link BigQueryProperties}), never the request's; jobs
 *     run in, and are billed to, {@code billing_project}.</li>
 * <li>{@code table} reads {@code project.dataset.table}, {@code sql_query} runs a standard-SQL
 *     {@code SELECT} (see {@link BigQueryReads}).</li>
 * <li>Rows stream page by page ({@code page-size} rows, at most
 *     {@code max-rows + 1} since no more are needed); see {@link BigQueryTableSource}.</li>
 * <li>Types, skipped columns and the choice of {@code the_geom}: {@link BigQueryTypes},
 *     {@link RowPlanner}. Errors: {@link BigQueryFailures}.</li>
 * </ul>
 */
@Component("bigqueryConnector")
public class BigQueryConnector implements Connector {
    private final BigQueryClients clients;
    private final BigQueryProperties properties;
    private final ConnectorProperties connectors;
    private final ImportProperties imports;

    @Autowired
    public BigQueryConnector(BigQueryProperties properties, ConnectorProperties connectors, ImportProperties imports) {
        this(new BigQueryClients(properties, connectors.connectTimeout(), GoogleCredentials::getApplicationDefault),
                properties, connectors, imports);
    }

    BigQueryConnector(BigQueryClients clients, BigQueryProperties properties, ConnectorProperties connectors,
                      ImportProperties imports) {
        this.clients = clients;
        this.properties = properties;
        this.connectors = connectors;
        this.imports = imports;
    }

    @Override
    public Provider provider() {
        return Provider.BIGQUERY;
    }

    /**
     * Starts the read (and the query, if any) and returns its rows as a source to close.
     *
     * @throws ImportException 1012 without usable credentials, when Google cannot be reached,
     *                         refuses the credentials or the billing project; 1011 when the
     *                         table or query fails; 2004 with too many columns
     */
    @Override
    public TableSource open(ConnectorRequest request) {
        if (request.provider() != Provider.BIGQUERY) {
            throw new IllegalArgumentException("not a bigquery request: " + request.provider().id());
        }
        BigQueryTarget target = request.bigquery();
        requireAllowed(target, !request.isQuery());
        int maxRows = connectors.maxRows(Provider.BIGQUERY);
        BigQuery bigquery = clients.forBillingProject(target.billingProject());
        BigQueryReads reads = new BigQueryReads(Math.min(properties.pageSize(), maxRows + 1L), properties.timeout());
        Listing listing = request.isQuery()
                ? reads.query(bigquery, request.sqlQuery(), target.billingProject())
                : reads.table(bigquery, TableId.of(target.project(), target.dataset(), request.table()),
                        target.billingProject());
        Schema schema = listing.schema();
        List<Field> fields = schema == null ? List.of() : schema.getFields();
        if (fields.size() > imports.connectorMaxColumns()) {
            throw new ImportException(ErrorCode.TOO_MANY_COLUMNS, "The BigQuery " + (request.isQuery() ? "query" : "table")
                    + " has " + fields.size() + " columns; at most " + imports.connectorMaxColumns() + " can be imported");
        }
        ImportWarnings warnings = new ImportWarnings();
        RowPlan plan = new RowPlanner(new GeometryText(), warnings)
                .plan(fields, listing.firstPage().getPageNoSchema().getValues());
        return new BigQueryTableSource(request.name(), listing, plan, imports.batchSize(), maxRows, warnings,
                JdbcConnector.noRows(request));
    }

    /** The tables of the request's {@code project.dataset} ({@code tables.list}: no query, no cost). */
    @Override
    public List<String> tables(ConnectorRequest request, int limit) {
        BigQueryTarget target = request.bigquery();
        requireAllowed(target, true);
        BigQuery bigquery = clients.forBillingProject(target.billingProject());
        try {
            List<String> names = new ArrayList<>();
            for (Table t : bigquery.listTables(DatasetId.of(target.project(), target.dataset()),
                    BigQuery.TableListOption.pageSize(limit)).getValues()) {
                if (names.size() == limit) {
                    break;
                }
                names.add(t.getTableId().getTable());
            }
            return names;
        } catch (BaseServiceException e) {
            throw BigQueryFailures.readingTable(e);
        }
    }

    /** The billing project, and the table's project when a table is read, must be allowed. */
    private void requireAllowed(BigQueryTarget target, boolean readsTable) {
        List<String> allowed = properties.allowedProjects();
        if (allowed.isEmpty()) {
            return;
        }
        for (String project : readsTable ? List.of(target.billingProject(), target.project())
                : List.of(target.billingProject())) {
            if (!allowed.contains(project)) {
                throw new ImportException(ErrorCode.DATASOURCE_CONNECTION, "The BigQuery project " + project
                        + " is not allowed here (geoingest.connectors.bigquery.allowed-projects)");
            }
        }
    }
}
