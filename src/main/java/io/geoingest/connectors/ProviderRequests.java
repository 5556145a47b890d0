package io.geoingest.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.connectors.ConnectorRequest.BigQueryTarget;
import io.geoingest.connectors.ConnectorRequest.ConnectionSettings;
import io.geoingest.connectors.ConnectorRequest.Provider;

/**
 * One provider's part of a {@code connector} request, as each Debezium connector owns its
 * configuration: which connection fields it requires, what else it reads (an encoding,
 * PostgreSQL's {@code sslmode}, Snowflake's {@code warehouse}, BigQuery's projects), their checks
 * and their defaults. {@link ConnectorRequestParser} reads what every request has (provider,
 * schema, table, sql_query, import_as) and hands this the rest.
 *
 * <p>Each provider's package has one, declared in
 * {@code META-INF/services/io.geoingest.connectors.ProviderRequests} and found by
 * {@link Provider#requests()}: nothing in this package names a provider's.
 */
public interface ProviderRequests {

    /** The provider whose requests these are. */
    Provider provider();

    /** The seed's limit of rows one import reads, unless configuration sets another. */
    int defaultMaxRows();

    /** The remote schema of a request that names none (MySQL: its database); may be null. */
    String defaultSchema(ConnectorRequest request);

    /** Whether the request has a {@code connection} (all but BigQuery, whose credentials are configuration). */
    default boolean connects() {
        return true;
    }

    /** The key of the connection's host in CARTO's {@code connector} object. */
    default String serverKey() {
        return "server";
    }

    /**
     * Reads and checks the provider's part of {@code connector}, before the rules of table and
     * query.
     *
     * @param given the common fields, as the request gives them
     */
    Parts read(JsonNode connector, Given given);

    /** Checks a {@code sql_query} after the common rules (PostgreSQL, Redshift: one statement). */
    default void checkQuery(String sqlQuery) {
    }

    /**
     * The fields every request has, as given (before the legacy {@code table} naming a query's
     * result is normalised); null when absent.
     */
    record Given(String schema, String table, String sqlQuery, String importAs) {
        /** A table is imported (not a query), with no schema naming where. */
        public boolean tableWithoutSchema() {
            return sqlQuery == null && schema == null;
        }

        /** A table is imported, not a query. */
        public boolean tableImport() {
            return table != null && sqlQuery == null;
        }
    }

    /**
     * The provider's part of the request.
     *
     * @param connection null for a provider that does not connect ({@link #connects()})
     * @param encoding   as given, checked, or null
     * @param bigquery   BigQuery's projects and dataset; null for the others
     */
    record Parts(ConnectionSettings connection, String encoding, BigQueryTarget bigquery) {
    }
}
