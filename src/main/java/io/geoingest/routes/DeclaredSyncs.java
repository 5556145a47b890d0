package io.geoingest.routes;

import io.geoingest.sync.SyncRecord;
import io.geoingest.sync.SyncService;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The step of the {@code geoingest-sync} template: declares the route's sync, which then runs in
 * the clustered Quartz store like one made through the API (any replica, once per interval).
 * Every replica declares it at each start; the declaration's name keeps that to one sync.
 */
@Component("declaredSyncs")
public class DeclaredSyncs {
    private static final Logger LOG = LoggerFactory.getLogger(DeclaredSyncs.class);

    private final TemplateRequests requests;
    private final SyncService syncs;

    DeclaredSyncs(TemplateRequests requests, SyncService syncs) {
        this.requests = requests;
        this.syncs = syncs;
    }

    /** Declares the sync of the route's parameters; the body becomes its record. */
    public SyncRecord declare(Exchange exchange, TemplateRoute route) {
        TemplateRequests.SyncDeclaration d = requests.sync(route);
        SyncRecord s = syncs.declare(d.name(), d.account(), d.source().first(), d.interval(),
                d.source().serviceName(), d.source().serviceItemId());
        LOG.info("route {}: sync '{}' is {} (account {}, every {} s)", exchange.getFromRouteId(), d.name(), s.id(),
                d.account().username(), s.intervalSeconds());
        return s;
    }
}
