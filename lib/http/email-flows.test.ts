import { createTestEngine } from "../auth/testing/test-engine";
import { describeEmailVerificationFlows } from "./testing/email-verification-flows";
import { describePasswordResetFlows } from "./testing/password-reset-flows";

describePasswordResetFlows("password reset (in-memory stores)", async (config, wiring) => createTestEngine(config, wiring));
describeEmailVerificationFlows("email verification (in-memory stores)", async (config, wiring) => createTestEngine(config, wiring));
