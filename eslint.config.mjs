// ESLint (flat config): `npm run lint`, and the "lint" step of `npm test` (no warnings allowed).
// Next.js's own rules (eslint-config-next: React, hooks, jsx-a11y, import, @next/next with the
// Core Web Vitals set), typescript-eslint's recommended rules, and eslint-config-prettier last so
// that no rule argues with the formatter (`npm run format`). A few rules read the types: a
// promise left floating in a server is an unhandled rejection, which ends a Node process.
import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypeScript from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";
import { defineConfig, globalIgnores } from "eslint/config";

export default defineConfig([
  globalIgnores([
    "**/.next/**",
    "**/.next-*/**",
    "test-results/**",
    "playwright-report/**",
    "bench/results/**",
    // Generated: the Prisma client (scripts/prisma-generate.mjs) and the common-password list
    // (scripts/common-passwords.mjs).
    "lib/store/generated/**",
    "lib/auth/emailpassword/common-passwords-data.ts",
    "next-env.d.ts",
  ]),
  ...nextCoreWebVitals,
  ...nextTypeScript,
  {
    rules: {
      // A leading underscore marks a binding left unused on purpose (a parameter a signature
      // requires, a property dropped by destructuring with a rest).
      "@typescript-eslint/no-unused-vars": [
        "warn",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Type-aware: every promise is awaited, returned, or marked `void` on purpose (with its
    // rejection handled inside); none is handed to a caller that would drop it. A JSX handler
    // (onClick={async () => …}) is left to React, which ignores what it returns.
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/await-thenable": "error",
    },
  },
  prettier,
]);
