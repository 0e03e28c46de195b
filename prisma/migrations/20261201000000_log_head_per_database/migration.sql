-- The log head waits only for appenders of this database. pg_stat_activity lists the whole
-- cluster: an appender of another database on the same server (another Catchup, a test run
-- beside this one) held this log's head back while its own appends were in flight, though
-- it can never draw one of this log's positions.
CREATE OR REPLACE FUNCTION catchup_log_head()
RETURNS TABLE (head bigint, fence text, xmin text, appending text)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    snapshot_xmin xid8 := pg_snapshot_xmin(pg_current_snapshot());
    last_drawn bigint;
    appenders text;
BEGIN
    SELECT CASE WHEN is_called THEN last_value ELSE 0 END INTO last_drawn FROM events_position_seq;
    -- Without track_activities the list cannot be trusted: NULL, and only xmin settles.
    IF current_setting('track_activities')::boolean THEN
        SELECT coalesce(string_agg(a.backend_xid::text, ','), '') INTO appenders
        FROM pg_stat_activity a
        WHERE a.application_name = 'catchup-append' AND a.backend_xid IS NOT NULL AND a.pid <> pg_backend_pid()
          AND a.datname = current_database();
    END IF;
    RETURN QUERY SELECT last_drawn, pg_current_xact_id()::text, snapshot_xmin::text, appenders;
END
$$;
