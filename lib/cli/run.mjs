#!/usr/bin/env node
// Starts the TypeScript CLI (lib/cli/index.ts, which explains the choice) through jiti's
// programmatic API: modules in node_modules load natively, and only our .ts files are compiled
// (and cached). The `--import jiti/register` loader would also recompile every CommonJS file of
// every dependency on each run, which made a command take seconds instead of well under one.
import { createJiti } from "jiti";

await createJiti(import.meta.url).import("./index.ts");
