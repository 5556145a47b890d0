package io.geoingest.datasets;

import io.geoingest.accounts.Account;
import io.geoingest.sink.Sql;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Deletes a dataset: its table, dropped as the account's own role, and its record. */
@Service
public class DatasetService {
    private final JdbcTemplate jdbc;
    private final DatasetRepository datasets;

    public DatasetService(JdbcTemplate jdbc, DatasetRepository datasets) {
        this.jdbc = jdbc;
        this.datasets = datasets;
    }

    @Transactional
    public void delete(Account account, Dataset dataset) {
        jdbc.execute("SET LOCAL ROLE " + Sql.ident(account.role()));
        jdbc.execute("DROP TABLE IF EXISTS " + Sql.qualified(account.schema(), dataset.tableName()));
        jdbc.execute("RESET ROLE");
        datasets.delete(dataset.tableId());
    }
}
