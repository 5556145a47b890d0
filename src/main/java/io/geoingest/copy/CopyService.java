package io.geoingest.copy;

import io.geoingest.accounts.Account;
import io.geoingest.ops.CopyMetrics;
import io.geoingest.sql.AccountConnections;
import io.geoingest.sql.AccountSession;
import io.geoingest.sql.BrokenResponse;
import io.geoingest.sql.DbQuota;
import io.geoingest.sql.SqlFailure;
import io.geoingest.sql.SqlProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.SQLException;
import java.util.OptionalLong;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.copy.CopyOut;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Streams data between HTTP and PostgreSQL's COPY, as the account's own role, in one
 * transaction with the COPY timeout: nothing is buffered beyond a chunk, and any failure rolls
 * everything back.
 */
@Component
public class CopyService {
    private static final int BUFFER = 64 * 1024;
    private static final long KB = 1024;

    private final AccountConnections connections;
    private final DbQuota quota;
    private final SqlProperties settings;
    private final CopyMetrics metrics;

    public CopyService(AccountConnections connections, DbQuota quota, SqlProperties settings, CopyMetrics metrics) {
        this.connections = connections;
        this.quota = quota;
        this.settings = settings;
        this.metrics = metrics;
    }

    /**
     * Feeds the request body to {@code COPY ... FROM STDIN}; the rows loaded, committed. A client
     * that went away gets its own I/O exception back, which the container treats as a disconnect.
     */
    public long copyIn(Account account, String sql, InputStream raw, boolean gzip) throws IOException {
        try (AccountSession session = connections.begin(account, settings.copyTimeout())) {
            DataSize max = settings.copyMaxBodySize();
            LimitedStream received = new LimitedStream(RequestBody.received(raw), max.toBytes(),
                    () -> UploadFailure.limit("COPY FROM maximum POST size of " + pretty(max) + " exceeded"));
            LimitedStream body = body(received, gzip, quota.remaining(session.connection(), account));
            long rows = copyApi(session).copyIn(sql, body, BUFFER);
            // A failure swallowed on the way (GZIPInputStream ends the data quietly when reading
            // the header of a next member fails) must still roll everything back.
            for (LimitedStream s : new LimitedStream[] {received, body}) {
                if (s != null && s.failure() != null) {
                    throw s.failure();
                }
            }
            if (rows == 0) {
                throw new SqlFailure(400, "No rows copied");
            }
            quota.check(session.connection(), account);
            session.commit();
            metrics.copied(CopyMetrics.COPY_FROM, rows, body.count());
            return rows;
        } catch (SQLException e) {
            throw SqlFailure.of(e);
        } catch (UploadFailure e) {
            if (e.clientGone()) {
                throw (IOException) e.getCause();
            }
            throw new SqlFailure(400, e.getMessage());
        }
    }

    /**
     * The body as received, already limited to the maximum size (counted before decompression, as
     * CARTO did), decompressed, and limited to what the quota leaves (counted after; without a
     * quota, not limited).
     */
    private static LimitedStream body(LimitedStream received, boolean gzip, OptionalLong remainingQuota) {
        InputStream in = gzip ? RequestBody.gunzipped(received) : received;
        return new LimitedStream(in, remainingQuota.orElse(Long.MAX_VALUE), () -> UploadFailure.limit(DbQuota.EXCEEDED));
    }

    /**
     * Streams {@code COPY ... TO STDOUT} to the download, opened at the first byte so that an
     * error before it is still an error answer. A client that goes away cancels the query.
     */
    public void copyOut(Account account, String sql, Download download) throws IOException {
        try (AccountSession session = connections.begin(account, settings.copyTimeout())) {
            CopyOut copy = copyApi(session).copyOut(sql);
            OutputStream out;
            long[] sent = {0};
            try {
                out = send(copy, download, sent);
            } catch (IOException e) {
                abandon(copy);
                throw e;
            }
            // COPY (query) TO STDOUT can write too (a function that inserts, INSERT ... RETURNING):
            // checked before the download is closed, so that a refusal still breaks it off.
            quota.check(session.connection(), account);
            session.commit();
            out.close();
            metrics.copied(CopyMetrics.COPY_TO, copy.getHandledRowCount(), sent[0]);
        } catch (SQLException | SqlFailure e) {
            SqlFailure failure = e instanceof SQLException db ? SqlFailure.of(db) : (SqlFailure) e;
            if (download.sent()) {
                throw new BrokenResponse(failure.getMessage());
            }
            throw failure;
        }
    }

    /**
     * Everything COPY produced, written to the download, which is left open for the caller to
     * close; {@code sent[0]} counts the bytes.
     */
    private static OutputStream send(CopyOut copy, Download download, long[] sent) throws SQLException, IOException {
        OutputStream out = null;
        for (byte[] data = copy.readFromCopy(); data != null; data = copy.readFromCopy()) {
            if (out == null) {
                out = download.open();
            }
            out.write(data);
            sent[0] += data.length;
        }
        return out == null ? download.open() : out;
    }

    /**
     * Cancels the query on the server and drains what it had already sent, as PgJDBC's own
     * {@code copyOut(sql, OutputStream)} does: without the drain the connection stays locked.
     */
    private static void abandon(CopyOut copy) {
        try {
            if (copy.isActive()) {
                copy.cancelCopy();
                while (copy.readFromCopy() != null) {
                    // discarded: nobody is listening any more
                }
            }
        } catch (SQLException expected) {
            // The cancelled COPY ends with an error; the session's rollback and reset follow.
        }
    }

    private static CopyManager copyApi(AccountSession session) throws SQLException {
        return session.connection().unwrap(PGConnection.class).getCopyAPI();
    }

    /** CARTO's wording: "2 GB". */
    static String pretty(DataSize size) {
        long bytes = size.toBytes();
        String[] units = {"GB", "MB", "KB"};
        for (int i = 0; i < units.length; i++) {
            long unit = KB << (10 * (units.length - 1 - i));
            if (bytes >= unit && bytes % unit == 0) {
                return bytes / unit + " " + units[i];
            }
        }
        return bytes + " bytes";
    }

    /** Where COPY TO's data goes: opened (headers set) only when the first byte is ready. */
    public interface Download {
        OutputStream open() throws IOException;

        /** Whether bytes already reached the client, so that a failure can no longer be an error answer. */
        boolean sent();
    }
}
