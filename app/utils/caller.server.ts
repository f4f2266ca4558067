import type { Role } from "../../db/schema/org";
import type { Actor } from "./audit.server";
import type { Tenant } from "./tenant.server";

/**
 * Who calls an area function that changes data: the Kommune (tenant), the actor for the audit and
 * the role whose permissions the function checks itself (`assertCan`). AppContext satisfies it;
 * background jobs and seeds pass the role they act for (null: only what needs no permission).
 */
export interface AreaCaller extends Tenant {
  readonly actor: Actor;
  readonly role: Role | null;
}
