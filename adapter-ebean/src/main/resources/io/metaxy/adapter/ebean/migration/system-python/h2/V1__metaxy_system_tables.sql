-- Metaxy system tables, python layout (H2). Managed by metaxy-adapter-ebean; history in its own table.
-- The feature versions table has Python Metaxy 0.1.11's columns (Python may have created it
-- already) and Java's trailing snapshot version.
create table if not exists ${feature_versions_table} (
  project                   character varying,
  feature_key               character varying,
  metaxy_feature_version    character varying,
  metaxy_definition_version character varying,
  recorded_at               timestamp(6),
  feature_spec              character varying,
  feature_schema            character varying,
  feature_class_path        character varying,
  metaxy_project_version    character varying,
  tags                      character varying,
  deleted_at                timestamp(6)
);
alter table ${feature_versions_table} add column if not exists metaxy_snapshot_version character varying;
create index if not exists ${feature_versions_index} on ${feature_versions_table} (project, metaxy_project_version);

create table if not exists ${migration_events_table} (
  event_id        varchar(36)  not null primary key,
  project         varchar(255) not null,
  migration_id    varchar(255) not null,
  event_type      varchar(32)  not null,
  event_timestamp timestamp(6) with time zone  not null,
  feature_key     varchar(512),
  rows_affected   bigint,
  error_message   character varying
);
create index if not exists ${migration_events_index} on ${migration_events_table} (project, migration_id);
