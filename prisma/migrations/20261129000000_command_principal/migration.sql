-- A commandId replays its first result only to the principal that sent it, for the same
-- request (issue: idempotency replays crossed principals). Rows written before this have
-- neither column; the pipeline treats them by the rule it had then, only stricter.

-- AlterTable
ALTER TABLE "commands" ADD COLUMN "actor" TEXT,
ADD COLUMN "fingerprint" TEXT;

-- The append records who sent the command and a fingerprint of what was asked.
CREATE FUNCTION catchup_append(
    p_stream_id text,
    p_stream_type text,
    p_expected_version integer,
    p_events jsonb,
    p_command_id text,
    p_command_type text,
    p_actor text,
    p_fingerprint text
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

    INSERT INTO commands (command_id, command_type, stream_id, version, "position", event_types, actor, fingerprint)
    SELECT p_command_id, p_command_type, p_stream_id, p_expected_version + n, last_position,
           ARRAY(SELECT e.value ->> 'type' FROM jsonb_array_elements(p_events) WITH ORDINALITY AS e(value, ord) ORDER BY e.ord),
           p_actor, p_fingerprint
    ON CONFLICT (command_id) DO NOTHING;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'command % was already handled', p_command_id USING ERRCODE = 'CUDUP';
    END IF;

    RETURN QUERY SELECT p_expected_version + n, last_position;
END
$$;

-- The six-argument append of earlier versions (instances still running them during a
-- rolling deploy) records neither.
CREATE OR REPLACE FUNCTION catchup_append(
    p_stream_id text,
    p_stream_type text,
    p_expected_version integer,
    p_events jsonb,
    p_command_id text,
    p_command_type text
) RETURNS TABLE (version integer, "position" bigint)
LANGUAGE sql AS $$
    SELECT * FROM catchup_append(p_stream_id, p_stream_type, p_expected_version, p_events, p_command_id, p_command_type, NULL::text, NULL::text)
$$;
