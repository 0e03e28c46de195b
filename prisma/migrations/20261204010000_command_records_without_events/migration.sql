-- A command that found nothing to do is recorded too (no event types), so that its retry
-- replays that answer. Forgetting a customer erases the input fingerprints of the commands on
-- its stream: those that wrote are found through their events, these through this index,
-- which holds only them (an append's own record never enters it).
CREATE INDEX "commands_without_events" ON "commands" ("stream_id") WHERE cardinality("event_types") = 0;
