-- A projection batch's checkpoint compare-and-set that raises (SQLSTATE CUMOV) when the
-- checkpoint moved away from where this runner left it, instead of updating nothing. A batch
-- sends its row writes and this call as one statement, outside any transaction when that is
-- all it writes: the raise is what keeps the rows from being written without the checkpoint.
CREATE FUNCTION catchup_advance_checkpoint(p_name text, p_from bigint, p_to bigint)
RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    UPDATE projection_checkpoints
    SET position = p_to, last_error = NULL, failed_at = NULL, updated_at = now()
    WHERE name = p_name AND position = p_from;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'checkpoint of % moved away from %', p_name, p_from USING ERRCODE = 'CUMOV';
    END IF;
    RETURN p_name;
END
$$;
