-- Metaxy system tables, python layout (MariaDB). Managed by metaxy-adapter-ebean; history in its own table.
-- The feature versions table has Python Metaxy 0.1.11's columns (Python may have created it
-- already) and Java's trailing snapshot version.
create table if not exists ${feature_versions_table} (
  project                   varchar(512),
  feature_key               varchar(512),
  metaxy_feature_version    varchar(128),
  metaxy_definition_version varchar(128),
  recorded_at               datetime(6),
  feature_spec              longtext,
  feature_schema            longtext,
  feature_class_path        longtext,
  metaxy_project_version    varchar(128),
  tags                      longtext,
  deleted_at                datetime(6)
);
alter table ${feature_versions_table} add column if not exists metaxy_snapshot_version varchar(128);
create index if not exists ${feature_versions_index} on ${feature_versions_table} (project, metaxy_project_version);

create table if not exists ${migration_events_table} (
  event_id        varchar(36)  not null primary key,
  project         varchar(255) not null,
  migration_id    varchar(255) not null,
  event_type      varchar(32)  not null,
  event_timestamp datetime(6)  not null,
  feature_key     varchar(512),
  rows_affected   bigint,
  error_message   longtext
);
create index if not exists ${migration_events_index} on ${migration_events_table} (project, migration_id);
