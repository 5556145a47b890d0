package io.geoingest.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Which statements read as changing a role (RoleChangesApiTest runs them against the database). */
class RoleStatementsTest {

    private static void refused(String sql, String command) {
        assertThatThrownBy(() -> RoleStatements.refuse(SqlTokens.single(sql).tokens())).as(sql)
                .isInstanceOf(SqlFailure.class).hasMessageStartingWith("permission denied for " + command + ":")
                .satisfies(e -> assertThat(((SqlFailure) e).status()).isEqualTo(403));
    }

    private static void passes(String sql) {
        assertThatCode(() -> RoleStatements.refuse(SqlTokens.single(sql).tokens())).as(sql).doesNotThrowAnyException();
    }

    @Test
    void codeNestedInStringsIsReadAtEveryDepth() {
        refused("DO $a$ BEGIN EXECUTE $b$ EXECUTE 'alter user x password ''y''' $b$; END $a$", "ALTER USER");
        refused("CREATE OR REPLACE FUNCTION f() RETURNS void LANGUAGE plpgsql AS 'BEGIN"
                + " EXECUTE ''ALTER ROLE x PASSWORD ''''y''''''; END'", "ALTER ROLE");
        refused("DO $$ BEGIN CASE WHEN true THEN drop role x; ELSE NULL; END CASE; END $$", "DROP ROLE");
        refused("DO $$ BEGIN RAISE NOTICE 'it''s'; CREATE /* c */ ROLE x; END $$", "CREATE ROLE");
    }

    @Test
    void grantsOfPrivilegesAreNotGrantsOfRoles() {
        passes("GRANT SELECT (a, b) ON t TO geoingest_alice");
        passes("REVOKE GRANT OPTION FOR ALL PRIVILEGES ON ALL TABLES IN SCHEMA bob FROM PUBLIC");
        refused("REVOKE ADMIN OPTION FOR geoingest_bob FROM geoingest_alice CASCADE", "REVOKE");
        refused("DO $$ BEGIN GRANT a, b TO c; END $$", "GRANT");
    }

    @Test
    void wordsAndStringsOutsideCodeAreData() {
        passes("SELECT 'ALTER ROLE x' AS \"alter role\"");
        passes("INSERT INTO t (role, grant_to) VALUES ($$DROP ROLE x$$, 'GRANT x TO y')");
        passes("UPDATE t SET role = 'grant' WHERE alter_role = 'create role'");
        passes("CREATE TABLE t AS SELECT 1 AS role");
        passes("COMMENT ON TABLE t IS 'ALTER ROLE is refused'");
    }
}
