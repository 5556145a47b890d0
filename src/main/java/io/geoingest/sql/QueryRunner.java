package io.geoingest.sql;

import io.geoingest.accounts.Account;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.springframework.stereotype.Component;

/**
 * Runs one statement of the query endpoint as the account's role, with the query timeout, and
 * streams its result: rows are fetched {@code geoingest.sql.fetch-size} at a time (a cursor, as
 * autocommit is off), so memory stays bounded whatever the result's size.
 */
@Component
public class QueryRunner {
    private final AccountConnections connections;
    private final DbQuota quota;
    private final SqlProperties settings;

    public QueryRunner(AccountConnections connections, DbQuota quota, SqlProperties settings) {
        this.connections = connections;
        this.quota = quota;
        this.settings = settings;
    }

    void run(Account account, String sql, ResultWriter out) throws IOException {
        long start = System.nanoTime();
        try (AccountSession session = connections.begin(account, settings.queryTimeout());
             Statement st = session.connection().createStatement()) {
            // JDBC escapes ({fn ...}) are not SQL: the text goes to PostgreSQL as written.
            st.setEscapeProcessing(false);
            st.setFetchSize(settings.fetchSize());
            if (!st.execute(sql)) {
                long count = Math.max(0, st.getUpdateCount());
                finish(session, account);
                out.start(ResultColumns.none());
                out.end(Timing.seconds(start), count, null);
                return;
            }
            try (ResultSet rs = st.getResultSet()) {
                out.start(ResultColumns.of(rs.getMetaData()));
                stream(session, account, rs, out, start);
            }
        } catch (SQLException e) {
            throw SqlFailure.of(e);
        }
    }

    private void stream(AccountSession session, Account account, ResultSet rs, ResultWriter out, long start)
            throws IOException {
        long rows = 0;
        try {
            while (rs.next()) {
                out.row(rs);
                rows++;
            }
            finish(session, account);
        } catch (SQLException | SqlFailure e) {
            SqlFailure failure = e instanceof SQLException sql ? SqlFailure.of(sql) : (SqlFailure) e;
            if (!out.sent()) {
                throw failure;
            }
            out.end(Timing.seconds(start), rows, failure.getMessage());
            return;
        }
        out.end(Timing.seconds(start), rows, null);
    }

    private void finish(AccountSession session, Account account) throws SQLException {
        quota.check(session.connection(), account);
        session.commit();
    }
}
