-- A broadcast's deliveries wait in the database, and are handed to their platform's queue a window at a time:
-- Redis holds what the platform can send soon, never a whole city's worth of jobs.
alter table deliveries add column platform text;
alter table deliveries add column priority smallint not null default 2;
-- When the delivery was put on its platform's queue; null while it waits here.
alter table deliveries add column handed_at timestamptz;
-- Not to be handed before then: the resident's quiet hours.
alter table deliveries add column not_before timestamptz;
-- Deliveries queued before this change are on the platforms' queues already.
update deliveries d set platform = r.platform, handed_at = now() from residents r where r.id = d.resident_id;
alter table deliveries alter column platform set not null;

-- What the feeder takes next: urgent first, then in the order residents were reached.
create index deliveries_to_hand on deliveries (platform, priority, id) where status = 'queued' and handed_at is null;
-- What is on the queues now (a window's worth): found again if Redis lost it.
create index deliveries_handed on deliveries (handed_at) where status = 'queued' and handed_at is not null;

-- The foreign keys cost every row of a fan-out a lookup and a lock of its broadcast and of its resident: half
-- the time of queueing a city. The fan-out reads both in the statement that writes the rows, broadcasts are
-- never deleted, and retention deletes a resident's deliveries with the resident.
alter table deliveries drop constraint deliveries_broadcast_id_fkey;
alter table deliveries drop constraint deliveries_resident_id_fkey;

-- An alert's figures once they can change no more (fully queued or cancelled, nothing waiting or being sent):
-- the live pages read them here instead of counting a city's deliveries every second.
alter table broadcasts add column final_counts jsonb;
