#!/usr/bin/env node
// Starts lib/http/testing/sign-up-burst.ts in a process of its own (jiti compiles our .ts files,
// as lib/cli/run.mjs does). Arguments: <databaseUrl> <emailPrefix> <count> <concurrency> <password>
import { createJiti } from "jiti";

const [url, prefix, count, concurrency, password] = process.argv.slice(2);
const { runSignUpBurst } = await createJiti(import.meta.url).import("./sign-up-burst.ts");
await runSignUpBurst({ url, prefix, count: Number(count), concurrency: Number(concurrency), password });
process.exit(0);
