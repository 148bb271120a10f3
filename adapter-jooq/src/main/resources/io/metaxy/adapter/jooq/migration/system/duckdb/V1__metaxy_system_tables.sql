-- Metaxy system tables (semantics §5). Table names are Flyway placeholders (configurable).
CREATE TABLE "${feature_versions_table}" (
  "project" varchar NOT NULL,
  "feature_key" varchar NOT NULL,
  "metaxy_feature_version" varchar NOT NULL,
  "metaxy_feature_spec_version" varchar,
  "feature_spec" varchar,
  "metaxy_snapshot_version" varchar NOT NULL,
  "recorded_at" timestamp NOT NULL
);

CREATE TABLE "${migration_events_table}" (
  "project" varchar,
  "migration_id" varchar NOT NULL,
  "event_type" varchar NOT NULL,
  "timestamp" timestamp NOT NULL,
  "feature_key" varchar,
  "rows_affected" bigint,
  "error_message" varchar,
  "event_seq" bigint NOT NULL
);
