package io.geoingest.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.geoingest.accounts.AccountPasswords;
import io.geoingest.testing.TestDatabases;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the README's confinement section promises: one account's SQL sees no name, column, row
 * count or size of another account's objects, nor anything of geoingest's own state, whichever
 * catalog, function or cast it asks. Each account's tables are in a database of its own.
 */
class CatalogIsolationApiTest extends SqlApiTestSupport {
    @Autowired
    AccountPasswords passwords;

    private String secret;
    private String column;

    /** Alice's table, with a telling name, column and row count. */
    @BeforeEach
    void aliceHasATable() throws Exception {
        secret = unique("alice_secret");
        column = unique("hidden_column");
        sqlOk(ALICE_KEY, "CREATE TABLE " + secret + " AS SELECT g AS " + column + " FROM generate_series(1, 4321) g");
        sqlOk(ALICE_KEY, "ANALYZE " + secret);
    }

    private String asBob(String q) throws Exception {
        return sqlOk(BOB_KEY, q).get("rows").toString();
    }

    @Test
    void theCatalogsListNoneOfAnotherAccountsObjectsNorTheServices() throws Exception {
        String everything = asBob("SELECT c.relname, n.nspname, c.reltuples FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace")
                + asBob("SELECT nspname FROM pg_namespace")
                + asBob("SELECT attname FROM pg_attribute")
                + asBob("SELECT typname FROM pg_type")
                + asBob("SELECT table_schema, table_name FROM information_schema.tables")
                + asBob("SELECT schemaname, relname, n_live_tup FROM pg_stat_all_tables")
                + asBob("SELECT tablename FROM pg_tables") + asBob("SELECT schemaname, tablename FROM pg_stats");
        assertThat(everything).doesNotContain(secret, column, "\"alice\"", "4321", "imports", "synchronizations",
                "datasets", "qrtz_", "\"geoingest\"");
    }

    @Test
    void castsAndLookupsByNameOrNumberFindNothing() throws Exception {
        long oid;
        try (var c = TestDatabases.account("alice"); var s = c.createStatement();
             var rs = s.executeQuery("SELECT 'alice." + secret + "'::regclass::oid")) {
            rs.next();
            oid = rs.getLong(1);
        }
        assertThat(asBob("SELECT " + oid + "::oid::regclass::text AS r")).doesNotContain(secret);
        assertThat(asBob("SELECT to_regclass('alice." + secret + "') AS a, to_regclass('geoingest.imports') AS b,"
                + " to_regnamespace('alice') AS c, to_regnamespace('geoingest') AS d"))
                .isEqualTo("[{\"a\":null,\"b\":null,\"c\":null,\"d\":null}]");
        assertThat(asBob("SELECT count(*) AS n FROM generate_series(" + (oid - 50) + ", " + (oid + 50) + ") o"
                + " WHERE o::oid::regclass::text LIKE '%secret%'")).isEqualTo("[{\"n\":0}]");
    }

    @Test
    void noSizeOrCounterOfAnotherDatabaseNorOfTheCluster() throws Exception {
        String alices = TestDatabases.accountDatabase("alice");
        assertThat(sql(BOB_KEY, "SELECT pg_database_size('" + alices + "')").error())
                .contains("permission denied for database " + alices);
        assertThat(sql(BOB_KEY, "SELECT pg_database_size(current_database())").status()).isEqualTo(200);
        assertThat(sql(BOB_KEY, "SELECT * FROM pg_stat_database").error()).contains("permission denied");
        assertThat(sql(BOB_KEY, "SELECT pg_stat_get_db_tuples_inserted(oid) FROM pg_database").error())
                .contains("permission denied");
        assertThat(sql(BOB_KEY, "SELECT pg_tablespace_size('pg_default')").error()).contains("permission denied");
        assertThat(sql(BOB_KEY, "SELECT count(*) FROM pg_shdepend").error()).contains("permission denied");
    }

    @Test
    void anAccountsRoleLogsInToItsOwnDatabaseOnly() throws Exception {
        String password = passwords.of(account("bob"));
        DriverManager.getConnection(TestDatabases.accountUrl("bob"), "geoingest_bob", password).close();
        for (String elsewhere : new String[] {TestDatabases.accountUrl("alice"), TestDatabases.PG_URL}) {
            assertThatThrownBy(() -> DriverManager.getConnection(elsewhere, "geoingest_bob", password))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied for database");
        }
    }
}
