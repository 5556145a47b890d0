package io.geoingest.sources;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * The ports this service listens on, which no import may make it connect to on this machine
 * (its actuator would land its metrics in an account's table): those its web servers report
 * when they start (the API's, and the management server's, whose child context publishes to
 * this one too), and, with {@code geoingest.sources.refuse-all-own-ports}, every other port
 * this process listens on (a port an integrator's route opens, JMX...).
 */
@Component
public class ServicePorts implements ApplicationListener<WebServerInitializedEvent> {
    private final Map<Integer, String> webServers = new ConcurrentHashMap<>();
    private final ProcessListeningPorts process;
    private final boolean refuseAllOwnPorts;

    public ServicePorts(SourcesProperties sources, ProcessListeningPorts process) {
        this.process = process;
        this.refuseAllOwnPorts = sources.refuseAllOwnPorts();
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        String namespace = event.getApplicationContext().getServerNamespace();
        webServers.put(event.getWebServer().getPort(), namespace == null ? "API" : namespace + " server");
    }

    /** What this service serves on {@code port} ("API", "management server"...), or null when nothing. */
    String listener(int port) {
        String webServer = webServers.get(port);
        if (webServer != null) {
            return webServer;
        }
        return refuseAllOwnPorts && process.ports().contains(port) ? "a port this process listens on" : null;
    }
}
