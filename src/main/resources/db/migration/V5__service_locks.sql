-- Locks between replicas (name picking, sync starts, provisioning) as rows here, out of the
-- accounts' reach: advisory locks would not do, since any account's SQL may take any of them.
CREATE TABLE locks (
    key text PRIMARY KEY
);
