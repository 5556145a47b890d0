-- How far a running import has got, written apart from its own (uncommitted) transaction so that
-- every replica can show it: rows loaded so far, and bytes of its data files read of their total
-- (null for sources without files).
ALTER TABLE imports ADD COLUMN progress_rows bigint NOT NULL DEFAULT 0,
                    ADD COLUMN progress_bytes_read bigint,
                    ADD COLUMN progress_bytes_total bigint;
