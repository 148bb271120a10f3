-- Metaxy system tables of the python layout (Python Metaxy 0.1.11's feature versions table plus
-- Java's trailing metaxy_snapshot_version; Java's migration events). Table names are Flyway
-- placeholders. IF NOT EXISTS: Python may have created the feature versions table already.
CREATE TABLE IF NOT EXISTS "${feature_versions_table}" (
  "project" varchar COLLATE "C" NOT NULL,
  "feature_key" varchar COLLATE "C" NOT NULL,
  "metaxy_feature_version" varchar COLLATE "C" NOT NULL,
  "metaxy_definition_version" varchar COLLATE "C",
  "recorded_at" timestamp(6) NOT NULL,
  "feature_spec" varchar COLLATE "C",
  "feature_schema" varchar COLLATE "C",
  "feature_class_path" varchar COLLATE "C",
  "metaxy_project_version" varchar COLLATE "C",
  "tags" varchar COLLATE "C",
  "deleted_at" timestamp(6),
  "metaxy_snapshot_version" varchar COLLATE "C"
);

ALTER TABLE "${feature_versions_table}" ADD COLUMN IF NOT EXISTS "metaxy_snapshot_version" varchar COLLATE "C";

CREATE TABLE IF NOT EXISTS "${migration_events_table}" (
  "project" varchar COLLATE "C",
  "migration_id" varchar COLLATE "C" NOT NULL,
  "event_type" varchar COLLATE "C" NOT NULL,
  "timestamp" timestamp(6) NOT NULL,
  "feature_key" varchar COLLATE "C",
  "rows_affected" bigint,
  "error_message" varchar COLLATE "C",
  "event_seq" bigint NOT NULL
);
