package io.geoingest.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The second line of defence against an account changing its own database role: SQL put together
 * at run time ({@code EXECUTE 'ALTER ' || 'ROLE ...'}) escapes {@link RoleStatements}. Run in
 * the account's transaction just before it commits. A transaction that wrote nothing (no
 * transaction id) changed nothing: one short query. One that wrote compares what it sees of the
 * role with what the service's own session sees, the committed state: its settings of every
 * database (pg_db_role_setting, the rolconfig of pg_roles among them), its default privileges and
 * its memberships, values whose text does not depend on the session's settings (time zone...).
 * The other attribute a role may change about itself is its password, in pg_authid, which neither
 * the account nor a service that is no superuser may read; but whatever writes pg_authid keeps a
 * lock on it until the transaction ends, which pg_locks shows. In the account's session every name,
 * operator and type is qualified with pg_catalog, so nothing the account made, in its schema or
 * in pg_temp, with whatever search_path it set, can stand in for the catalog's.
 */
@Component
public class RoleChangeCheck {
    private static final String WROTE = "SELECT pg_catalog.pg_current_xact_id_if_assigned() IS NOT NULL";
    /** All the above of one role ({@code ?}), as one text. */
    private static final String SNAPSHOT = "(SELECT pg_catalog.concat_ws(' | ',"
            + " (SELECT pg_catalog.string_agg(s::pg_catalog.text, ' ' ORDER BY s::pg_catalog.text)"
            + " FROM pg_catalog.pg_db_role_setting s WHERE s.setrole OPERATOR(pg_catalog.=) r.oid),"
            + " (SELECT pg_catalog.string_agg(d::pg_catalog.text, ' ' ORDER BY d::pg_catalog.text)"
            + " FROM pg_catalog.pg_default_acl d WHERE d.defaclrole OPERATOR(pg_catalog.=) r.oid),"
            + " (SELECT pg_catalog.string_agg(m::pg_catalog.text, ' ' ORDER BY m::pg_catalog.text)"
            + " FROM pg_catalog.pg_auth_members m WHERE r.oid OPERATOR(pg_catalog.=) ANY (ARRAY[m.member, m.roleid])))"
            + " FROM pg_catalog.pg_roles r WHERE r.rolname OPERATOR(pg_catalog.=) ?::pg_catalog.text::pg_catalog.name)";
    /** Whether this transaction wrote pg_authid: a lock stronger than a read's, held until its end. */
    private static final String AUTHID_WRITTEN = "EXISTS (SELECT FROM pg_catalog.pg_locks l"
            + " WHERE l.pid OPERATOR(pg_catalog.=) pg_catalog.pg_backend_pid()"
            + " AND l.locktype OPERATOR(pg_catalog.=) 'relation'"
            + " AND l.relation OPERATOR(pg_catalog.=) 'pg_catalog.pg_authid'::pg_catalog.regclass"
            + " AND l.mode OPERATOR(pg_catalog.<>) 'AccessShareLock')";

    private final JdbcTemplate service;

    public RoleChangeCheck(JdbcTemplate service) {
        this.service = service;
    }

    /** Fails (403; the caller rolls back) when the account's open transaction changed its role. */
    void requireUnchanged(Connection account, String role) throws SQLException {
        try (Statement s = account.createStatement(); ResultSet rs = s.executeQuery(WROTE)) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return;
            }
        }
        try (PreparedStatement ps = account.prepareStatement("SELECT " + SNAPSHOT + ", " + AUTHID_WRITTEN)) {
            ps.setString(1, role);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                String committed = service.queryForObject("SELECT " + SNAPSHOT, String.class, role);
                if (!Objects.equals(committed, rs.getString(1)) || rs.getBoolean(2)) {
                    throw new SqlFailure(403, "permission denied: the statement changed a database role or its"
                            + " settings, which the SQL API does not do; it was rolled back");
                }
            }
        }
    }
}
