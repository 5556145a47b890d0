-- Syncs declared by integrator routes (the geoingest-sync route template) carry the name they
-- were declared under, so that a restart or another replica finds its sync instead of adding one.
ALTER TABLE synchronizations ADD COLUMN declared_as text UNIQUE;

-- Files of watched directories (the geoingest-watch-directory template) while a replica hands
-- one to an import: the row is the claim, so that no two replicas import the same file.
CREATE TABLE file_claims (
    path       text        PRIMARY KEY,
    claimed_at timestamptz NOT NULL DEFAULT now()
);
