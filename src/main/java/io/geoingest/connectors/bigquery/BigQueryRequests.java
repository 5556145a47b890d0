package io.geoingest.connectors.bigquery;

import static io.geoingest.connectors.ConnectorFields.invalid;
import static io.geoingest.connectors.ConnectorFields.missing;
import static io.geoingest.connectors.ConnectorFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.connectors.ConnectorRequest;
import io.geoingest.connectors.ConnectorRequest.BigQueryTarget;
import io.geoingest.connectors.ConnectorRequest.Provider;
import io.geoingest.connectors.ProviderRequests;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * BigQuery's part of a request: no {@code connection} (credentials come from configuration,
 * never from the request); {@code billing_project}, {@code project} (default: the billing
 * project) and, when a table is imported, {@code dataset}; at most 5,000,000 rows.
 */
public final class BigQueryRequests implements ProviderRequests {
    /** Google's project ids (also the older domain-scoped form {@code example.com:project}). */
    private static final Pattern PROJECT = Pattern.compile("([a-z0-9.-]+:)?[a-z][a-z0-9-]{4,28}[a-z0-9]");
    private static final Pattern DATASET = Pattern.compile("[A-Za-z0-9_]{1,1024}");

    @Override
    public Provider provider() {
        return Provider.BIGQUERY;
    }

    @Override
    public int defaultMaxRows() {
        return 5_000_000;
    }

    @Override
    public String defaultSchema(ConnectorRequest request) {
        return null;
    }

    @Override
    public boolean connects() {
        return false;
    }

    @Override
    public Parts read(JsonNode connector, Given given) {
        String billing = text(connector, "billing_project", "billing_project");
        String project = text(connector, "project", "project");
        String dataset = text(connector, "dataset", "dataset");
        List<String> missing = new ArrayList<>();
        if (billing == null) {
            missing.add("billing_project");
        }
        if (dataset == null && given.tableImport()) {
            missing.add("dataset");
        }
        if (!missing.isEmpty()) {
            throw missing(missing);
        }
        for (String[] named : new String[][] {{"billing_project", billing}, {"project", project}}) {
            if (named[1] != null && !PROJECT.matcher(named[1]).matches()) {
                throw invalid(named[0]);
            }
        }
        if (dataset != null && !DATASET.matcher(dataset).matches()) {
            throw invalid("dataset");
        }
        return new Parts(null, null, new BigQueryTarget(billing, project == null ? billing : project, dataset));
    }
}
