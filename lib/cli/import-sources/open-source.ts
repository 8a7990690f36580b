/**
 * The sources `gatehouse import <source>` reads (docs/migrating.md), opened by name with the
 * table and column options that apply to them. An option given to a source that has no use for
 * it is a usage error: silently ignoring `--password-column` would import users without passwords.
 */
import { CliError } from "../context";
import { authjsSource } from "./authjs";
import { betterAuthSource } from "./better-auth";
import { jsonLinesSource } from "./json-lines";
import { luciaSource } from "./lucia";
import type { ImportSource } from "./source";
import { superTokensSource } from "./supertokens";

export const SOURCES = ["json", "supertokens", "better-auth", "authjs", "lucia"] as const;

/** Table and column names of sources whose schema the app owns. */
export interface SourceSchemaOptions {
  usersTable?: string;
  accountsTable?: string;
  passwordColumn?: string;
  emailColumn?: string;
  /** `column=provider` pairs, one per `--provider-column` (commander names the list after the flag). */
  providerColumn?: string[];
}

const FLAGS: Record<keyof SourceSchemaOptions, { flag: string; sources: readonly string[] }> = {
  usersTable: { flag: "--users-table", sources: ["authjs", "lucia"] },
  accountsTable: { flag: "--accounts-table", sources: ["authjs"] },
  passwordColumn: { flag: "--password-column", sources: ["authjs", "lucia"] },
  emailColumn: { flag: "--email-column", sources: ["lucia"] },
  providerColumn: { flag: "--provider-column", sources: ["lucia"] },
};

// A provider id as lib/config names providers.
const PROVIDER_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/i;

/** `github_id=github` pairs → { github_id: "github" }; a malformed or repeated column is a usage error. */
export function parseProviderColumns(pairs: readonly string[]): Record<string, string> {
  const columns: Record<string, string> = {};
  for (const pair of pairs) {
    const [column = "", provider = "", ...rest] = pair.split("=").map((part) => part.trim());
    if (!column || !PROVIDER_ID.test(provider) || rest.length > 0) {
      throw new CliError(`--provider-column ${pair}: a column and the provider id it holds, as github_id=github`, 2);
    }
    if (column in columns) throw new CliError(`--provider-column: ${column} is named twice`, 2);
    columns[column] = provider;
  }
  return columns;
}

export function openSource(source: string, from: string, options: SourceSchemaOptions = {}): ImportSource {
  if (!(SOURCES as readonly string[]).includes(source)) throw new CliError(`unknown source ${source}: one of ${SOURCES.join(", ")}`, 2);
  for (const [key, { flag, sources }] of Object.entries(FLAGS) as [keyof SourceSchemaOptions, (typeof FLAGS)[keyof SourceSchemaOptions]][]) {
    const value = options[key];
    if (value === undefined) continue;
    if (!sources.includes(source)) throw new CliError(`${flag} applies to ${sources.join(" and ")}, not ${source}`, 2);
    if (typeof value === "string" && !value.trim()) throw new CliError(`${flag}: a table or column name`, 2);
  }
  if (source === "json") return jsonLinesSource(from);
  if (source === "supertokens") return superTokensSource(from);
  if (source === "better-auth") return betterAuthSource(from);
  if (source === "authjs") return authjsSource(from, options);
  return luciaSource(from, { ...options, providerColumns: parseProviderColumns(options.providerColumn ?? []) });
}
