package io.geoingest.accounts;

/**
 * Locks between replicas, held until the transaction ends: a row of {@code geoingest.locks} per
 * key, locked by an upsert. Accounts cannot reach that table, so unlike advisory locks (which any
 * account's SQL may take) no account can hold another's imports or the service's start.
 */
public final class ServiceLocks {
    /** Takes the lock named by the one parameter; must run as the service's role, in a transaction. */
    public static final String TAKE = "INSERT INTO geoingest.locks (key) VALUES (?)"
            + " ON CONFLICT (key) DO UPDATE SET key = excluded.key";

    private ServiceLocks() {
    }
}
