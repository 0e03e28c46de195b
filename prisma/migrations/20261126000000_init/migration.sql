-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "events" (
    "position" BIGSERIAL NOT NULL,
    "stream_id" TEXT NOT NULL,
    "stream_type" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "metadata" JSONB NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "events_pkey" PRIMARY KEY ("position")
);

-- CreateTable
CREATE TABLE "streams" (
    "stream_id" TEXT NOT NULL,
    "stream_type" TEXT NOT NULL,
    "version" INTEGER NOT NULL,

    CONSTRAINT "streams_pkey" PRIMARY KEY ("stream_id")
);

-- CreateTable
CREATE TABLE "commands" (
    "command_id" TEXT NOT NULL,
    "command_type" TEXT NOT NULL,
    "stream_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "position" BIGINT NOT NULL,
    "event_types" TEXT[],
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "commands_pkey" PRIMARY KEY ("command_id")
);

-- CreateTable
CREATE TABLE "projection_checkpoints" (
    "name" TEXT NOT NULL,
    "position" BIGINT NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "failed_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "projection_checkpoints_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "account_balances" (
    "id" TEXT NOT NULL,
    "customer_id" TEXT NOT NULL,
    "balance_cents" INTEGER NOT NULL,
    "opened_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL,
    "position" BIGINT NOT NULL,

    CONSTRAINT "account_balances_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "account_ledger" (
    "account_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "amount_cents" INTEGER NOT NULL,
    "balance_after_cents" INTEGER NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL,
    "position" BIGINT NOT NULL,

    CONSTRAINT "account_ledger_pkey" PRIMARY KEY ("account_id","version")
);

-- CreateIndex
CREATE INDEX "events_type_position_idx" ON "events"("type", "position");

-- CreateIndex
CREATE UNIQUE INDEX "events_stream_id_version_key" ON "events"("stream_id", "version");

-- CreateIndex
CREATE INDEX "account_balances_customer_id_idx" ON "account_balances"("customer_id");


-- ---------------------------------------------------------------------------
-- Event log functions (hand-written: Prisma cannot express them).
-- ---------------------------------------------------------------------------

-- Appends events to one stream with optimistic concurrency and records the command
-- for idempotency, atomically. Raises SQLSTATE 'CUCON' when the stream is not at
-- p_expected_version and 'CUDUP' when p_command_id was already recorded; either
-- aborts the caller's transaction, so nothing of a refused append is ever written.
--
-- Ordering contract (relied on by catchup_log_head): the transaction takes its xid, and
-- marks itself as appending, BEFORE it draws positions from events_position_seq, so a
-- position is only ever drawn by a transaction whose xid is lower than any xid assigned
-- after the draw, and which a concurrent sample sees appending until it ends.
CREATE FUNCTION catchup_append(
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
