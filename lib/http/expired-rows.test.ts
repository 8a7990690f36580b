/** Expired rows deleted by requests, on in-memory stores; expired-rows.db.test.ts runs the same flows on each database. */
import { createTestEngine } from "../auth/testing/test-engine";
import { describeExpiredRowsFlows } from "./testing/expired-rows-flows";

describeExpiredRowsFlows("expired rows (memory)", async (config, wiring) => createTestEngine(config, wiring));
