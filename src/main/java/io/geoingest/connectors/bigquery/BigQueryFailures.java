package io.geoingest.connectors.bigquery;

import com.google.auth.Retryable;
import com.google.cloud.BaseServiceException;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import java.io.IOException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns BigQuery's failures into import errors. 1012 (cannot connect): Google unreachable,
 * credentials refused (401), or the billing project refusing to run jobs (unknown, no
 * permission, API or billing disabled). 1011 (cannot retrieve): everything about the data,
 * access denied to a table included, and any failure once rows are streaming.
 */
final class BigQueryFailures {
    private static final int MAX_MESSAGE = 500;
    /** 403 reasons about the project as a whole: the BigQuery API or billing not enabled. */
    private static final Set<String> PROJECT_REASONS = Set.of("accessNotConfigured", "billingNotEnabled");

    private BigQueryFailures() {
    }

    /** Reading a table (its description, its rows): about the table's project, not the billing one. */
    static ImportException readingTable(BaseServiceException e) {
        if (unreachable(e) || e.getCode() == 401) {
            return connection(e);
        }
        return query(e);
    }

    /** Creating a job in the billing project. */
    static ImportException creatingJob(BaseServiceException e, String billingProject) {
        if (unreachable(e) || e.getCode() == 401) {
            return connection(e);
        }
        boolean refused = e.getCode() == 403 || e.getCode() == 404;
        if (refused && (PROJECT_REASONS.contains(e.getReason()) || aboutProject(e.getMessage(), billingProject))) {
            return new ImportException(ErrorCode.DATASOURCE_CONNECTION,
                    "BigQuery refused to run a query in the billing project " + billingProject + ": " + summary(e), e);
        }
        return query(e);
    }

    /** A failed job, or a failure while the rows stream: always the data's. */
    static ImportException query(BaseServiceException e) {
        return new ImportException(ErrorCode.DATASOURCE_QUERY, "BigQuery: " + summary(e), e);
    }

    private static ImportException connection(BaseServiceException e) {
        // A token refused by Google: google-auth's failure type is not public, but is its Retryable.
        boolean refused = e.getCode() == 401 || e.getCause() instanceof Retryable;
        String what = refused ? "Google refused the service's credentials: " : "Could not reach BigQuery: ";
        return new ImportException(ErrorCode.DATASOURCE_CONNECTION, what + summary(e), e);
    }

    /** No answer from BigQuery (connection refused, DNS, TLS, the token endpoint's refusal). */
    private static boolean unreachable(BaseServiceException e) {
        return e.getCode() == BaseServiceException.UNKNOWN_CODE && e.getCause() instanceof IOException;
    }

    /** BigQuery names the project in such errors: "Not found: Project p", "Access Denied: Project p: ...". */
    private static boolean aboutProject(String message, String project) {
        return message != null
                && Pattern.compile("(?i)\\bproject " + Pattern.quote(project) + "(?![\\w-])").matcher(message).find();
    }

    private static String summary(BaseServiceException e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getCause() != null && e.getCause().getMessage() != null
                    ? e.getCause().getMessage() : e.getClass().getSimpleName();
        }
        m = m.replaceAll("\\s+", " ").trim();
        return m.length() > MAX_MESSAGE ? m.substring(0, MAX_MESSAGE) + "..." : m;
    }
}
