package io.geoingest.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.connectors.ConnectorRequest.Provider;
import io.geoingest.kernel.InvalidImportRequest;
import java.nio.charset.Charset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectorRequestParserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ConnectorRequestParser parser = new ConnectorRequestParser();

    private static ObjectNode mysql() throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"provider": "mysql",
                 "connection": {"server": "myserver.com", "database": "mydatabase",
                                "username": "myusername", "password": "mypassword"},
                 "table": "mytable", "encoding": "iso88591"}""");
    }

    private static ObjectNode postgres() throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"provider": "postgres",
                 "connection": {"server": "pgserver.com", "database": "pgdatabase",
                                "username": "pgusername", "password": "pgpassword"},
                 "schema": "public", "table": "pgtable"}""");
    }

    private ConnectorRequest parse(JsonNode n) {
        return parser.parse(n);
    }

    private void assertInvalid(JsonNode n, String message) {
        assertThatThrownBy(() -> parse(n)).isInstanceOf(InvalidImportRequest.class).hasMessage(message);
    }

    private static ObjectNode connection(ObjectNode n) {
        return (ObjectNode) n.get("connection");
    }

    @Test
    void mysqlTableWithDefaults() throws Exception {
        ConnectorRequest r = parse(mysql());
        assertThat(r.provider()).isEqualTo(Provider.MYSQL);
        assertThat(r.connection().server()).isEqualTo("myserver.com");
        assertThat(r.connection().port()).isEqualTo(3306);
        assertThat(r.connection().database()).isEqualTo("mydatabase");
        assertThat(r.connection().username()).isEqualTo("myusername");
        assertThat(r.connection().password()).isEqualTo("mypassword");
        assertThat(r.connection().sslmode()).isNull();
        assertThat(r.table()).isEqualTo("mytable");
        assertThat(r.sqlQuery()).isNull();
        assertThat(r.isQuery()).isFalse();
        assertThat(r.schema()).isNull();
        assertThat(r.remoteSchema()).isEqualTo("mydatabase");
        assertThat(r.name()).isEqualTo("mytable");
        assertThat(r.encoding()).isEqualTo("iso88591");
        assertThat(r.charset()).isEqualTo(Charset.forName("windows-1252"));
    }

    @Test
    void postgresTableWithDefaults() throws Exception {
        ObjectNode n = postgres();
        n.remove("schema");
        ConnectorRequest r = parse(n);
        assertThat(r.provider()).isEqualTo(Provider.POSTGRES);
        assertThat(r.connection().port()).isEqualTo(5432);
        assertThat(r.connection().sslmode()).isEqualTo("require");
        assertThat(r.remoteSchema()).isEqualTo("public");
        assertThat(r.name()).isEqualTo("pgtable");
        assertThat(r.encoding()).isNull();
    }

    @Test
    void explicitSchemaAndImportAs() throws Exception {
        ObjectNode n = postgres();
        n.put("schema", "other");
        n.put("import_as", "renamed");
        ConnectorRequest r = parse(n);
        assertThat(r.remoteSchema()).isEqualTo("other");
        assertThat(r.table()).isEqualTo("pgtable");
        assertThat(r.name()).isEqualTo("renamed");
    }

    @Test
    void portsAndNumbersAsStrings() throws Exception {
        ObjectNode n = postgres();
        connection(n).put("port", "6543");
        assertThat(parse(n).connection().port()).isEqualTo(6543);
        connection(n).put("port", 6544);
        assertThat(parse(n).connection().port()).isEqualTo(6544);
        connection(n).put("port", " 6545 ");
        assertThat(parse(n).connection().port()).isEqualTo(6545);
        connection(n).put("password", 12345);
        assertThat(parse(n).connection().password()).isEqualTo("12345");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "65536", "-1", "abc", "80.5", "3306; drop"})
    void invalidPorts(String port) throws Exception {
        ObjectNode n = mysql();
        connection(n).put("port", port);
        assertInvalid(n, "Invalid parameters: port");
    }

    @Test
    void sqlQueryNeedsImportAs() throws Exception {
        ObjectNode n = mysql();
        n.remove("table");
        n.put("sql_query", "SELECT * FROM remote_table WHERE value = 1");
        assertInvalid(n, "The import_as parameter is required to name the sql_query results");
        n.put("import_as", "mytable");
        ConnectorRequest r = parse(n);
        assertThat(r.isQuery()).isTrue();
        assertThat(r.table()).isNull();
        assertThat(r.sqlQuery()).isEqualTo("SELECT * FROM remote_table WHERE value = 1");
        assertThat(r.name()).isEqualTo("mytable");
    }

    @Test
    void aPostgresQueryMustBeOneStatement() throws Exception {
        ObjectNode n = postgres();
        n.remove("table");
        n.put("import_as", "q");
        n.put("sql_query", "SELECT 1; -- the end\n;\n");
        assertThat(parse(n).sqlQuery()).isEqualTo("SELECT 1; -- the end\n;\n"); // kept as given
        n.put("sql_query", "SELECT 1 AS one) s; COMMIT; COPY (SELECT 1) TO PROGRAM 'x'; SELECT (1");
        assertInvalid(n, "The sql_query parameter must be a single statement: nothing but comments may follow a semicolon");
        n.put("table", "legacy"); // the legacy form is checked too
        n.remove("import_as");
        assertThatThrownBy(() -> parse(n)).hasMessageContaining("single statement");

        ObjectNode m = mysql(); // MySQL's server refuses several statements itself (allowMultiQueries=false)
        m.remove("table");
        m.put("import_as", "q");
        m.put("sql_query", "SELECT 1; SELECT 2");
        assertThat(parse(m).sqlQuery()).isEqualTo("SELECT 1; SELECT 2");
    }

    @Test
    void legacyTableNamesTheQueryResult() throws Exception {
        ObjectNode n = postgres();
        n.put("sql_query", "SELECT * FROM remote_table WHERE value = 1");
        ConnectorRequest r = parse(n);
        assertThat(r.isQuery()).isTrue();
        assertThat(r.table()).isNull();
        assertThat(r.importAs()).isEqualTo("pgtable");
        assertThat(r.name()).isEqualTo("pgtable");
    }

    @Test
    void tableSqlQueryAndImportAsTogetherAreRefused() throws Exception {
        ObjectNode n = postgres();
        n.put("sql_query", "SELECT 1");
        n.put("import_as", "x");
        assertThatThrownBy(() -> parse(n)).isInstanceOf(InvalidImportRequest.class)
                .hasMessageContaining("table").hasMessageContaining("sql_query");
    }

    @Test
    void tableOrQueryIsRequired() throws Exception {
        ObjectNode n = mysql();
        n.remove("table");
        assertInvalid(n, "The table parameter is required if no sql_query parameter is provided");
        n.put("table", "  ");
        n.put("sql_query", "");
        assertInvalid(n, "The table parameter is required if no sql_query parameter is provided");
    }

    @Test
    void missingRequiredParameters() throws Exception {
        ObjectNode n = mysql();
        connection(n).remove("server");
        assertInvalid(n, "Missing required parameters: connection.server");

        n = postgres();
        connection(n).remove("server");
        connection(n).remove("username");
        connection(n).put("database", "");
        assertInvalid(n, "Missing required parameters: connection.server, connection.database, connection.username");

        n = mysql();
        connection(n).remove("password");
        assertInvalid(n, "Missing required parameters: connection.password");

        n = mysql();
        n.remove("connection");
        assertInvalid(n, "Missing required parameters: connection");

        n = mysql();
        n.remove("provider");
        assertInvalid(n, "Missing required parameters: provider");

        assertInvalid(null, "Missing required parameters: connector");
    }

    @Test
    void passwordOptionalForPostgresAndEmptyAllowedForMysql() throws Exception {
        ObjectNode n = postgres();
        connection(n).remove("password");
        assertThat(parse(n).connection().password()).isNull();
        n = mysql();
        connection(n).put("password", "");
        assertThat(parse(n).connection().password()).isEmpty();
    }

    @Test
    void mysqlDatabaseMayBeGivenAsSchemaOrOmittedForQueries() throws Exception {
        ObjectNode n = mysql();
        connection(n).remove("database");
        assertInvalid(n, "Missing required parameters: connection.database");
        n.put("schema", "otherdb");
        ConnectorRequest r = parse(n);
        assertThat(r.connection().database()).isNull();
        assertThat(r.remoteSchema()).isEqualTo("otherdb");
        n.remove("schema");
        n.remove("table");
        n.put("sql_query", "SELECT * FROM db.t");
        n.put("import_as", "t");
        assertThat(parse(n).connection().database()).isNull();
    }

    @ParameterizedTest
    @CsvSource({"require,require", "prefer,prefer", "disable,disable", "REQUIRE,require", " Prefer ,prefer"})
    void sslModes(String given, String expected) throws Exception {
        ObjectNode n = postgres();
        connection(n).put("sslmode", given);
        assertThat(parse(n).connection().sslmode()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"allow", "verify-full", "verify-ca", "off", "true"})
    void invalidSslModes(String mode) throws Exception {
        ObjectNode n = postgres();
        connection(n).put("sslmode", mode);
        assertInvalid(n, "Invalid parameters: sslmode");
    }

    @ParameterizedTest
    @CsvSource({"iso88591,windows-1252", "latin1,windows-1252", "LATIN1,windows-1252", "ISO-8859-1,windows-1252",
            "utf8,UTF-8", "UTF-8,UTF-8", "unicode,UTF-8", "win1252,windows-1252", "windows-1251,windows-1251",
            "LATIN9,ISO-8859-15", "iso885915,ISO-8859-15", "latin2,ISO-8859-2", "LATIN5,ISO-8859-9", "koi8,KOI8-R",
            "SJIS,windows-31j", "euc_jp,EUC-JP", "big5,Big5", "gbk,GBK", "win866,IBM866", "SQL_ASCII,US-ASCII"})
    void encodings(String encoding, String charset) throws Exception {
        ObjectNode n = mysql();
        n.put("encoding", encoding);
        ConnectorRequest r = parse(n);
        assertThat(r.encoding()).isEqualTo(encoding.trim());
        assertThat(r.charset()).isEqualTo(Charset.forName(charset));
    }

    @ParameterizedTest
    @ValueSource(strings = {"klingon", "utf16", "mule_internal", "latin6", "latin11"})
    void invalidEncodings(String encoding) throws Exception {
        ObjectNode n = mysql();
        n.put("encoding", encoding);
        assertInvalid(n, "Invalid parameters: encoding");
    }

    @Test
    void encodingIsIgnoredForPostgresAndSslmodeForMysql() throws Exception {
        ObjectNode n = postgres();
        n.put("encoding", "klingon");
        assertThat(parse(n).encoding()).isNull();
        n = mysql();
        connection(n).put("sslmode", "whatever");
        assertThat(parse(n).connection().sslmode()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"oracle", "odbc"})
    void unknownProvidersAreRefused(String provider) throws Exception {
        ObjectNode n = mysql();
        n.put("provider", provider);
        assertInvalid(n, "Provider not supported: " + provider);
    }

    @Test
    void eachProviderHasTheSeedsDefaultsAndRequiredParameters() throws Exception {
        ConnectorRequest sqlserver = parse((ObjectNode) JSON.readTree("""
                {"provider": "sqlserver", "connection": {"server": "h", "database": "d", "username": "u",
                 "password": "p"}, "table": "t", "encoding": "latin1"}"""));
        assertThat(sqlserver.connection().port()).isEqualTo(1433);
        assertThat(sqlserver.remoteSchema()).isEqualTo("dbo");
        assertThat(sqlserver.encoding()).isEqualTo("latin1");

        ConnectorRequest hive = parse((ObjectNode) JSON.readTree("""
                {"provider": "hive", "connection": {"server": "h", "username": "u"}, "table": "t"}"""));
        assertThat(hive.connection().port()).isEqualTo(10000);
        assertThat(hive.remoteSchema()).isEqualTo("default");

        ConnectorRequest redshift = parse((ObjectNode) JSON.readTree("""
                {"provider": "redshift", "connection": {"cluster": "c.example.com", "database": "d", "username": "u",
                 "password": "p"}, "table": "t"}"""));
        assertThat(redshift.connection().server()).isEqualTo("c.example.com");
        assertThat(redshift.connection().port()).isEqualTo(5439);
        assertThat(redshift.remoteSchema()).isEqualTo("public");
        assertThat(redshift.toJsonNode().get("connection").get("cluster").asText()).isEqualTo("c.example.com");
        assertInvalid((ObjectNode) JSON.readTree("""
                {"provider": "redshift", "connection": {"database": "d", "username": "u", "password": "p"},
                 "table": "t"}"""), "Missing required parameters: connection.cluster");

        ConnectorRequest snowflake = parse((ObjectNode) JSON.readTree("""
                {"provider": "snowflake", "connection": {"server": "acme.snowflakecomputing.com", "database": "D",
                 "username": "u", "password": "p", "warehouse": "WH"}, "table": "T"}"""));
        assertThat(snowflake.remoteSchema()).isEqualTo("PUBLIC");
        assertThat(snowflake.connection().warehouse()).isEqualTo("WH");
        assertInvalid((ObjectNode) JSON.readTree("""
                {"provider": "snowflake", "connection": {"server": "s", "database": "D", "username": "u",
                 "password": "p", "warehouse": "WH; DROP"}, "table": "T"}"""), "Invalid parameters: warehouse");

        assertInvalid((ObjectNode) JSON.readTree("""
                {"provider": "sqlserver", "connection": {"server": "h", "username": "u"}, "table": "t"}"""),
                "Missing required parameters: connection.database, connection.password");
    }

    @Test
    void bigQueryNeedsABillingProjectAndADatasetForTables() throws Exception {
        ConnectorRequest table = parse((ObjectNode) JSON.readTree("""
                {"provider": "bigquery", "billing_project": "my-billing", "dataset": "ds", "table": "t"}"""));
        assertThat(table.connection()).isNull();
        assertThat(table.bigquery().project()).isEqualTo("my-billing");
        assertThat(table.name()).isEqualTo("t");
        ConnectorRequest query = parse((ObjectNode) JSON.readTree("""
                {"provider": "bigquery", "billing_project": "my-billing", "project": "other-proj",
                 "sql_query": "SELECT 1", "import_as": "one"}"""));
        assertThat(query.bigquery().project()).isEqualTo("other-proj");
        assertInvalid((ObjectNode) JSON.readTree("""
                {"provider": "bigquery", "dataset": "ds", "table": "t"}"""), "Missing required parameters: billing_project");
        assertInvalid((ObjectNode) JSON.readTree("""
                {"provider": "bigquery", "billing_project": "my-billing", "table": "t"}"""),
                "Missing required parameters: dataset");
        assertInvalid((ObjectNode) JSON.readTree("""
                {"provider": "bigquery", "billing_project": "my-billing", "sql_query": "SELECT 1"}"""),
                "The import_as parameter is required to name the sql_query results");
        assertInvalid((ObjectNode) JSON.readTree("""
                {"provider": "bigquery", "billing_project": "x`; DROP", "dataset": "ds", "table": "t"}"""),
                "Invalid parameters: billing_project");
        assertThat(ConnectorRequest.fromJson(table.toJsonNode())).isEqualTo(table);
    }

    @Test
    void providerAndKeysAreCaseInsensitiveAndUnknownKeysIgnored() throws Exception {
        ObjectNode n = (ObjectNode) JSON.readTree("""
                {"Provider": "MySQL", "CONNECTION": {"Server": "h", "Username": "u", "Password": "p", "Database": "d",
                 "unknown": {"x": 1}}, "Table": "t", "colour": "blue", "interval": 3600}""");
        ConnectorRequest r = parse(n);
        assertThat(r.provider()).isEqualTo(Provider.MYSQL);
        assertThat(r.connection().server()).isEqualTo("h");
        assertThat(r.table()).isEqualTo("t");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1/evil", "host?sslmode=disable", "host&x=1", "host;x", "host#frag",
            "user@host", "host:3306", "-host", "ho st", "host/db?allowLoadLocalInfile=true", "[::1]/x", "a..b"})
    void hostileServersAreRefused(String server) throws Exception {
        ObjectNode n = mysql();
        connection(n).put("server", server);
        assertInvalid(n, "Invalid parameters: server");
    }

    @ParameterizedTest
    @CsvSource({"myserver.com,myserver.com", "127.0.0.1,127.0.0.1", "db_1.internal,db_1.internal",
            "::1,::1", "[2001:db8::1],2001:db8::1", " padded.example ,padded.example"})
    void validServers(String server, String expected) throws Exception {
        ObjectNode n = mysql();
        connection(n).put("server", server);
        assertThat(parse(n).connection().server()).isEqualTo(expected);
    }

    @Test
    void objectsWhereScalarsBelongAreInvalid() throws Exception {
        ObjectNode n = mysql();
        n.putObject("table").put("x", 1);
        assertInvalid(n, "Invalid parameters: table");
        n = mysql();
        n.put("connection", "server=x");
        assertInvalid(n, "Invalid parameters: connection");
    }

    @Test
    void passwordNeverInToString() throws Exception {
        ConnectorRequest r = parse(mysql());
        assertThat(r.toString()).doesNotContain("mypassword").contains("myserver.com").contains("mytable");
        assertThat(r.connection().toString()).doesNotContain("mypassword");
        assertThat(r.withoutPassword().connection().password()).isNull();
        assertThat(r.withoutPassword().toJson()).doesNotContain("password");
        assertThat(r.toJson()).contains("mypassword");
    }

    @Test
    void jsonRoundTrip() throws Exception {
        for (ObjectNode n : new ObjectNode[] {mysql(), postgres()}) {
            ConnectorRequest r = parse(n);
            assertThat(ConnectorRequest.fromJson(r.toJson())).isEqualTo(r);
            String viaJackson = JSON.writeValueAsString(r);
            assertThat(JSON.readTree(viaJackson)).isEqualTo(JSON.readTree(r.toJson()));
            assertThat(JSON.readValue(viaJackson, ConnectorRequest.class)).isEqualTo(r);
        }
        ObjectNode q = postgres();
        q.put("sql_query", "SELECT 1");
        ConnectorRequest legacy = parse(q);
        assertThat(ConnectorRequest.fromJson(legacy.toJson())).isEqualTo(legacy);
        JsonNode written = JSON.readTree(legacy.toJson());
        assertThat(written.get("import_as").asText()).isEqualTo("pgtable");
        assertThat(written.get("sql_query").asText()).isEqualTo("SELECT 1");
        assertThat(written.get("connection").get("sslmode").asText()).isEqualTo("require");
        assertThat(written.get("connection").get("port").asInt()).isEqualTo(5432);
    }
}
