package io.geoingest.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.geoingest.accounts.AccountProvisioner;
import io.geoingest.testing.TestDatabases;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An account cannot change its own database role through the SQL API: not its password (its
 * pool logs in with the service's one, and a password of its own would let it log in past the
 * API's rules), not its settings, default privileges or memberships (every later session of the
 * role would follow them). Spelled out, such statements are refused before the database sees
 * them; built at run time (dynamic SQL), they are rolled back before commit. Either way the
 * account's role is as it was, and its pool and fresh logins keep working.
 */
class RoleChangesApiTest extends SqlApiTestSupport {
    private static final String ROLE = "geoingest_bob";
    private static final String SPELLED_OUT = "permission denied for ";
    private static final String ROLLED_BACK = "changed a database role or its settings";

    @Autowired
    private AccountProvisioner provisioner;

    private Map<String, Object> before;

    @BeforeEach
    void recordTheRole() throws Exception {
        before = roleState();
    }

    /** Should a change ever get through, the role is set up again, so that no other test inherits it. */
    @AfterEach
    void restoreTheRole() throws Exception {
        Map<String, Object> after = roleState();
        try (Connection c = TestDatabases.postgres(); Statement s = c.createStatement()) {
            s.execute("ALTER ROLE " + ROLE + " RESET ALL");
            s.execute("ALTER ROLE " + ROLE + " IN DATABASE postgres RESET ALL");
            s.execute("ALTER DEFAULT PRIVILEGES FOR ROLE " + ROLE + " REVOKE ALL ON TABLES FROM PUBLIC");
        }
        provisioner.afterPropertiesSet();
        assertThat(after).as("the role after the test").isEqualTo(before);
    }

    /** Everything of the role an account could change about itself, as the service reads it. */
    private static Map<String, Object> roleState() throws Exception {
        return rows("SELECT r.rolconfig::text AS config,"
                + " (SELECT string_agg(s::text, ' ' ORDER BY s::text) FROM pg_db_role_setting s WHERE s.setrole = r.oid) AS settings,"
                + " (SELECT string_agg(d::text, ' ' ORDER BY d::text) FROM pg_default_acl d WHERE d.defaclrole = r.oid) AS acl,"
                + " (SELECT string_agg(m::text, ' ' ORDER BY m::text) FROM pg_auth_members m"
                + " WHERE r.oid IN (m.member, m.roleid)) AS members"
                + " FROM pg_roles r WHERE r.rolname = '" + ROLE + "'").get(0);
    }

    private void refused(String q, String message) throws Exception {
        Answer a = sql(BOB_KEY, q);
        assertThat(a.status()).as("%s -> %s", q, a.text()).isEqualTo(403);
        assertThat(a.error()).as(q).contains(message);
        assertStillWorks();
    }

    /** The pool answers, and a fresh login with the service's password (what a new pool connection does) works. */
    private void assertStillWorks() throws Exception {
        assertThat(sqlOk(BOB_KEY, "SELECT 1 AS one").get("rows").get(0).get("one").asInt()).isEqualTo(1);
        try (Connection c = connections.openReadOnly(account("bob")); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT session_user")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(ROLE);
        }
        assertThat(roleState()).isEqualTo(before);
    }

    @Test
    void roleStatementsAreRefusedBeforeTheDatabaseSeesThem() throws Exception {
        String[][] statements = {
                {"ALTER ROLE geoingest_bob PASSWORD 'mine'", "ALTER ROLE"},
                {"ALTER ROLE geoingest_bob SET search_path = alice, public", "ALTER ROLE"},
                {"alter role geoingest_bob set search_path = alice, public", "ALTER ROLE"},
                {"ALTER/**/ROLE geoingest_bob PASSWORD 'mine'", "ALTER ROLE"},
                {"/* first */ ALTER -- then\n ROLE geoingest_bob PASSWORD 'mine';", "ALTER ROLE"},
                {"ALTER ROLE \"geoingest_bob\" PASSWORD 'mine'", "ALTER ROLE"},
                {"ALTER ROLE CURRENT_USER PASSWORD 'mine'", "ALTER ROLE"},
                {"ALTER ROLE SESSION_USER SET work_mem = '1GB'", "ALTER ROLE"},
                {"ALTER ROLE geoingest_bob IN DATABASE postgres SET search_path = alice", "ALTER ROLE"},
                {"ALTER ROLE geoingest_bob RESET ALL", "ALTER ROLE"},
                {"ALTER ROLE ALL SET search_path = alice", "ALTER ROLE"},
                // What psql's \password sends.
                {"ALTER USER geoingest_bob PASSWORD 'SCRAM-SHA-256$4096:c2FsdA==$a2V5:c2VydmVy'", "ALTER USER"},
                {"ALTER GROUP geoingest_bob ADD USER geoingest_alice", "ALTER GROUP"},
                {"ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO PUBLIC", "ALTER DEFAULT PRIVILEGES"},
                {"ALTER DATABASE postgres SET search_path = alice", "ALTER DATABASE"},
                {"ALTER SYSTEM SET work_mem = '1GB'", "ALTER SYSTEM"},
                {"CREATE ROLE planted LOGIN PASSWORD 'mine'", "CREATE ROLE"},
                {"CREATE USER planted PASSWORD 'mine'", "CREATE USER"},
                {"CREATE GROUP planted", "CREATE GROUP"},
                {"DROP ROLE IF EXISTS planted", "DROP ROLE"},
                {"DROP USER planted", "DROP USER"},
                {"DROP GROUP planted", "DROP GROUP"},
                {"GRANT geoingest_bob TO geoingest_alice", "GRANT"},
                {"GRANT \"geoingest_bob\" TO geoingest_alice WITH ADMIN OPTION", "GRANT"},
                {"REVOKE geoingest_bob FROM geoingest_alice", "REVOKE"},
                {"REVOKE ADMIN OPTION FOR geoingest_bob FROM geoingest_alice", "REVOKE"}};
        for (String[] s : statements) {
            refused(s[0], SPELLED_OUT + s[1]);
        }
    }

    @Test
    void roleStatementsInBodiesOfCodeAreRefusedToo() throws Exception {
        String f = "bob." + unique("f");
        List<String> statements = List.of(
                "DO $$ BEGIN ALTER ROLE geoingest_bob PASSWORD 'mine'; END $$",
                "DO $body$ BEGIN IF true THEN alter/**/role current_user set search_path = alice; END IF; END $body$",
                "DO 'BEGIN ALTER ROLE geoingest_bob PASSWORD ''mine''; END'",
                "DO LANGUAGE plpgsql $$ BEGIN EXECUTE 'ALTER ROLE geoingest_bob PASSWORD ''mine'''; END $$",
                "DO $$ BEGIN EXECUTE format('ALTER ROLE %I PASSWORD %L', current_user, 'mine'); END $$",
                "DO $$ BEGIN PERFORM 1; EXECUTE 'EXECUTE ''x'''; EXCEPTION WHEN others THEN ALTER ROLE geoingest_bob RESET ALL; END $$",
                "DO $$ BEGIN EXECUTE 'GRANT geoingest_bob TO geoingest_alice'; END $$",
                "CREATE FUNCTION " + f + "() RETURNS void LANGUAGE plpgsql AS $$ BEGIN"
                        + " EXECUTE 'ALTER ROLE geoingest_bob PASSWORD ''mine'''; END $$",
                "CREATE OR REPLACE FUNCTION " + f + "() RETURNS void LANGUAGE sql AS"
                        + " 'SELECT 1; ALTER ROLE geoingest_bob SET search_path = alice'",
                "CREATE PROCEDURE " + f + "() LANGUAGE plpgsql AS $$ BEGIN LOOP"
                        + " ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO PUBLIC; EXIT; END LOOP; END $$");
        for (String q : statements) {
            refused(q, SPELLED_OUT);
        }
    }

    @Test
    void rolesChangedByDynamicSqlAreRolledBack() throws Exception {
        String f = "bob." + unique("sneak");
        // Concatenated at run time: no reading of the text can see these.
        sqlOk(BOB_KEY, "CREATE FUNCTION " + f + "(what text) RETURNS SETOF int LANGUAGE plpgsql AS $$"
                + " BEGIN EXECUTE 'ALTER ' || what; RETURN; END $$");
        try {
            List<String> changes = List.of("ROLE geoingest_bob PASSWORD 'mine'",
                    "ROLE geoingest_bob SET search_path = alice, public",
                    "ROLE geoingest_bob IN DATABASE postgres SET search_path = alice",
                    "ROLE current_user SET work_mem = '64MB'",
                    "DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO PUBLIC");
            for (String change : changes) {
                refused("SELECT * FROM " + f + "('" + change.replace("'", "''") + "')", ROLLED_BACK);
                refused("DO $$ BEGIN EXECUTE 'ALTER ' || '" + change.replace("'", "''") + "'; END $$", ROLLED_BACK);
                HttpResponse<byte[]> copy = client.send(HttpRequest.newBuilder(URI.create(url("/api/v2/sql/copyto?api_key="
                        + BOB_KEY + "&q=" + enc("COPY (SELECT * FROM " + f + "('" + change.replace("'", "''")
                        + "')) TO STDOUT")))).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                assertThat(copy.statusCode()).as("COPY TO " + change).isEqualTo(403);
                assertThat(json.readTree(copy.body()).get("error").get(0).asText()).contains(ROLLED_BACK);
                assertStillWorks();
            }
            // Changed and put back within the statement: the password was still written.
            refused("DO $$ BEGIN EXECUTE 'ALTER ' || 'ROLE geoingest_bob PASSWORD ''mine''';"
                    + " EXECUTE 'ALTER ' || 'ROLE geoingest_bob PASSWORD NULL'; END $$", ROLLED_BACK);
        } finally {
            sqlOk(BOB_KEY, "DROP FUNCTION " + f + "(text)");
        }
        awaitConnectionsReturned("bob");
    }

    @Test
    void statementsThatOnlyMentionRolesStillRun() throws Exception {
        String t = unique("roles");
        sqlOk(BOB_KEY, "CREATE TABLE " + t + " (role text, note text)");
        sqlOk(BOB_KEY, "INSERT INTO " + t + " VALUES ('admin', 'ALTER ROLE x PASSWORD y is refused')");
        sqlOk(BOB_KEY, "UPDATE " + t + " SET role = 'grant', note = $$DROP ROLE$$");
        sqlOk(BOB_KEY, "SELECT 'alter role' AS \"ALTER ROLE\", role FROM " + t);
        sqlOk(BOB_KEY, "GRANT SELECT ON " + t + " TO geoingest_alice");
        sqlOk(BOB_KEY, "REVOKE SELECT ON " + t + " FROM geoingest_alice");
        sqlOk(BOB_KEY, "DO $$ BEGIN RAISE NOTICE 'roles are left alone'; END $$");
        sqlOk(BOB_KEY, "SELECT current_setting('search_path') AS p, pg_has_role('geoingest_alice', 'MEMBER') AS m");
        assertStillWorks();
    }
}
