-- The log head no longer waits for every older transaction in the cluster (a projector's
-- own batch, a slow report) before trusting a sample, only for older *appending* ones:
-- catchup_append marks its transaction (application_name, reverted at commit), and each
-- sample lists the xids of the transactions so marked. See src/core/log-head.ts.

CREATE OR REPLACE FUNCTION catchup_append(
    p_stream_id text,
    p_stream_type text,
    p_expected_version integer,
    p_events jsonb,
    p_command_id text,
    p_command_type text
) RETURNS TABLE (version integer, "position" bigint)
LANGUAGE plpgsql AS $$
DECLARE
    n integer := jsonb_array_length(p_events);
    last_position bigint;
BEGIN
    IF n = 0 THEN
        RAISE EXCEPTION 'catchup_append needs at least one event' USING ERRCODE = '22023';
    END IF;

    PERFORM pg_current_xact_id();
    -- Announce "this transaction appends" to the log head (see catchup_log_head), until commit.
    PERFORM set_config('application_name', 'catchup-append', true);

    IF p_expected_version = 0 THEN
        INSERT INTO streams (stream_id, stream_type, version)
        VALUES (p_stream_id, p_stream_type, n)
        ON CONFLICT (stream_id) DO NOTHING;
    ELSE
        UPDATE streams SET version = streams.version + n
        WHERE streams.stream_id = p_stream_id AND streams.version = p_expected_version;
    END IF;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'stream % is not at version %', p_stream_id, p_expected_version
            USING ERRCODE = 'CUCON';
    END IF;

    INSERT INTO events (stream_id, stream_type, version, type, data, metadata)
    SELECT p_stream_id, p_stream_type, p_expected_version + e.ord::integer,
           e.value ->> 'type', e.value -> 'data', e.value -> 'metadata'
    FROM jsonb_array_elements(p_events) WITH ORDINALITY AS e(value, ord)
    ORDER BY e.ord;

    last_position := currval('events_position_seq');

    INSERT INTO commands (command_id, command_type, stream_id, version, "position", event_types)
    SELECT p_command_id, p_command_type, p_stream_id, p_expected_version + n, last_position,
           ARRAY(SELECT e.value ->> 'type' FROM jsonb_array_elements(p_events) WITH ORDINALITY AS e(value, ord) ORDER BY e.ord)
    ON CONFLICT (command_id) DO NOTHING;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'command % was already handled', p_command_id USING ERRCODE = 'CUDUP';
    END IF;

    RETURN QUERY SELECT p_expected_version + n, last_position;
END
$$;

DROP FUNCTION catchup_log_head();

-- One sample of the log head:
--   xmin      of the statement's snapshot (taken first): every xid < xmin had ended;
--   head      the last drawn position, read next;
--   appending xids of transactions appending right now (32-bit, as pg_stat_activity shows them),
--             NULL when track_activities is off;
--   fence     an xid assigned last.
-- Every position <= head was drawn by a transaction with an xid below the fence (catchup_append
-- takes its xid first). A later sample settles this one when its xmin has passed the fence, or
-- when none of the transactions it sees appending has an xid below the fence: an appender that
-- drew a position <= head had marked itself before, so it is either listed or finished.
CREATE FUNCTION catchup_log_head()
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
        WHERE a.application_name = 'catchup-append' AND a.backend_xid IS NOT NULL AND a.pid <> pg_backend_pid();
    END IF;
    RETURN QUERY SELECT last_drawn, pg_current_xact_id()::text, snapshot_xmin::text, appenders;
END
$$;
