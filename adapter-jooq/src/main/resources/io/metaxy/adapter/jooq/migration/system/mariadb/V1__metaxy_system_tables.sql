-- Metaxy system tables (semantics §5). Table names are Flyway placeholders (configurable).
CREATE TABLE `${feature_versions_table}` (
  `project` varchar(255) NOT NULL,
  `feature_key` varchar(255) NOT NULL,
  `metaxy_feature_version` varchar(255) NOT NULL,
  `metaxy_feature_spec_version` varchar(255),
  `feature_spec` longtext,
  `metaxy_snapshot_version` varchar(255) NOT NULL,
  `recorded_at` datetime(6) NOT NULL
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE `${migration_events_table}` (
  `project` varchar(255),
  `migration_id` varchar(255) NOT NULL,
  `event_type` varchar(255) NOT NULL,
  `timestamp` datetime(6) NOT NULL,
  `feature_key` varchar(255),
  `rows_affected` bigint,
  `error_message` longtext,
  `event_seq` bigint NOT NULL
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
