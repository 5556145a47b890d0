package io.geoingest.accounts;

/** The database cannot serve geoingest: unreachable, or without PostGIS. */
public class DatabaseNotReadyException extends RuntimeException {
    public DatabaseNotReadyException(String message) {
        super(message);
    }
}
