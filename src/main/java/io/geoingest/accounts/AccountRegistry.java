package io.geoingest.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** The configured accounts, and which one an API key belongs to. */
@Component
public class AccountRegistry {
    /** CARTO usernames: lower-case letters, digits and hyphens; they become schema names. */
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    /** Schemas the service or PostgreSQL own: an account named so would share them. */
    private static final Set<String> RESERVED = Set.of("public", "geoingest", "topology", "tiger", "tiger_data",
            "information_schema", "postgres");

    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private final Map<String, byte[]> keys = new LinkedHashMap<>();

    public AccountRegistry(AccountsProperties properties) {
        for (AccountsProperties.Entry e : properties.accounts()) {
            String name = e.username() == null ? "" : e.username().trim();
            if (!USERNAME.matcher(name).matches() || RESERVED.contains(name) || name.startsWith("pg")) {
                throw new IllegalStateException("geoingest.accounts: invalid username '" + name
                        + "': use lower-case letters, digits and hyphens (at most 40), not starting with pg, and none of "
                        + RESERVED);
            }
            if (e.apiKey() == null || e.apiKey().length() < 8) {
                throw new IllegalStateException("geoingest.accounts: the api-key of '" + name
                        + "' must have at least 8 characters");
            }
            if (accounts.containsKey(name)) {
                throw new IllegalStateException("geoingest.accounts: '" + name + "' is listed twice");
            }
            String role = properties.accountRolePrefix() + name.replace('-', '_');
            accounts.put(name, new Account(name, name, role));
            keys.put(name, e.apiKey().getBytes(StandardCharsets.UTF_8));
        }
    }

    public List<Account> all() {
        return List.copyOf(accounts.values());
    }

    public Optional<Account> find(String username) {
        return Optional.ofNullable(accounts.get(username));
    }

    /** The account owning this key; compared in constant time so timing reveals nothing. */
    public Optional<Account> authenticate(String apiKey) {
        if (apiKey == null || apiKey.isEmpty()) {
            return Optional.empty();
        }
        byte[] given = apiKey.getBytes(StandardCharsets.UTF_8);
        Account found = null;
        for (Map.Entry<String, byte[]> e : keys.entrySet()) {
            if (MessageDigest.isEqual(given, e.getValue())) {
                found = accounts.get(e.getKey());
            }
        }
        return Optional.ofNullable(found);
    }
}
