package io.geoingest.logging;

import io.geoingest.accounts.Account;
import io.geoingest.accounts.AccountPasswords;
import io.geoingest.secrets.SecretsProperties;
import io.geoingest.secrets.ServiceSecret;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The secrets the test suite hands to geoingest, none of which may reach a log: the accounts'
 * API keys and the master secret of {@code geoingest-test.properties} (and the extra accounts
 * of {@code LimitsApiTest}), the account roles' passwords derived from it, and the connector
 * passwords of the tests and fakes (MariaDB and PostgreSQL logins refused or unreachable,
 * Snowflake's fake, SQL Server's), and the credentials and token of a URL that fails to download
 * (UrlImportTest), and the cloud-drive tokens of the Dropbox tests and the docs' examples. The local databases' own password ({@code geoingest}, also
 * the name of everything here) cannot be told apart from ordinary text and is left out.
 */
final class KnownTestSecrets {
    private static final String[] CONNECTOR_PASSWORDS = {
        "Sup3r-S3cret!pw", "not-the-Password-42", "s3cr3t-Pa55word", "api-Pa55word", "S3cret;pw}",
        "mypassword", "pgpassword", "Url-Pa55word", "Url-T0ken-42",
        // Cloud-drive OAuth tokens (DropboxImportApiTest, GoogleDriveImportApiTest, BoxImportApiTest, ReadmeExamplesIT)
        "Dbx-Alice-T0ken-42", "Dbx-Bob-T0ken-77", "Dbx-Revoked-T0ken-13", "Dbx-Docs-Request-T0ken",
        "Dbx-Docs-Demo-T0ken", "Gdr-Alice-T0ken-42", "Gdr-Bob-T0ken-77", "Gdr-Revoked-T0ken-13",
        "Box-Alice-T0ken-42", "Box-Bob-T0ken-77", "Box-Revoked-T0ken-13", "Drv-Check-T0ken-9",
    };
    private static final String[] EXTRA_ACCOUNTS = {"carol", "dave"};

    private final Properties settings = new Properties();

    KnownTestSecrets() {
        try (InputStream in = KnownTestSecrets.class.getResourceAsStream("/geoingest-test.properties")) {
            settings.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Account name to API key. */
    Map<String, String> apiKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        for (int i = 0; settings.containsKey("geoingest.accounts[" + i + "].username"); i++) {
            keys.put(settings.getProperty("geoingest.accounts[" + i + "].username"),
                    settings.getProperty("geoingest.accounts[" + i + "].api-key"));
        }
        for (String extra : EXTRA_ACCOUNTS) {
            keys.put(extra, extra + "-secret-key");
        }
        return keys;
    }

    /** Every secret, by a name that says what it is. */
    Map<String, String> all() {
        Map<String, String> all = new LinkedHashMap<>();
        String master = settings.getProperty("geoingest.secret-key");
        all.put("geoingest.secret-key", master);
        AccountPasswords roles = new AccountPasswords(new ServiceSecret(new SecretsProperties(master)));
        apiKeys().forEach((user, key) -> {
            all.put("API key of " + user, key);
            all.put("database password of " + user, roles.of(new Account(user, user, "geoingest_" + user)));
        });
        for (String password : CONNECTOR_PASSWORDS) {
            all.put("connector password " + password, password);
        }
        return all;
    }

    SecretScanner scanner() {
        SecretScanner scanner = new SecretScanner(all());
        apiKeys().forEach((user, key) -> scanner.basicAuth(user, key, "API key of " + user));
        return scanner;
    }
}
