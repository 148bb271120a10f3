-- Metaxy system tables of the python layout (Python Metaxy 0.1.11's feature versions table plus
-- Java's trailing metaxy_snapshot_version; Java's migration events). Table names are Flyway
-- placeholders. IF NOT EXISTS: Python may have created the feature versions table already.
CREATE TABLE IF NOT EXISTS "${feature_versions_table}" (
  "project" varchar NOT NULL,
  "feature_key" varchar NOT NULL,
  "metaxy_feature_version" varchar NOT NULL,
  "metaxy_definition_version" varchar,
  "recorded_at" timestamp NOT NULL,
  "feature_spec" varchar,
  "feature_schema" varchar,
  "feature_class_path" varchar,
  "metaxy_project_version" varchar,
  "tags" varchar,
  "deleted_at" timestamp,
  "metaxy_snapshot_version" varchar
);

ALTER TABLE "${feature_versions_table}" ADD COLUMN IF NOT EXISTS "metaxy_snapshot_version" varchar;

CREATE TABLE IF NOT EXISTS "${migration_events_table}" (
  "project" varchar,
  "migration_id" varchar NOT NULL,
  "event_type" varchar NOT NULL,
  "timestamp" timestamp NOT NULL,
  "feature_key" varchar,
  "rows_affected" bigint,
  "error_message" varchar,
  "event_seq" bigint NOT NULL
);
