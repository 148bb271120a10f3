-- Metaxy system tables (H2). Managed by metaxy-adapter-ebean; history in its own table.
create table ${feature_versions_table} (
  record_id        varchar(36)  not null primary key,
  project          varchar(255) not null,
  feature_key      varchar(512) not null,
  feature_version  varchar(128) not null,
  spec_version     varchar(128) not null,
  feature_spec     character large object         not null,
  snapshot_version varchar(128) not null,
  recorded_at      timestamp(6) with time zone  not null
);
create index ${feature_versions_index} on ${feature_versions_table} (project, snapshot_version);

create table ${migration_events_table} (
  event_id        varchar(36)  not null primary key,
  project         varchar(255) not null,
  migration_id    varchar(255) not null,
  event_type      varchar(32)  not null,
  event_timestamp timestamp(6) with time zone  not null,
  feature_key     varchar(512),
  rows_affected   bigint,
  error_message   character large object
);
create index ${migration_events_index} on ${migration_events_table} (project, migration_id);
