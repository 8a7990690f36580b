/**
 * Users as other systems store them, with hashes made by those systems' algorithms (bcrypt at
 * several costs, argon2 variants, better-auth/Lucia scrypt, Firebase's sample user), as lines
 * of the import format: shared by the import tests and the source readers' tests.
 */
import { randomUUID, scryptSync } from "node:crypto";
import { hash as argon2Hash } from "@node-rs/argon2";
import { hash as bcryptHash } from "@node-rs/bcrypt";
import type { ImportLine } from "../import/import-line";

/** Firebase's published sample project (github.com/firebase/scrypt, README). */
export const FIREBASE_SAMPLE = {
  parameters: {
    signerKey: "jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA==",
    saltSeparator: "Bw==",
    rounds: 8,
    memCost: 14,
  },
  passwordHash: "lSrfV15cpx95/sZS2W9c9Kp6i/LVgQNDNC/qzrCnh1SAyZvqmZqAjTdn3aoItz+VHjoZilo78198JAdRuid5lQ==",
  passwordSalt: "42xEC+ixf3L2lw==",
  password: "user1password",
};

/** better-auth's and Lucia v3's scrypt: `hexsalt:hexkey`, the salt string fed as text, NFKC password. */
export function betterAuthScrypt(password: string): string {
  const salt = randomUUID().replaceAll("-", "");
  const key = scryptSync(password.normalize("NFKC"), salt, 64, { N: 16384, r: 16, p: 1, maxmem: 64 * 1024 * 1024 });
  return `${salt}:${key.toString("hex")}`;
}

export interface FixtureUser {
  line: ImportLine;
  email: string;
  password?: string;
}

/** One user per hash kind, each with a unique email under `tag`. */
export async function passwordUsers(tag: string): Promise<FixtureUser[]> {
  const email = (kind: string) => `${kind}-${tag}@example.com`;
  const user = (kind: string, password: string, passwordHash: string, hashingAlgorithm?: string, extra: object = {}): FixtureUser => ({
    email: email(kind),
    password,
    line: {
      externalUserId: `${kind}-${tag}`,
      loginMethods: [
        {
          recipeId: "emailpassword",
          email: email(kind),
          isVerified: true,
          timeJoined: 1_600_000_000_000,
          passwordHash,
          hashingAlgorithm,
          ...extra,
        } as ImportLine["loginMethods"][number],
      ],
    },
  });
  return [
    user("bcrypt4", "pw bcrypt 4", await bcryptHash("pw bcrypt 4", 4), "bcrypt"),
    user("bcrypt6", "pw bcrypt 6", (await bcryptHash("pw bcrypt 6", 6)).replace(/^\$2b\$/, "$2y$")),
    user("argon2i", "pw argon2i", await argon2Hash("pw argon2i", { algorithm: 1, memoryCost: 4096, timeCost: 3 }), "argon2"),
    user("argon2d", "pw argon2d", await argon2Hash("pw argon2d", { algorithm: 0, memoryCost: 4096, timeCost: 3 }), "argon2"),
    user("scrypt", "pw scrypt ﬁ", betterAuthScrypt("pw scrypt ﬁ"), "scrypt"),
    user("firebase", FIREBASE_SAMPLE.password, FIREBASE_SAMPLE.passwordHash, "firebase_scrypt", { passwordSalt: FIREBASE_SAMPLE.passwordSalt }),
  ];
}
