/** How a vote is spelled: GovernorCountingSimple's 0 = against, 1 = for, 2 = abstain. */
import { InvalidInputError } from "../errors/base.js";

export const SUPPORT = { against: 0, for: 1, abstain: 2 } as const;
export type SupportName = keyof typeof SUPPORT;
export type Support = SupportName | 0 | 1 | 2;

/**
 * @example toSupport("for") // 1
 */
export function toSupport(support: Support): 0 | 1 | 2 {
  if (typeof support === "string" && Object.hasOwn(SUPPORT, support)) return SUPPORT[support];
  if (support === 0 || support === 1 || support === 2) return support;
  throw new InvalidInputError("support", `"${String(support)}" is not for, against or abstain`);
}
