package io.geoingest.routes;

import io.geoingest.accounts.Account;
import io.geoingest.accounts.AccountRegistry;
import io.geoingest.api.ImportRequests;
import io.geoingest.imports.ImportSubmission;
import io.geoingest.sync.SyncService;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Reads a templated route's parameters ({@link TemplateRoute}) into what the REST API would make
 * of the same request, with its validation: once when the route is created (a route that can
 * never work stops the start, or the reload of its file), and again by the step that acts on it.
 */
@Component
class TemplateRequests {
    static final String SYNC = "geoingest-sync";
    static final String IMPORT = "geoingest-import";
    static final String WATCH = "geoingest-watch-directory";
    static final String SINK = "geoingest-copy-sink";
    /** A declared sync's name, its key across restarts and replicas. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");

    /** A sync as a route declares it. */
    record SyncDeclaration(String name, Account account, ImportRequests.SyncSource source, int interval) {
    }

    private final AccountRegistry accounts;
    private final ImportRequests requests;
    private final SyncService syncs;

    TemplateRequests(AccountRegistry accounts, ImportRequests requests, SyncService syncs) {
        this.accounts = accounts;
        this.requests = requests;
        this.syncs = syncs;
    }

    /** Fails with the reason when the route's parameters can never work. */
    void check(TemplateRoute p) {
        switch (p.template()) {
            case SYNC -> sync(p);
            case IMPORT -> remote(p);
            case WATCH -> {
                account(p);
                p.required("directory");
            }
            case SINK -> {
                account(p);
                p.required("table");
            }
            default -> throw new IllegalArgumentException(p.route() + ": no geoingest route template "
                    + p.template());
        }
    }

    Account account(TemplateRoute p) {
        String username = p.required("account");
        return accounts.find(username).orElseThrow(() -> new IllegalArgumentException(p.route()
                + ": unknown account '" + username + "' (not in geoingest.accounts)"));
    }

    SyncDeclaration sync(TemplateRoute p) {
        String name = p.required("name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(p.route() + ": the sync name '" + name
                    + "' must be letters, digits, '_', '.' or '-' (at most 100)");
        }
        Account account = account(p);
        try {
            return new SyncDeclaration(name, account, requests.syncSource(p.params()),
                    syncs.interval(p.value("interval")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(p.route() + ": " + e.getMessage(), e);
        }
    }

    ImportSubmission remote(TemplateRoute p) {
        account(p);
        try {
            return requests.remote(p.params());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(p.route() + ": " + e.getMessage(), e);
        }
    }
}
