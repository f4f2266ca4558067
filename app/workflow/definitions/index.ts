import { DefinitionSchema, type WorkflowDefinition } from "../definition";
import { fundingApplicationDefinition } from "./funding-application";
import { projectDefinition } from "./project";
import { trainingSessionDefinition } from "./training-session";

/** Built-in definitions are version 1 of their key; a Kommune may deploy versions 2, 3, … */
export const BUILT_IN_VERSION = 1;

export const BUILT_IN_DEFINITIONS: readonly WorkflowDefinition[] = [
  projectDefinition,
  trainingSessionDefinition,
  fundingApplicationDefinition,
].map((d) => DefinitionSchema.parse(d));

export function builtInDefinition(key: string): WorkflowDefinition | undefined {
  return BUILT_IN_DEFINITIONS.find((d) => d.key === key);
}
