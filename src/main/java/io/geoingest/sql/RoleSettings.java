package io.geoingest.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;

/**
 * The second line of defence against an account changing its own database role: SQL put together
 * at run time ({@code EXECUTE 'ALTER ' || 'ROLE ...'}) escapes {@link RoleStatements}. Read in
 * the account's transaction when it starts and again just before it commits: the role's row of
 * pg_roles (attributes, settings), its settings of every database (pg_db_role_setting), its
 * default privileges and its memberships. Its password is in pg_authid, which neither the account
 * nor a service that is no superuser may read; but whatever writes pg_authid in a transaction
 * keeps a lock on it until the end, which pg_locks shows. Every name, operator and type is
 * qualified with pg_catalog (session_user is a keyword), so nothing the account made, in its
 * schema or in pg_temp, with whatever search_path it set, can stand in for the catalog's.
 */
final class RoleSettings {
    /** A SQL expression: all the above of the session's role, as one text. */
    static final String SNAPSHOT = "(SELECT pg_catalog.concat_ws(' | ', r::pg_catalog.text,"
            + " (SELECT pg_catalog.string_agg(s::pg_catalog.text, ' ' ORDER BY s::pg_catalog.text)"
            + " FROM pg_catalog.pg_db_role_setting s WHERE s.setrole OPERATOR(pg_catalog.=) r.oid),"
            + " (SELECT pg_catalog.string_agg(d::pg_catalog.text, ' ' ORDER BY d::pg_catalog.text)"
            + " FROM pg_catalog.pg_default_acl d WHERE d.defaclrole OPERATOR(pg_catalog.=) r.oid),"
            + " (SELECT pg_catalog.string_agg(m::pg_catalog.text, ' ' ORDER BY m::pg_catalog.text)"
            + " FROM pg_catalog.pg_auth_members m WHERE r.oid OPERATOR(pg_catalog.=) ANY (ARRAY[m.member, m.roleid])))"
            + " FROM pg_catalog.pg_roles r WHERE r.rolname OPERATOR(pg_catalog.=) SESSION_USER)";
    /** Whether this transaction wrote pg_authid: a lock stronger than a read's, held until its end. */
    private static final String AUTHID_WRITTEN = "EXISTS (SELECT FROM pg_catalog.pg_locks l"
            + " WHERE l.pid OPERATOR(pg_catalog.=) pg_catalog.pg_backend_pid()"
            + " AND l.locktype OPERATOR(pg_catalog.=) 'relation'"
            + " AND l.relation OPERATOR(pg_catalog.=) 'pg_catalog.pg_authid'::pg_catalog.regclass"
            + " AND l.mode OPERATOR(pg_catalog.<>) 'AccessShareLock')";

    private final String atStart;

    /** {@code atStart}: {@link #SNAPSHOT} as the transaction read it first. */
    RoleSettings(String atStart) {
        this.atStart = atStart;
    }

    /** Fails (403; the caller rolls back) when the transaction changed the role since it started. */
    void requireUnchanged(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + SNAPSHOT + ", " + AUTHID_WRITTEN)) {
            rs.next();
            if (!Objects.equals(atStart, rs.getString(1)) || rs.getBoolean(2)) {
                throw new SqlFailure(403, "permission denied: the statement changed a database role or its settings,"
                        + " which the SQL API does not do; it was rolled back");
            }
        }
    }
}
