package io.geoingest.connectors.bigquery;

import com.google.api.client.http.HttpExecuteInterceptor;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.cloud.ServiceOptions;
import com.google.cloud.http.HttpTransportOptions;
import java.util.List;

/**
 * The client's HTTP settings, plus {@code formatOptions.useInt64Timestamp=true} on the calls
 * that return rows ({@code tabledata.list}, {@code jobs.getQueryResults}).
 *
 * <p>Why: by default BigQuery writes TIMESTAMP values as float seconds, which cannot hold
 * microseconds (far dates even round to another second). Client 2.57.1 parses integer
 * microseconds when {@code DataFormatOptions.useInt64Timestamp} is set, but sends the flag
 * only with {@code jobs.query}, never on these GET calls; this adds it to their URLs.
 */
final class Int64TimestampTransport extends HttpTransportOptions {
    private static final long serialVersionUID = 1L;
    private static final String FLAG = "formatOptions.useInt64Timestamp";

    Int64TimestampTransport(Builder settings) {
        super(settings);
    }

    @Override
    public HttpRequestInitializer getHttpRequestInitializer(ServiceOptions<?, ?> serviceOptions) {
        HttpRequestInitializer base = super.getHttpRequestInitializer(serviceOptions);
        return request -> {
            base.initialize(request);
            // The URL is set after initializers run: mark it when the request executes.
            HttpExecuteInterceptor credentials = request.getInterceptor();
            request.setInterceptor(r -> {
                if ("GET".equals(r.getRequestMethod()) && returnsRows(r.getUrl().getPathParts())) {
                    r.getUrl().set(FLAG, true);
                }
                if (credentials != null) {
                    credentials.intercept(r);
                }
            });
        };
    }

    /** {@code v2/projects/{p}/datasets/{d}/tables/{t}/data} and {@code v2/projects/{p}/queries/{job}}. */
    private static boolean returnsRows(List<String> path) {
        if (path == null) {
            return false;
        }
        for (int i = 1; i < path.size(); i++) {
            if ("v2".equals(path.get(i - 1)) && "projects".equals(path.get(i))) {
                List<String> rest = path.subList(i + 1, path.size());
                return (rest.size() == 6 && "datasets".equals(rest.get(1)) && "tables".equals(rest.get(3))
                        && "data".equals(rest.get(5)))
                        || (rest.size() == 3 && "queries".equals(rest.get(1)));
            }
        }
        return false;
    }
}
