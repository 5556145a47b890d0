package io.geoingest.accounts;

/**
 * An account: its tables live in schema {@link #schema()}, reached through database role
 * {@link #role()}, so that one account can never read or write another's data.
 */
public record Account(String username, String schema, String role) {
}
