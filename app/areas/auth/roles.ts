import { ROLES } from "../../../db/schema/org";

/** Roles an admin hands out; Roll-in-Service access comes from the provider's assignment instead. */
export const ASSIGNABLE_ROLES = ROLES.filter((r) => r !== "rollInManager") as [
  Exclude<(typeof ROLES)[number], "rollInManager">,
  ...Exclude<(typeof ROLES)[number], "rollInManager">[],
];
