import { createTestEngine } from "../auth/testing/test-engine";
import { describeAdminFlows } from "./testing/admin-flows";
import { describeAdminImportFlows } from "./testing/admin-import-flows";

describeAdminFlows("admin API (in-memory stores)", async (config) => createTestEngine(config));
describeAdminImportFlows("admin API, imported users (in-memory stores)", async (config) => createTestEngine(config));
