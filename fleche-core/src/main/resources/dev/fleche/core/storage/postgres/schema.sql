-- Fleche PostgreSQL storage schema. ${schema} and ${prefix} are the configured schema and table
-- prefix (defaults public and fleche). Every statement is idempotent.

CREATE SCHEMA IF NOT EXISTS ${schema};

-- Values by digest (64 lowercase hex characters; the "C" collation makes prefix ranges indexable).
CREATE TABLE IF NOT EXISTS ${schema}.${prefix}_values (
	digest text COLLATE "C" PRIMARY KEY,
	bytes bytea NOT NULL
);

-- Call records by key: the record as saved (JSON), and the fields queries filter on.
CREATE TABLE IF NOT EXISTS ${schema}.${prefix}_calls (
	key text COLLATE "C" PRIMARY KEY,
	name text NOT NULL,
	version text NOT NULL,
	result text NOT NULL,
	arguments jsonb NOT NULL,
	metadata jsonb NOT NULL,
	record bytea NOT NULL
);

CREATE INDEX IF NOT EXISTS ${prefix}_calls_name ON ${schema}.${prefix}_calls (name, version);
CREATE INDEX IF NOT EXISTS ${prefix}_calls_result ON ${schema}.${prefix}_calls (result);
CREATE INDEX IF NOT EXISTS ${prefix}_calls_arguments ON ${schema}.${prefix}_calls USING gin (arguments jsonb_path_ops);
CREATE INDEX IF NOT EXISTS ${prefix}_calls_metadata ON ${schema}.${prefix}_calls USING gin (metadata);
