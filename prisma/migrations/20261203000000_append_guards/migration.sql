-- An append that rests on other streams (an order on its customer being registered) states
-- guards: for each, a stream whose row is locked (shared) for the rest of the transaction,
-- and an event type that stream must not hold. A write to a guarded stream (a forget)
-- appends to that row, so it either committed before the guard's check, which sees it (the
-- check is a statement of its own, after the lock), or waits for this append to commit.
-- A guard that does not hold raises SQLSTATE CUGRD naming its index; nothing is written.
CREATE FUNCTION catchup_append(
    p_stream_id text,
    p_stream_type text,
    p_expected_version integer,
    p_events jsonb,
    p_command_id text,
    p_command_type text,
    p_actor text,
    p_fingerprint text,
    p_guards jsonb
) RETURNS TABLE (version integer, "position" bigint)
LANGUAGE plpgsql AS $$
DECLARE
    guard jsonb;
    guard_index integer := 0;
BEGIN
    FOR guard IN SELECT value FROM jsonb_array_elements(p_guards) LOOP
        PERFORM 1 FROM streams WHERE stream_id = guard ->> 'streamId' FOR SHARE;
        IF NOT FOUND OR EXISTS (SELECT 1 FROM events e WHERE e.stream_id = guard ->> 'streamId' AND e.type = guard ->> 'absent') THEN
            RAISE EXCEPTION 'guard % does not hold', guard_index USING ERRCODE = 'CUGRD';
        END IF;
        guard_index := guard_index + 1;
    END LOOP;
    RETURN QUERY SELECT a.version, a.position
    FROM catchup_append(p_stream_id, p_stream_type, p_expected_version, p_events, p_command_id, p_command_type, p_actor, p_fingerprint) a;
END
$$;
