import { describe, expect, it } from "vitest";
import { pathForLink } from "./link-tenant";

describe("the FDI path of a step an emailed link started", () => {
  it("posts under the organization's tenant the link names", () => {
    expect(pathForLink("/user/password/reset", "?tenantId=acme&token=abc")).toBe("/acme/user/password/reset");
    expect(pathForLink("/user/email/verify", "?token=abc&tenantId=acme-eu")).toBe("/acme-eu/user/email/verify");
  });

  it("keeps the bare path without a tenant, for public, and for anything that is no slug", () => {
    expect(pathForLink("/user/password/reset", "?token=abc")).toBe("/user/password/reset");
    expect(pathForLink("/user/password/reset", "?tenantId=public&token=abc")).toBe("/user/password/reset");
    for (const bad of ["..%2Fadmin", "Acme", "a/b", "signin", "", "x"]) {
      expect(pathForLink("/signinup/code/consume", `?tenantId=${bad}`)).toBe("/signinup/code/consume");
    }
  });
});
