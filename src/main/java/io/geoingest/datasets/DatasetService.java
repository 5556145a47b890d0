package io.geoingest.datasets;

import io.geoingest.accounts.Account;
import io.geoingest.accounts.AccountDatabases;
import io.geoingest.kernel.Sql;
import java.sql.Statement;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Deletes a dataset: its table, dropped as the account's own role in the account's database,
 * then its record. Should the second step fail, the record of a table that is gone is what
 * remains, and deleting it again removes it.
 */
@Service
public class DatasetService {
    private final AccountDatabases databases;
    private final DatasetRepository datasets;

    public DatasetService(AccountDatabases databases, DatasetRepository datasets) {
        this.databases = databases;
        this.datasets = datasets;
    }

    public void delete(Account account, Dataset dataset) {
        new JdbcTemplate(databases.dataSource(account)).execute((ConnectionCallback<Void>) c -> {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL ROLE " + Sql.ident(account.role()));
                s.execute("DROP TABLE IF EXISTS " + Sql.qualified(account.schema(), dataset.tableName()));
                c.commit();
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
            return null;
        });
        datasets.delete(dataset.tableId());
    }
}
