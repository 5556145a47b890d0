package io.geoingest.connectors.bigquery;

import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.TableResult;
import io.geoingest.connectors.bigquery.BigQueryReads.Listing;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import io.geoingest.rows.Column;
import io.geoingest.kernel.ImportWarnings;
import io.geoingest.rows.LazyBatches;
import io.geoingest.rows.RowBatch;
import io.geoingest.rows.TableSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The rows of a BigQuery table or query result, read page by page as the batches are asked
 * for. Only the current page is referenced (the client's {@code TableResult.iterateAll()}
 * would keep the first one too): memory holds one page and one batch.
 *
 * <p>At most {@code maxRows} rows are delivered; when the result had more, the warning
 * {@code max_rows_per_connection} is set to {@code maxRows}. {@link #close()}, from any thread,
 * stops paging: the reading thread makes no request after it and drops its page. A result
 * without any row fails with 1015 ({@link ErrorCode#NO_RESULTS}) when the batches are read.
 */
final class BigQueryTableSource implements TableSource {
    private final String name;
    private final RowPlan plan;
    private final int batchSize;
    private final int maxRows;
    private final ImportWarnings warnings;
    private final Function<String, TableResult> nextPage;
    private final String emptyMessage;
    private final AtomicBoolean iterated = new AtomicBoolean();
    private volatile boolean closed;

    // Touched by the reading thread only.
    private Iterator<FieldValueList> pageRows;
    private String nextToken;
    private long delivered;

    BigQueryTableSource(String name, Listing listing, RowPlan plan, int batchSize, int maxRows,
                        ImportWarnings warnings, String emptyMessage) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1");
        }
        this.name = name;
        // Without the schema wrapper: values are read by position, and the wrapper keeps its page.
        this.pageRows = listing.firstPage().getPageNoSchema().getValues().iterator();
        this.nextToken = listing.firstPage().getNextPageToken();
        this.nextPage = listing.nextPage();
        this.plan = plan;
        this.batchSize = batchSize;
        this.maxRows = maxRows;
        this.warnings = warnings;
        this.emptyMessage = emptyMessage;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Column> columns() {
        return plan.columns();
    }

    @Override
    public ImportWarnings warnings() {
        return warnings;
    }

    @Override
    public Iterator<RowBatch> batches() {
        if (!iterated.compareAndSet(false, true)) {
            throw new IllegalStateException("batches() can be called only once");
        }
        return new LazyBatches(this::readBatch);
    }

    private RowBatch readBatch() {
        List<Object[]> rows = new ArrayList<>((int) Math.min(batchSize, Math.max(1, maxRows - delivered)));
        try {
            while (rows.size() < batchSize && !closed) {
                boolean more = advance();
                if (!more && delivered == 0 && !closed) {
                    throw new ImportException(ErrorCode.NO_RESULTS, emptyMessage);
                }
                if (delivered >= maxRows || !more) {
                    if (more) {
                        warnings.set("max_rows_per_connection", maxRows);
                    }
                    close();
                    break;
                }
                rows.add(plan.read(pageRows.next()));
                delivered++;
            }
        } catch (BigQueryException e) {
            close();
            throw BigQueryFailures.query(e);
        } catch (RuntimeException e) {
            close();
            throw e;
        } finally {
            if (closed) {
                pageRows = Collections.emptyIterator();
                nextToken = null;
            }
        }
        return rows.isEmpty() ? null : new RowBatch(rows);
    }

    /** Whether a row is ready in {@link #pageRows}, fetching the next pages as needed. */
    private boolean advance() {
        while (!pageRows.hasNext()) {
            if (closed || nextToken == null || nextToken.isEmpty()) {
                return false;
            }
            TableResult next = nextPage.apply(nextToken);
            pageRows = next.getPageNoSchema().getValues().iterator();
            nextToken = next.getNextPageToken();
        }
        return true;
    }

    @Override
    public void close() {
        closed = true;
    }
}
