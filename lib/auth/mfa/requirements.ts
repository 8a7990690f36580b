/**
 * Evaluating a requirement list against the factors a session has completed: whether it is met
 * (the claim's `v`) and which factors come next (the FDI's `/mfa/info` `next`).
 */
import type { MfaRequirement, MfaRequirementList } from "../config-mfa";

function factorsOf(requirement: MfaRequirement): string[] {
  if (typeof requirement === "string") return [requirement];
  return "oneOf" in requirement ? requirement.oneOf : requirement.allOfInAnyOrder;
}

function isMet(requirement: MfaRequirement, completed: Record<string, number>): boolean {
  const done = (factorId: string) => completed[factorId] !== undefined;
  if (typeof requirement === "string") return done(requirement);
  // An empty oneOf asks for nothing (a role that lists no factor), as SuperTokens reads it.
  if ("oneOf" in requirement) return requirement.oneOf.length === 0 || requirement.oneOf.some(done);
  return requirement.allOfInAnyOrder.every(done);
}

/** Whether every requirement is met. */
export function areRequirementsMet(requirements: MfaRequirementList, completed: Record<string, number>): boolean {
  return requirements.every((requirement) => isMet(requirement, completed));
}

/**
 * The factors that would meet the first unmet requirement: those of them the user has set up
 * when there are any (complete one), else all of them (set one up). Empty when everything is met.
 */
export function nextFactors(requirements: MfaRequirementList, completed: Record<string, number>, setUp: readonly string[]): string[] {
  const unmet = requirements.find((requirement) => !isMet(requirement, completed));
  if (!unmet) return [];
  const open = factorsOf(unmet).filter((factorId) => completed[factorId] === undefined);
  const ready = open.filter((factorId) => setUp.includes(factorId));
  return ready.length > 0 ? ready : open;
}
