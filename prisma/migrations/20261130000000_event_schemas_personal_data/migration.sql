-- The log lives for years (issue 19): event schema versions, per-subject data keys for
-- personal fields (crypto-shredding), keyed hashes for email uniqueness, and snapshots.

-- Each event records the version of its type's schema it was written in; events of earlier
-- versions of Catchup were all written in version 1. Readers upcast older versions.
ALTER TABLE "events" ADD COLUMN "schema_version" INTEGER NOT NULL DEFAULT 1;

-- The append records the schema version each event was written in (1 when an event does not
-- say, as appends of an earlier version of Catchup do during a rolling deploy).
CREATE OR REPLACE FUNCTION catchup_append(
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

    INSERT INTO events (stream_id, stream_type, version, type, data, metadata, schema_version)
    SELECT p_stream_id, p_stream_type, p_expected_version + e.ord::integer,
           e.value ->> 'type', e.value -> 'data', e.value -> 'metadata',
           COALESCE((e.value ->> 'schemaVersion')::integer, 1)
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

-- One data key per subject (a customer), wrapped (AES-256-GCM, base64) under the master key. Forgetting
-- the subject sets `wrapped_key` to NULL: what was encrypted under it can no longer be read,
-- and the row stays as a tombstone so that no new key is ever made for that subject.
CREATE TABLE "data_keys" (
    "subject_id" TEXT NOT NULL,
    "wrapped_key" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "forgotten_at" TIMESTAMPTZ(3),

    CONSTRAINT "data_keys_pkey" PRIMARY KEY ("subject_id")
);

-- Email uniqueness without the email: a keyed hash (HMAC-SHA-256 under a key derived from the
-- master key) of the lower-cased email. Rows of customer_emails written by earlier versions are
-- moved here, hashed, when the server starts (src/modules/customers/email-registry.ts).
CREATE TABLE "customer_email_claims" (
    "email_hash" TEXT NOT NULL,
    "customer_id" TEXT NOT NULL,

    CONSTRAINT "customer_email_claims_pkey" PRIMARY KEY ("email_hash")
);
CREATE INDEX "customer_email_claims_customer_id_idx" ON "customer_email_claims"("customer_id");

-- Snapshots of folded stream states: the latest per stream, with the version of the state's
-- shape it was taken in (a snapshot of another shape is ignored). The stream stays the truth.
CREATE TABLE "snapshots" (
    "stream_id" TEXT NOT NULL,
    "stream_type" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "position" BIGINT NOT NULL,
    "state_version" INTEGER NOT NULL,
    "state" JSONB NOT NULL,
    "taken_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "snapshots_pkey" PRIMARY KEY ("stream_id")
);

-- CUSTOMER_PROFILE: the name as given and family names (CustomerRegistered v2), and when the
-- customer was forgotten. Rows projected by earlier versions are split here by the rule the
-- v1 -> v2 upcaster applies (src/modules/customers/customer.ts, splitName), so they need no rebuild.
ALTER TABLE "customer_profiles" ADD COLUMN "given_name" TEXT NOT NULL DEFAULT '',
ADD COLUMN "family_name" TEXT,
ADD COLUMN "forgotten_at" TIMESTAMPTZ(3);
UPDATE "customer_profiles" SET
    "given_name" = CASE WHEN "name" ~ '\s' THEN regexp_replace("name", '\s+\S+$', '') ELSE "name" END,
    "family_name" = CASE WHEN "name" ~ '\s' THEN substring("name" from '(\S+)$') ELSE NULL END,
    "name" = regexp_replace("name", '\s+(\S+)$', ' \1');
ALTER TABLE "customer_profiles" ALTER COLUMN "given_name" DROP DEFAULT;
