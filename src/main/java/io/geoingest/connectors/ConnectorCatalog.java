package io.geoingest.connectors;

import io.geoingest.connectors.ConnectorRequest.Provider;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The connector beans of this service, by provider. */
@Component
public class ConnectorCatalog {
    private final Map<Provider, Connector> byProvider = new EnumMap<>(Provider.class);

    public ConnectorCatalog(List<Connector> connectors) {
        connectors.forEach(c -> byProvider.put(c.provider(), c));
    }

    public Optional<Connector> find(Provider provider) {
        return Optional.ofNullable(byProvider.get(provider));
    }
}
