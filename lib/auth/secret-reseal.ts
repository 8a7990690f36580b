/**
 * After a change of GATEHOUSE_SECRET: the secrets sealed under keys derived from the previous
 * app secret (TOTP devices' secrets, tenants' own OAuth client secrets) sealed again under the
 * current one, so that authenticators and tenants' sign-ins keep working (`gatehouse secret
 * reseal`, docs/security.md "Changing the app secret").
 *
 * Safe to run again, or to stop half way: a value that opens under the current secret is left
 * alone, and each value is replaced by a compare-and-swap on the text it was read as, so a
 * value changed meanwhile (a device removed, a client secret set again) is never overwritten.
 * A value that opens under neither secret is left as it is and counted: it is never deleted.
 */
import type { EngineContext } from "./context";
import { GatehouseError } from "./errors";
import { logAuthEvent } from "./log";
import type { Stores } from "./ports";
import { deriveKeys, type DerivedKeys } from "./secret";
import { checkKeyRow } from "./session/signing-key-mac";
import { isSealedClientSecret, openTenantClientSecret, sealTenantClientSecret } from "./thirdparty/tenant-client-secret";
import { sealTotpSecret, unsealTotpSecret } from "./totp/totp-secret";

/** What became of the values of one kind. */
export interface ResealCounts {
  /** Opened under the previous secret and now sealed under the current one (with dryRun: would be). */
  resealed: number;
  /** Already open under the current secret (or, for a client secret, stored before sealing existed). */
  alreadyCurrent: number;
  /** Open under neither secret: left as they are. */
  unreadable: number;
  /** Changed or removed by someone else between the read and the write: left as they are now. */
  changedMeanwhile: number;
}

export interface ResealReport {
  totpSecrets: ResealCounts;
  tenantClientSecrets: ResealCounts;
}

export type ResealResult =
  | { status: "OK"; report: ResealReport }
  /** The previous secret is empty or shorter than GATEHOUSE_SECRET must be. */
  | { status: "PREVIOUS_SECRET_INVALID"; message: string }
  /** The previous secret is the current one: there is nothing to reseal. */
  | { status: "SAME_SECRET" }
  /**
   * The signing keys pass their integrity check under the previous secret and none under the
   * current one: the two are swapped (resealing would seal everything under the secret being
   * retired), or `keys reset` has not run yet under the new secret. Nothing is changed.
   */
  | { status: "KEYS_UNDER_PREVIOUS_SECRET" };

/** Rows read at a time. */
const PAGE = 200;

const noCounts = (): ResealCounts => ({ resealed: 0, alreadyCurrent: 0, unreadable: 0, changedMeanwhile: 0 });

/**
 * One value: opened under the current keys (left alone), else under the previous ones (sealed
 * again and swapped in, unless `dryRun`), else counted unreadable.
 */
async function resealOne(
  counts: ResealCounts,
  dryRun: boolean,
  steps: {
    openCurrent: () => Promise<string | null>;
    openPrevious: () => Promise<string | null>;
    sealCurrent: (secret: string) => Promise<string>;
    swap: (replacement: string) => Promise<boolean>;
  },
): Promise<void> {
  if ((await steps.openCurrent()) !== null) return void counts.alreadyCurrent++;
  const secret = await steps.openPrevious();
  if (secret === null) return void counts.unreadable++;
  if (dryRun || (await steps.swap(await steps.sealCurrent(secret)))) counts.resealed++;
  else counts.changedMeanwhile++;
}

async function resealTotpSecrets(stores: Stores, previous: DerivedKeys, current: DerivedKeys, dryRun: boolean): Promise<ResealCounts> {
  const counts = noCounts();
  let after: string | undefined;
  do {
    const page = await stores.sealedSecrets.listTotpSecrets({ limit: PAGE, after });
    for (const { deviceId, userId, sealedSecret } of page.secrets) {
      await resealOne(counts, dryRun, {
        openCurrent: () => unsealTotpSecret(current, sealedSecret, userId),
        openPrevious: () => unsealTotpSecret(previous, sealedSecret, userId),
        sealCurrent: (secret) => sealTotpSecret(current, { secret, userId }),
        swap: (replacement) => stores.sealedSecrets.replaceTotpSecret({ deviceId, expected: sealedSecret, replacement }),
      });
    }
    after = page.next ?? undefined;
  } while (after !== undefined);
  return counts;
}

async function resealTenantClientSecrets(stores: Stores, previous: DerivedKeys, current: DerivedKeys, dryRun: boolean): Promise<ResealCounts> {
  const counts = noCounts();
  let after: string | undefined;
  do {
    const page = await stores.sealedSecrets.listTenantClientSecrets({ limit: PAGE, after });
    for (const { organizationId, providerId, storedSecret } of page.secrets) {
      const owner = { organizationId, providerId };
      // A plain value (stored before sealing existed) opens under any secret: nothing to do.
      const openPrevious = () => (isSealedClientSecret(storedSecret) ? openTenantClientSecret(previous, storedSecret, owner) : Promise.resolve(null));
      await resealOne(counts, dryRun, {
        openCurrent: () => openTenantClientSecret(current, storedSecret, owner),
        openPrevious,
        sealCurrent: (secret) => sealTenantClientSecret(current, { ...owner, secret }),
        swap: (replacement) => stores.sealedSecrets.replaceTenantClientSecret({ ...owner, expected: storedSecret, replacement }),
      });
    }
    after = page.next ?? undefined;
  } while (after !== undefined);
  return counts;
}

/**
 * Whether the signing keys say the secrets are the wrong way round: some pass their integrity
 * check under the previous secret and none under the current one. The docs' order makes the
 * keys under the new secret first (`keys reset`), so a run with the old secret in the environment
 * and the new one typed, which would seal every value under the secret being retired, is caught
 * before it writes. No keys at all tells nothing.
 */
async function keysUnderPreviousSecret(ctx: Pick<EngineContext, "stores" | "keys" | "now">, previous: DerivedKeys): Promise<boolean> {
  const rows = await ctx.stores.signingKeys.listVerifyingKeys(ctx.now());
  const anyPasses = async (keys: DerivedKeys) => {
    for (const row of rows)
      if ((await checkKeyRow(row, { macKey: keys.signingKeyMac, sealPassword: keys.sealPassword })).status !== "REJECTED") return true;
    return false;
  };
  return rows.length > 0 && !(await anyPasses(ctx.keys)) && (await anyPasses(previous));
}

/**
 * Seals again under `ctx.keys` (the current GATEHOUSE_SECRET) every TOTP secret and tenant client
 * secret that opens under `previousSecret`; with `dryRun`, only counts.
 */
export async function resealSecrets(
  ctx: Pick<EngineContext, "stores" | "keys" | "log" | "audit" | "now">,
  input: { previousSecret: string; dryRun?: boolean },
): Promise<ResealResult> {
  if (!input.previousSecret) return { status: "PREVIOUS_SECRET_INVALID", message: "the previous secret is empty" };
  let previous: DerivedKeys;
  try {
    previous = deriveKeys(input.previousSecret);
  } catch (error) {
    if (error instanceof GatehouseError && error.code === "SECRET_MISSING") {
      return { status: "PREVIOUS_SECRET_INVALID", message: error.message.replace(/^GATEHOUSE_SECRET/, "the previous secret") };
    }
    throw error;
  }
  // Keys are derived from the secret alone: the same keys are the same secret.
  if (previous.totpSecretSeal === ctx.keys.totpSecretSeal) return { status: "SAME_SECRET" };
  if (await keysUnderPreviousSecret(ctx, previous)) return { status: "KEYS_UNDER_PREVIOUS_SECRET" };
  const dryRun = input.dryRun ?? false;
  const totpSecrets = await resealTotpSecrets(ctx.stores, previous, ctx.keys, dryRun);
  const tenantClientSecrets = await resealTenantClientSecrets(ctx.stores, previous, ctx.keys, dryRun);
  const resealed = totpSecrets.resealed + tenantClientSecrets.resealed;
  if (!dryRun && resealed > 0) logAuthEvent(ctx, "secret.resealed", { count: resealed }, "warn");
  return { status: "OK", report: { totpSecrets, tenantClientSecrets } };
}
