import { z } from "zod";
import { TEAM_KINDS, TEAM_ROLES, type TeamKind, type TeamRole } from "../../../db/schema/teams";

export { TEAM_KINDS, TEAM_ROLES, type TeamKind, type TeamRole };

export const TEAM_KIND_LABELS: Record<TeamKind, string> = {
  projectTeam: "Projektteam",
  taskForce: "Task Force",
  workingGroup: "Arbeitsgruppe",
  digitalPilotNetwork: "Digitallotsen-Netzwerk",
};

export const TEAM_ROLE_LABELS: Record<TeamRole, string> = {
  lead: "Leitung",
  member: "Mitglied",
  digitalPilot: "Digitallotse/Digitallotsin",
};

const idList = z.preprocess(
  (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.coerce.number().int().positive()),
);

/** The team form: name, kind, description, the projects it works on and its first members. */
export const TeamSchema = z.object({
  name: z
    .string({ error: "Bitte geben Sie einen Namen für das Team ein." })
    .trim()
    .min(3, { error: "Der Name muss mindestens 3 Zeichen lang sein." })
    .max(120, { error: "Der Name darf höchstens 120 Zeichen lang sein." }),
  kind: z.enum(TEAM_KINDS, { error: "Bitte wählen Sie die Art des Teams." }),
  description: z.string().trim().max(2000, { error: "Die Beschreibung darf höchstens 2000 Zeichen lang sein." }).optional().default(""),
  projectIds: idList,
  leadEmployeeId: z.coerce.number().int().positive().optional(),
  memberEmployeeIds: idList,
  version: z.coerce.number().int().nonnegative().optional(),
});
export type TeamInput = z.infer<typeof TeamSchema>;

export const AddMemberSchema = z.object({
  intent: z.literal("addMember"),
  employeeId: z.coerce.number({ error: "Bitte wählen Sie eine Person aus." }).int().positive({ error: "Bitte wählen Sie eine Person aus." }),
  teamRole: z.enum(TEAM_ROLES, { error: "Bitte wählen Sie eine Teamrolle." }),
  version: z.coerce.number().int().positive(),
});

export const RemoveMemberSchema = z.object({
  intent: z.literal("removeMember"),
  memberId: z.coerce.number().int().positive(),
  version: z.coerce.number().int().positive(),
});

export const DeleteTeamSchema = z.object({
  intent: z.literal("deleteTeam"),
  version: z.coerce.number().int().positive(),
});
