import type { EmailPasswordAccountRow, EmailRewriteStore, PasswordlessAccountRow, StoredEmailRow, ThirdPartyAccountRow, UserRow } from "../ports";

/**
 * EmailRewriteStore in memory, over the maps the memory stores share: users, email+password
 * accounts (keyed by email), third-party identities and passwordless accounts. The memory token
 * stores keep their rows to themselves, so their addresses are not rewritten here.
 */
export function createMemoryEmailRewriteStore(maps: {
  users: Map<string, UserRow>;
  accounts: Map<string, EmailPasswordAccountRow>;
  identities: Map<string, ThirdPartyAccountRow>;
  passwordlessAccounts: Map<string, PasswordlessAccountRow>;
}): EmailRewriteStore {
  const { users, accounts, identities, passwordlessAccounts } = maps;
  const holders = (email: string) => [
    ...[...users.values()].filter((u) => u.email === email).map((u) => u.id),
    ...(accounts.has(email) ? [accounts.get(email)!.userId] : []),
    ...[...passwordlessAccounts.values()].filter((a) => a.email === email).map((a) => a.userId),
  ];
  return {
    async findEmailsToRewrite(rewrite) {
      const changed = (email: string | null): email is string => email !== null && rewrite(email) !== email;
      const found: StoredEmailRow[] = [];
      for (const u of users.values()) if (changed(u.email)) found.push({ table: "users", userId: u.id, email: u.email });
      for (const a of accounts.values()) if (changed(a.email)) found.push({ table: "email_password_accounts", userId: a.userId, email: a.email });
      for (const i of identities.values()) if (changed(i.email)) found.push({ table: "third_party_accounts", userId: i.userId, email: i.email });
      for (const a of passwordlessAccounts.values())
        if (changed(a.email)) found.push({ table: "passwordless_accounts", userId: a.userId, email: a.email });
      return found;
    },
    async rewriteUserEmails(userId, rewrite, options = {}) {
      const changed = (email: string | null | undefined): email is string => typeof email === "string" && rewrite(email) !== email;
      const user = users.get(userId);
      const account = [...accounts.values()].find((a) => a.userId === userId);
      const passwordless = [...passwordlessAccounts.values()].find((a) => a.userId === userId);
      const own = [...identities.values()].filter((i) => i.userId === userId && changed(i.email));
      const unique = [user?.email, account?.email, passwordless?.email].filter(changed);
      for (const email of new Set(unique.map(rewrite))) {
        const otherUserId = holders(email).find((id) => id !== userId);
        if (otherUserId) return { status: "EMAIL_TAKEN", email, otherUserId };
      }
      if (!options.dryRun) {
        if (user && changed(user.email)) user.email = rewrite(user.email);
        if (account && changed(account.email)) {
          accounts.delete(account.email);
          account.email = rewrite(account.email);
          accounts.set(account.email, account);
        }
        if (passwordless && changed(passwordless.email)) passwordless.email = rewrite(passwordless.email);
        for (const i of own) i.email = rewrite(i.email);
      }
      return { status: "OK", rows: unique.length + own.length };
    },
    async rewriteUnownedEmails() {
      return 0;
    },
  };
}
