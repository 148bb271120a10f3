-- Metaxy system tables of the python layout (Python Metaxy 0.1.11's feature versions table plus
-- Java's trailing metaxy_snapshot_version; Java's migration events). Table names are Flyway
-- placeholders. IF NOT EXISTS: Python may have created the feature versions table already.
CREATE TABLE IF NOT EXISTS `${feature_versions_table}` (
  `project` varchar(255) NOT NULL,
  `feature_key` varchar(255) NOT NULL,
  `metaxy_feature_version` varchar(255) NOT NULL,
  `metaxy_definition_version` varchar(255),
  `recorded_at` datetime(6) NOT NULL,
  `feature_spec` longtext,
  `feature_schema` longtext,
  `feature_class_path` longtext,
  `metaxy_project_version` varchar(255),
  `tags` longtext,
  `deleted_at` datetime(6),
  `metaxy_snapshot_version` varchar(255)
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

ALTER TABLE `${feature_versions_table}` ADD COLUMN IF NOT EXISTS `metaxy_snapshot_version` varchar(255);

CREATE TABLE IF NOT EXISTS `${migration_events_table}` (
  `project` varchar(255),
  `migration_id` varchar(255) NOT NULL,
  `event_type` varchar(255) NOT NULL,
  `timestamp` datetime(6) NOT NULL,
  `feature_key` varchar(255),
  `rows_affected` bigint,
  `error_message` longtext,
  `event_seq` bigint NOT NULL
) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
