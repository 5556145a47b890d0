package io.geoingest.startup;

import io.geoingest.kernel.ImportProperties;
import io.geoingest.imports.WorkDirs;
import io.geoingest.secrets.SecretsProperties;
import java.io.IOException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Checks the settings without which nothing works (the master secret, a writable work
 * directory) as soon as the configuration is read: failing later, inside the web server's
 * start, buried the reason under a long stack trace.
 */
public class StartupChecks implements EnvironmentPostProcessor {
    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Binder binder = Binder.get(environment);
        binder.bindOrCreate("geoingest", SecretsProperties.class).problem().ifPresent(problem -> {
            throw new StartupProblem(problem, null);
        });
        ImportProperties imports = binder.bindOrCreate("geoingest.imports", ImportProperties.class);
        try {
            new WorkDirs(imports).checkWritable();
        } catch (IOException e) {
            throw new StartupProblem("the work directory " + imports.workDir() + " (geoingest.imports.work-dir)"
                    + " cannot be written: " + e, e);
        }
    }
}
