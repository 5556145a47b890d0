-- An import's end (complete or failure) is announced on the channel geoingest_import_ended, its
-- id the payload, when the transaction that ended it commits: whoever waits for it (the route
-- template geoingest-copy-sink, through ImportEnds) wakes then, whichever replica ran it.
CREATE FUNCTION notify_import_ended() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('geoingest_import_ended', NEW.id::text);
    RETURN NULL;
END
$$;

CREATE TRIGGER import_ended AFTER UPDATE OF state ON imports FOR EACH ROW
    WHEN (NEW.state IN ('complete', 'failure') AND OLD.state NOT IN ('complete', 'failure'))
    EXECUTE FUNCTION notify_import_ended();
