-- Fleche PostgreSQL lock backend schema. ${schema} and ${prefix} are the configured schema and
-- table prefix (defaults public and fleche_lock); ${namespace} is the advisory-lock class of the
-- lock sessions. Every statement is idempotent.

CREATE SCHEMA IF NOT EXISTS ${schema};

-- One row per key ever locked: the counters of fencing tokens and queue tickets (never deleted,
-- so tokens never go backwards), and the number of entries and of waiting entries in its queue.
-- Every change to a key's entries is made holding this row's lock, and keeps the counts exact.
CREATE TABLE IF NOT EXISTS ${schema}.${prefix}_key (
	key text PRIMARY KEY,
	last_token bigint NOT NULL DEFAULT 0,
	last_ticket bigint NOT NULL DEFAULT 0,
	entries integer NOT NULL DEFAULT 0,
	waiting integer NOT NULL DEFAULT 0
);

-- The queue of each key, in ticket order: waiting requests (token null) and grants. A row belongs
-- to a lock session; it is removed as soon as that session's advisory lock is free.
CREATE TABLE IF NOT EXISTS ${schema}.${prefix}_entry (
	key text NOT NULL,
	ticket bigint NOT NULL,
	session integer NOT NULL,
	owner text NOT NULL,
	mode text NOT NULL,
	token bigint,
	granted_at bigint,
	lease_expires bigint,
	tags text[] NOT NULL,
	PRIMARY KEY (key, ticket)
);

CREATE INDEX IF NOT EXISTS ${prefix}_entry_session ON ${schema}.${prefix}_entry (session);

CREATE TABLE IF NOT EXISTS ${schema}.${prefix}_average (
	key text PRIMARY KEY,
	total double precision NOT NULL,
	count bigint NOT NULL
);

-- Locks the key's row (creating it), removes entries of dead sessions and expired leases, and
-- returns the counters and the queue in ticket order (one row with null ticket if empty).
CREATE OR REPLACE FUNCTION ${schema}.${prefix}_open(p_key text)
RETURNS TABLE (o_now bigint, o_removed integer, o_last_token bigint, o_last_ticket bigint, o_ticket bigint,
	o_session integer, o_owner text, o_mode text, o_token bigint, o_granted_at bigint, o_lease_expires bigint,
	o_tags text[])
LANGUAGE plpgsql VOLATILE AS $fn$
DECLARE
	v_now bigint := (extract(epoch FROM clock_timestamp()) * 1000)::bigint;
	v_removed integer;
	v_last_token bigint;
	v_last_ticket bigint;
BEGIN
	SELECT k.last_token, k.last_ticket INTO v_last_token, v_last_ticket
		FROM ${schema}.${prefix}_key k WHERE k.key = p_key FOR UPDATE;
	IF NOT FOUND THEN
		INSERT INTO ${schema}.${prefix}_key (key) VALUES (p_key) ON CONFLICT (key) DO NOTHING;
		SELECT k.last_token, k.last_ticket INTO v_last_token, v_last_ticket
			FROM ${schema}.${prefix}_key k WHERE k.key = p_key FOR UPDATE;
	END IF;
	DELETE FROM ${schema}.${prefix}_entry e WHERE e.key = p_key
		AND ((e.lease_expires IS NOT NULL AND e.lease_expires <= v_now)
			OR pg_try_advisory_xact_lock_shared(${namespace}, e.session));
	GET DIAGNOSTICS v_removed = ROW_COUNT;
	IF v_removed > 0 THEN
		UPDATE ${schema}.${prefix}_key k
			SET entries = (SELECT count(*) FROM ${schema}.${prefix}_entry e WHERE e.key = p_key),
				waiting = (SELECT count(*) FROM ${schema}.${prefix}_entry e WHERE e.key = p_key AND e.token IS NULL)
			WHERE k.key = p_key;
	END IF;
	RETURN QUERY SELECT v_now, v_removed, v_last_token, v_last_ticket, e.ticket, e.session, e.owner, e.mode,
			e.token, e.granted_at, e.lease_expires, e.tags
		FROM (SELECT 1) h LEFT JOIN ${schema}.${prefix}_entry e ON e.key = p_key
		ORDER BY e.ticket;
END
$fn$;

-- Releases a grant of a session; tells waiters. Returns 1 if it was held, 0 if its lease had run
-- out (the row is removed either way), and no row if it was not there. Locks the key's row first.
CREATE OR REPLACE FUNCTION ${schema}.${prefix}_release(p_key text, p_ticket bigint, p_session integer)
RETURNS TABLE (o_held integer)
LANGUAGE plpgsql VOLATILE AS $fn$
DECLARE
	v_now bigint := (extract(epoch FROM clock_timestamp()) * 1000)::bigint;
	v_expires bigint;
	v_waiting integer;
BEGIN
	UPDATE ${schema}.${prefix}_key k SET entries = k.entries - 1 WHERE k.key = p_key RETURNING k.waiting INTO v_waiting;
	DELETE FROM ${schema}.${prefix}_entry e WHERE e.key = p_key AND e.ticket = p_ticket AND e.session = p_session
		RETURNING e.lease_expires INTO v_expires;
	IF NOT FOUND THEN
		UPDATE ${schema}.${prefix}_key k SET entries = k.entries + 1 WHERE k.key = p_key;
		RETURN;
	END IF;
	IF v_waiting > 0 THEN
		PERFORM pg_notify('${prefix}', md5(p_key));
	END IF;
	RETURN QUERY SELECT CASE WHEN v_expires IS NULL OR v_expires > v_now THEN 1 ELSE 0 END;
END
$fn$;

-- The handoff path in one round trip: grants the waiting request p_ticket of p_session if nothing
-- is held on the key and it is first in the queue (the caller checked its mode is compatible with
-- nothing held); returns no row otherwise, leaving the decision to a full section. Tells waiters
-- if some remain.
CREATE OR REPLACE FUNCTION ${schema}.${prefix}_grant_first(p_key text, p_ticket bigint, p_session integer,
	p_lease bigint)
RETURNS TABLE (o_token bigint, o_now bigint, o_lease_expires bigint)
LANGUAGE plpgsql VOLATILE AS $fn$
DECLARE
	v_now bigint := (extract(epoch FROM clock_timestamp()) * 1000)::bigint;
	v_entries integer;
	v_waiting integer;
	v_token bigint;
	v_first bigint;
	v_session integer;
BEGIN
	SELECT k.entries, k.waiting, k.last_token INTO v_entries, v_waiting, v_token
		FROM ${schema}.${prefix}_key k WHERE k.key = p_key FOR UPDATE;
	IF NOT FOUND OR v_entries <> v_waiting THEN
		RETURN;
	END IF;
	SELECT e.ticket, e.session INTO v_first, v_session FROM ${schema}.${prefix}_entry e
		WHERE e.key = p_key ORDER BY e.ticket LIMIT 1;
	IF v_first IS DISTINCT FROM p_ticket OR v_session IS DISTINCT FROM p_session THEN
		RETURN;
	END IF;
	v_token := v_token + 1;
	UPDATE ${schema}.${prefix}_key k SET last_token = v_token, waiting = k.waiting - 1 WHERE k.key = p_key;
	UPDATE ${schema}.${prefix}_entry e SET token = v_token, granted_at = v_now, lease_expires = v_now + p_lease
		WHERE e.key = p_key AND e.ticket = p_ticket;
	IF v_waiting > 1 THEN
		PERFORM pg_notify('${prefix}', md5(p_key));
	END IF;
	RETURN QUERY SELECT v_token, v_now, v_now + p_lease;
END
$fn$;

-- Removes every row of a session (closed, or confirmed ended), key by key under each key's row
-- lock, and tells the waiters of those keys.
CREATE OR REPLACE FUNCTION ${schema}.${prefix}_drop_session(p_session integer)
RETURNS integer
LANGUAGE plpgsql VOLATILE AS $fn$
DECLARE
	v_key text;
	v_waiting integer;
	v_count integer := 0;
BEGIN
	FOR v_key IN SELECT DISTINCT e.key FROM ${schema}.${prefix}_entry e WHERE e.session = p_session ORDER BY 1 LOOP
		PERFORM 1 FROM ${schema}.${prefix}_key k WHERE k.key = v_key FOR UPDATE;
		DELETE FROM ${schema}.${prefix}_entry e WHERE e.key = v_key AND e.session = p_session;
		UPDATE ${schema}.${prefix}_key k
			SET entries = (SELECT count(*) FROM ${schema}.${prefix}_entry e WHERE e.key = v_key),
				waiting = (SELECT count(*) FROM ${schema}.${prefix}_entry e WHERE e.key = v_key AND e.token IS NULL)
			WHERE k.key = v_key RETURNING k.waiting INTO v_waiting;
		IF v_waiting > 0 THEN
			PERFORM pg_notify('${prefix}', md5(v_key));
		END IF;
		v_count := v_count + 1;
	END LOOP;
	RETURN v_count;
END
$fn$;

-- Moves the end of a grant's lease to p_lease milliseconds from now, if it is still held.
CREATE OR REPLACE FUNCTION ${schema}.${prefix}_extend(p_key text, p_ticket bigint, p_session integer, p_lease bigint)
RETURNS TABLE (o_lease_expires bigint)
LANGUAGE plpgsql VOLATILE AS $fn$
DECLARE
	v_now bigint := (extract(epoch FROM clock_timestamp()) * 1000)::bigint;
BEGIN
	RETURN QUERY UPDATE ${schema}.${prefix}_entry e SET lease_expires = v_now + p_lease
		WHERE e.key = p_key AND e.ticket = p_ticket AND e.session = p_session AND e.token IS NOT NULL
			AND (e.lease_expires IS NULL OR e.lease_expires > v_now)
		RETURNING e.lease_expires;
END
$fn$;
