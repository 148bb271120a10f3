-- Metaxy system tables (semantics §5). Table names are Flyway placeholders (configurable).
CREATE TABLE "${feature_versions_table}" (
  "project" varchar COLLATE "C" NOT NULL,
  "feature_key" varchar COLLATE "C" NOT NULL,
  "metaxy_feature_version" varchar COLLATE "C" NOT NULL,
  "metaxy_feature_spec_version" varchar COLLATE "C",
  "feature_spec" varchar COLLATE "C",
  "metaxy_snapshot_version" varchar COLLATE "C" NOT NULL,
  "recorded_at" timestamp(6) NOT NULL
);

CREATE TABLE "${migration_events_table}" (
  "project" varchar COLLATE "C",
  "migration_id" varchar COLLATE "C" NOT NULL,
  "event_type" varchar COLLATE "C" NOT NULL,
  "timestamp" timestamp(6) NOT NULL,
  "feature_key" varchar COLLATE "C",
  "rows_affected" bigint,
  "error_message" varchar COLLATE "C",
  "event_seq" bigint NOT NULL
);
