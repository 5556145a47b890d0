package io.geoingest.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Users' SQL runs logged in as their account's role: it reaches neither another account's data,
 * nor geoingest's own tables, nor the catalog's secrets, nor the server's files and programs,
 * whatever it tries (the COPY checker is bypassed here on purpose through the query endpoint).
 */
class ConfinementApiTest extends SqlApiTestSupport {

    private void denied(String key, String q, String message) throws Exception {
        Answer a = sql(key, q);
        assertThat(a.status()).as("%s -> %s", q, a.text()).isEqualTo(403);
        assertThat(a.error()).contains(message);
    }

    /** Not even there: the account's database holds no such relation (or schema). */
    private void absent(String key, String q, String relation) throws Exception {
        Answer a = sql(key, q);
        assertThat(a.status()).as("%s -> %s", q, a.text()).isEqualTo(400);
        assertThat(a.error()).contains("\"" + relation + "\" does not exist");
    }

    private HttpResponse<byte[]> copyTo(String key, String q) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url("/api/v2/sql/copyto?api_key=" + key + "&q=" + enc(q))))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void theSessionIsTheAccountsRoleNotTheService() throws Exception {
        assertThat(sqlOk(ALICE_KEY, "SELECT session_user AS s, current_user AS c").get("rows").get(0).toString())
                .isEqualTo("{\"s\":\"geoingest_alice\",\"c\":\"geoingest_alice\"}");
    }

    @Test
    void noWayBackToTheServiceRole() throws Exception {
        // RESET ROLE is allowed but leads nowhere: the session's own user is the account's role.
        sqlOk(ALICE_KEY, "RESET ROLE");
        absent(ALICE_KEY, "SELECT count(*) FROM geoingest.imports", "geoingest.imports");
        denied(ALICE_KEY, "SET ROLE geoingest", "permission denied to set role \"geoingest\"");
        denied(ALICE_KEY, "SELECT set_config('role', 'geoingest', false)", "permission denied to set role \"geoingest\"");
        absent(ALICE_KEY, "SELECT set_config('role', 'geoingest', false), (SELECT count(*) FROM geoingest.imports)",
                "geoingest.imports");
        denied(ALICE_KEY, "SET SESSION AUTHORIZATION geoingest", "permission denied to set session authorization");
        denied(ALICE_KEY, "SET ROLE geoingest_bob", "permission denied to set role \"geoingest_bob\"");
        HttpResponse<byte[]> internal = copyTo(ALICE_KEY, "COPY (SELECT * FROM geoingest.imports) TO STDOUT");
        assertThat(internal.statusCode()).isEqualTo(400);
        assertThat(json.readTree(internal.body()).get("error").get(0).asText())
                .contains("\"geoingest.imports\" does not exist");
        awaitConnectionsReturned("alice");
    }

    @Test
    void anotherAccountsTablesAreOutOfReach() throws Exception {
        String table = unique("private");
        sqlOk(BOB_KEY, "CREATE TABLE " + table + " AS SELECT 'secret' AS s");
        // Bob's schema is in his own database: in Alice's there is no such schema at all.
        HttpResponse<byte[]> copy = copyTo(ALICE_KEY, "COPY bob." + table + " TO STDOUT");
        assertThat(copy.statusCode()).isEqualTo(400);
        assertThat(json.readTree(copy.body()).get("error").get(0).asText()).isEqualTo("schema \"bob\" does not exist");
        absent(ALICE_KEY, "SELECT * FROM bob." + table, "bob." + table);
        absent(ALICE_KEY, "DROP TABLE bob." + table, "bob");
        absent(ALICE_KEY, "SELECT CDB_CartodbfyTable('bob." + table + "')", "bob");
        absent(ALICE_KEY, "SELECT CDB_CartodbfyTable('alice', 'bob." + table + "')", "bob");
        assertThat(copyTo(BOB_KEY, "COPY bob." + table + " TO STDOUT").statusCode()).isEqualTo(200);
    }

    @Test
    void catalogSecretsAndSharedSchemasAreClosed() throws Exception {
        HttpResponse<byte[]> authid = copyTo(ALICE_KEY, "COPY pg_authid TO STDOUT");
        assertThat(authid.statusCode()).isEqualTo(403);
        assertThat(json.readTree(authid.body()).get("error").get(0).asText()).isEqualTo("permission denied for table pg_authid");
        denied(ALICE_KEY, "SELECT rolpassword FROM pg_authid", "permission denied for table pg_authid");
        // Nothing can be planted in public for other accounts (or the service) to run.
        denied(ALICE_KEY, "CREATE TABLE public.planted (a int)", "permission denied for schema public");
        denied(ALICE_KEY, "CREATE FUNCTION public.st_transform(g text, s int) RETURNS text LANGUAGE sql AS 'SELECT g'",
                "permission denied for schema public");
        denied(ALICE_KEY, "CREATE OR REPLACE FUNCTION public.cdb_cartodbfytable(reloid regclass) RETURNS regclass"
                + " LANGUAGE sql AS 'SELECT reloid'", "permission denied for schema public");
        denied(ALICE_KEY, "SELECT CDB_CartodbfyTable('spatial_ref_sys')", "must be owner of table spatial_ref_sys");
    }

    @Test
    void serverFilesAndProgramsAreTheDatabasesToRefuse() throws Exception {
        String table = unique("files");
        sqlOk(ALICE_KEY, "CREATE TABLE " + table + " (line text)");
        denied(ALICE_KEY, "COPY " + table + " FROM '/etc/passwd'", "pg_read_server_files");
        denied(ALICE_KEY, "COPY (SELECT 1) TO '/tmp/geoingest-planted'", "pg_write_server_files");
        denied(ALICE_KEY, "COPY " + table + " FROM PROGRAM 'id'", "pg_execute_server_program");
        denied(ALICE_KEY, "SELECT pg_read_file('/etc/passwd')", "permission denied for function pg_read_file");
        denied(ALICE_KEY, "SELECT lo_import('/etc/passwd')", "permission denied for function lo_import");
        // dblink and postgres_fdw would open connections as the server, past every address check.
        denied(ALICE_KEY, "CREATE EXTENSION IF NOT EXISTS dblink", "permission denied");
        denied(ALICE_KEY, "CREATE EXTENSION IF NOT EXISTS postgres_fdw", "permission denied");
        assertThat(scalar("SELECT count(*) FROM alice." + table)).isEqualTo(0L);
    }

    @Test
    void functionsAnAccountCreatesNeverRunInTheServicesImports(@TempDir Path dir) throws Exception {
        // Each would hijack the import's session (the service's, under SET ROLE) if our SQL resolved
        // to it: reset the role to the service and record who it had become.
        String log = unique("hijacked");
        sqlOk(ALICE_KEY, "CREATE TABLE " + log + " (who text, via text)");
        List<String> traps = List.of("hashtext(v varchar) RETURNS int", "hashtext(v text) RETURNS int",
                "setval(s text, v bigint, c boolean) RETURNS bigint", "nextval(s text) RETURNS bigint",
                "st_transform(g geometry, s integer) RETURNS geometry", "format_type(t oid, m integer) RETURNS text");
        for (String trap : traps) {
            String name = trap.substring(0, trap.indexOf('('));
            sqlOk(ALICE_KEY, "CREATE FUNCTION alice." + trap + " LANGUAGE plpgsql AS $$ BEGIN"
                    + " PERFORM set_config('role', 'none', true);"
                    + " INSERT INTO alice." + log + " VALUES (current_user, '" + name + "'); RETURN NULL; END $$");
        }
        try {
            Path csv = dir.resolve(unique("victim") + ".csv");
            Files.writeString(csv, "cartodb_id,name,lon,lat\n1,a,1,2\n2,b,3,4\n");
            assertComplete(importFile(ALICE_KEY, csv, null));
            assertComplete(importFile(ALICE_KEY, csv, null));
            assertThat(rows("SELECT * FROM alice." + log)).isEmpty();
        } finally {
            for (String trap : traps) {
                sqlOk(ALICE_KEY, "DROP FUNCTION alice." + trap.substring(0, trap.indexOf(')') + 1));
            }
        }
    }

    @Test
    void accountRolesHoldNoPowerAndBelongToNoRole() throws Exception {
        for (String role : new String[] {"geoingest_alice", "geoingest_bob"}) {
            Map<String, Object> r = rows("SELECT rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls,"
                    + " rolcanlogin, pg_has_role(oid, 'pg_read_server_files', 'MEMBER') AS reads,"
                    + " pg_has_role(oid, 'pg_write_server_files', 'MEMBER') AS writes,"
                    + " pg_has_role(oid, 'pg_execute_server_program', 'MEMBER') AS runs,"
                    + " pg_has_role(oid, 'geoingest', 'MEMBER') AS service,"
                    + " (SELECT count(*) FROM pg_auth_members WHERE member = pg_roles.oid) AS memberships"
                    + " FROM pg_roles WHERE rolname = '" + role + "'").get(0);
            assertThat(r).as(role).containsEntry("rolsuper", false).containsEntry("rolcreaterole", false)
                    .containsEntry("rolcreatedb", false).containsEntry("rolreplication", false)
                    .containsEntry("rolbypassrls", false).containsEntry("rolcanlogin", true)
                    .containsEntry("reads", false).containsEntry("writes", false).containsEntry("runs", false)
                    .containsEntry("service", false).containsEntry("memberships", 0L);
        }
    }
}
