/**
 * The tables of a SuperTokens core database that the `supertokens` source reads, as the core
 * creates them (supertokens/supertokens-postgresql-plugin, queries/*Queries.java: the same
 * columns, types and keys; foreign keys left out, the reader never relies on them). The SQL runs
 * on PostgreSQL and MariaDB alike.
 */
export const SUPERTOKENS_TABLES = [
  `CREATE TABLE apps (app_id VARCHAR(64) NOT NULL DEFAULT 'public', created_at_time BIGINT, PRIMARY KEY (app_id))`,
  `CREATE TABLE tenants (app_id VARCHAR(64) NOT NULL DEFAULT 'public', tenant_id VARCHAR(64) NOT NULL DEFAULT 'public', created_at_time BIGINT, PRIMARY KEY (app_id, tenant_id))`,
  `CREATE TABLE app_id_to_user_id (app_id VARCHAR(64) NOT NULL DEFAULT 'public', user_id CHAR(36) NOT NULL, recipe_id VARCHAR(128) NOT NULL,
     primary_or_recipe_user_id CHAR(36) NOT NULL, is_linked_or_is_a_primary_user BOOLEAN NOT NULL DEFAULT FALSE,
     time_joined BIGINT NOT NULL DEFAULT 0, primary_or_recipe_user_time_joined BIGINT NOT NULL DEFAULT 0, PRIMARY KEY (app_id, user_id))`,
  `CREATE TABLE all_auth_recipe_users (app_id VARCHAR(64) DEFAULT 'public', tenant_id VARCHAR(64) DEFAULT 'public', user_id CHAR(36) NOT NULL,
     primary_or_recipe_user_id CHAR(36) NOT NULL, is_linked_or_is_a_primary_user BOOLEAN NOT NULL DEFAULT FALSE, recipe_id VARCHAR(128) NOT NULL,
     time_joined BIGINT NOT NULL, primary_or_recipe_user_time_joined BIGINT NOT NULL, PRIMARY KEY (app_id, tenant_id, user_id))`,
  `CREATE TABLE emailpassword_users (app_id VARCHAR(64) DEFAULT 'public', user_id CHAR(36) NOT NULL, email VARCHAR(256) NOT NULL,
     password_hash VARCHAR(256) NOT NULL, time_joined BIGINT NOT NULL, PRIMARY KEY (app_id, user_id))`,
  `CREATE TABLE thirdparty_users (app_id VARCHAR(64) DEFAULT 'public', third_party_id VARCHAR(28) NOT NULL, third_party_user_id VARCHAR(256) NOT NULL,
     user_id CHAR(36) NOT NULL, email VARCHAR(256) NOT NULL, time_joined BIGINT NOT NULL, PRIMARY KEY (app_id, user_id))`,
  `CREATE TABLE passwordless_users (app_id VARCHAR(64) DEFAULT 'public', user_id CHAR(36) NOT NULL, email VARCHAR(256), phone_number VARCHAR(256),
     time_joined BIGINT NOT NULL, PRIMARY KEY (app_id, user_id))`,
  `CREATE TABLE emailverification_verified_emails (app_id VARCHAR(64) DEFAULT 'public', user_id VARCHAR(128) NOT NULL, email VARCHAR(256) NOT NULL,
     PRIMARY KEY (app_id, user_id, email))`,
  `CREATE TABLE roles (app_id VARCHAR(64) DEFAULT 'public', role VARCHAR(255) NOT NULL, PRIMARY KEY (app_id, role))`,
  `CREATE TABLE role_permissions (app_id VARCHAR(64) DEFAULT 'public', role VARCHAR(255) NOT NULL, permission VARCHAR(255) NOT NULL,
     PRIMARY KEY (app_id, role, permission))`,
  `CREATE TABLE user_roles (app_id VARCHAR(64) DEFAULT 'public', tenant_id VARCHAR(64) DEFAULT 'public', user_id VARCHAR(128) NOT NULL,
     role VARCHAR(255) NOT NULL, PRIMARY KEY (app_id, tenant_id, user_id, role))`,
  `CREATE TABLE user_metadata (app_id VARCHAR(64) DEFAULT 'public', user_id VARCHAR(128) NOT NULL, user_metadata TEXT NOT NULL, PRIMARY KEY (app_id, user_id))`,
  `CREATE TABLE userid_mapping (app_id VARCHAR(64) DEFAULT 'public', supertokens_user_id CHAR(36) NOT NULL, external_user_id VARCHAR(128) NOT NULL,
     external_user_id_info TEXT, PRIMARY KEY (app_id, supertokens_user_id, external_user_id), UNIQUE (app_id, supertokens_user_id), UNIQUE (app_id, external_user_id))`,
];
