package io.geoingest.accounts;

import io.geoingest.secrets.ServiceSecret;
import java.util.HexFormat;
import org.springframework.stereotype.Component;

/**
 * The password each account's database role logs in with. Derived from the master secret, so
 * every replica sets and uses the same one without storing it anywhere.
 */
@Component
public class AccountPasswords {
    private final ServiceSecret secret;

    public AccountPasswords(ServiceSecret secret) {
        this.secret = secret;
    }

    public String of(Account account) {
        return HexFormat.of().formatHex(secret.derive("account-login:" + account.username()));
    }
}
