import type { GatehouseConfig } from "../config";
import { createRegisterOptions, createSignInOptions } from "../webauthn/ceremony-options";
import { relyingPartyFor } from "../webauthn/relying-party";
import { signInWithPasskey, signUpWithPasskey } from "../webauthn/sign-in-up";
import { createCapturingDelivery } from "./email-fixtures";
import { createPasskey, signWithPasskey, type CeremonyTweaks, type SoftPasskey } from "./soft-authenticator";
import { createTestEngine, type TestEngineOptions } from "./test-engine";

export const ORIGIN = "http://localhost:3000";
const client = { ip: "203.0.113.9", userAgent: "test" };

/** An engine with passkeys on, capturing emails, pinned clock; helpers run whole ceremonies. */
export function createWebauthnEngine(config: GatehouseConfig = {}, options: TestEngineOptions = {}) {
  const delivery = createCapturingDelivery();
  const engine = createTestEngine({ appOrigin: ORIGIN, webauthn: {}, ...config }, { emailDelivery: delivery, ...options });
  const { ctx } = engine;
  const rp = () => relyingPartyFor(ctx.config);

  async function signUp(email: string, tweaks: CeremonyTweaks = {}) {
    const options = await createRegisterOptions(ctx, rp(), { email });
    const { passkey, response } = createPasskey(options, ORIGIN, tweaks);
    const result = await signUpWithPasskey(
      ctx,
      rp(),
      { webauthnGeneratedOptionsId: options.webauthnGeneratedOptionsId, credential: response },
      client,
    );
    return { passkey, result, options, response };
  }

  async function signIn(passkey: SoftPasskey, tweaks: CeremonyTweaks = {}) {
    const options = await createSignInOptions(ctx, rp());
    const response = signWithPasskey(passkey, options, ORIGIN, tweaks);
    return signInWithPasskey(ctx, rp(), { webauthnGeneratedOptionsId: options.webauthnGeneratedOptionsId, credential: response }, client);
  }

  return { ...engine, delivery, rp, signUp, signIn, client };
}
