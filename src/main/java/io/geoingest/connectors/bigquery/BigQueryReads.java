package io.geoingest.connectors.bigquery;

import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQuery.QueryResultsOption;
import com.google.cloud.bigquery.BigQuery.TableDataListOption;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.Job;
import com.google.cloud.bigquery.JobId;
import com.google.cloud.bigquery.JobInfo;
import com.google.cloud.bigquery.JobStatistics.QueryStatistics;
import com.google.cloud.bigquery.JobStatistics.QueryStatistics.StatementType;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.Schema;
import com.google.cloud.bigquery.Table;
import com.google.cloud.bigquery.TableDefinition;
import com.google.cloud.bigquery.TableId;
import com.google.cloud.bigquery.TableResult;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import java.time.Duration;
import java.util.Set;
import java.util.function.Function;

/**
 * Starts reading a table or a query and returns a {@link Listing}: its schema, first page, and
 * how to fetch the next pages.
 *
 * <ul>
 * <li>A table ({@code TABLE}, {@code SNAPSHOT}) is read with {@code tabledata.list}: no query
 *     runs, so nothing is billed. Views, materialized views and external tables cannot be
 *     listed: they are read with {@code SELECT * FROM `project`.`dataset`.`table`}.</li>
 * <li>A {@code sql_query} (standard SQL) is first dry-run, which validates it for free; only a
 *     {@code SELECT} runs, since the service's credentials must not change data for whoever
 *     asks. It then runs as a job in the billing project, cancelled by BigQuery after
 *     {@code timeout}, and its result table is listed like a table.</li>
 * </ul>
 * Every page is asked for with an explicit {@code maxResults}: the client's own
 * {@code getNextPage()} drops it after the first page, and BigQuery then answers pages of up
 * to 10 MB.
 */
final class BigQueryReads {
    private static final Set<TableDefinition.Type> LISTABLE = Set.of(TableDefinition.Type.TABLE,
            TableDefinition.Type.SNAPSHOT);

    private final long pageSize;
    private final Duration timeout;

    BigQueryReads(long pageSize, Duration timeout) {
        this.pageSize = pageSize;
        this.timeout = timeout;
    }

    /** The rows of a listed table: its schema, its first page, and the next pages by token. */
    record Listing(Schema schema, TableResult firstPage, Function<String, TableResult> nextPage) {
    }

    Listing table(BigQuery bigquery, TableId id, String billingProject) {
        Table table;
        try {
            table = bigquery.getTable(id);
        } catch (BigQueryException e) {
            throw BigQueryFailures.readingTable(e);
        }
        if (table == null) {
            throw new ImportException(ErrorCode.DATASOURCE_QUERY,
                    "BigQuery: Not found: Table " + id.getProject() + ":" + id.getDataset() + "." + id.getTable());
        }
        TableDefinition definition = table.getDefinition();
        if (!LISTABLE.contains(definition.getType())) {
            return run(bigquery, "SELECT * FROM " + quote(id.getProject()) + "." + quote(id.getDataset()) + "."
                    + quote(id.getTable()), billingProject);
        }
        Schema schema = definition.getSchema();
        try {
            return listing(bigquery, id, schema, bigquery.listTableData(id, schema, TableDataListOption.pageSize(pageSize)));
        } catch (BigQueryException e) {
            throw BigQueryFailures.readingTable(e);
        }
    }

    Listing query(BigQuery bigquery, String sql, String billingProject) {
        Job dryRun;
        try {
            dryRun = bigquery.create(JobInfo.of(QueryJobConfiguration.newBuilder(sql)
                    .setUseLegacySql(false)
                    .setDryRun(true)
                    .build()));
        } catch (BigQueryException e) {
            throw BigQueryFailures.creatingJob(e, billingProject);
        }
        StatementType type = dryRun.getStatistics() instanceof QueryStatistics q ? q.getStatementType() : null;
        if (!StatementType.SELECT.equals(type)) {
            throw new ImportException(ErrorCode.DATASOURCE_QUERY,
                    "Only a SELECT query can be imported from BigQuery; this query is a " + type);
        }
        return run(bigquery, sql, billingProject);
    }

    private Listing run(BigQuery bigquery, String sql, String billingProject) {
        Job job;
        try {
            job = bigquery.create(JobInfo.of(JobId.of(), QueryJobConfiguration.newBuilder(sql)
                    .setUseLegacySql(false)
                    .setJobTimeoutMs(timeout.toMillis())
                    .build()));
        } catch (BigQueryException e) {
            throw BigQueryFailures.creatingJob(e, billingProject);
        }
        try {
            TableResult first = job.getQueryResults(QueryResultsOption.pageSize(pageSize));
            // The job as it ended names its result table, to list the next pages from.
            Job done = bigquery.getJob(job.getJobId());
            TableId results = done.<QueryJobConfiguration>getConfiguration().getDestinationTable();
            return listing(bigquery, results, first.getSchema(), first);
        } catch (BigQueryException e) {
            throw BigQueryFailures.query(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel(bigquery, job.getJobId());
            throw new ImportException(ErrorCode.DATASOURCE_QUERY, "Interrupted while BigQuery ran the query", e);
        }
    }

    private Listing listing(BigQuery bigquery, TableId table, Schema schema, TableResult first) {
        return new Listing(schema, first, token -> bigquery.listTableData(table, schema,
                TableDataListOption.pageSize(pageSize), TableDataListOption.pageToken(token)));
    }

    /** Best effort: a job left running is billed until it ends. */
    private static void cancel(BigQuery bigquery, JobId job) {
        try {
            bigquery.cancel(job);
        } catch (BigQueryException e) {
            // it ends at its timeout anyway
        }
    }

    /** A standard-SQL quoted identifier: backslash and backquote escaped. */
    static String quote(String identifier) {
        return "`" + identifier.replace("\\", "\\\\").replace("`", "\\`") + "`";
    }
}
