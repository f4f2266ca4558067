import { and, eq, inArray } from "drizzle-orm";
import { ensureDefaultCriteria, listCriteria, saveAssessment } from "../../app/areas/assessment/assessment.server";
import { createTeam } from "../../app/areas/teams/teams.server";
import { SYSTEM_ACTOR } from "../../app/utils/audit.server";
import type { Db, Tx } from "../../app/utils/db.server";
import type { TeamKind } from "../schema/teams";
import * as s from "../schema";
import { projectsByTitle } from "./agenda-projects";
import type { SeededMunicipality, SeededOrganisation } from "./organisation";

/**
 * Demo assessments and teams. Scores follow the default criteria in this order:
 * benefit, goal fit | staffing, cooperation, training, change management | maturity, reuse,
 * interfaces, IT security. Together with the projects' progress (overdue milestones, budget)
 * they yield all three classifications.
 */
type Scores = [number, number, number, number, number, number, number, number, number, number];

const MUSTERSTADT_ASSESSMENTS: [string, Scores, Partial<Record<number, string>>][] = [
  ["Online-Terminvergabe Bürgeramt", [4, 4, 3, 4, 3, 3, 4, 3, 4, 4], { 0: "Wartezeit halbiert, sehr gute Rückmeldungen." }],
  ["Digitaler Bauantrag", [4, 4, 2, 3, 2, 3, 4, 4, 3, 3], { 4: "Schulung der Sachbearbeitung verzögert sich." }],
  ["Wohngeld online", [4, 3, 3, 3, 3, 3, 3, 4, 3, 3], { 7: "EfA-Dienst des Landes wird nachgenutzt." }],
  ["Chatbot für Bürgeranfragen", [2, 1, 1, 1, 0, 1, 1, 1, 2, 1], { 2: "Keine feste Zuständigkeit, Betreuung nebenher.", 4: "Redaktion nicht geschult." }],
  ["Gewerbeanmeldung digital", [3, 3, 3, 3, 3, 2, 3, 4, 3, 3], {}],
  ["Digitale Schule 2027", [4, 4, 3, 4, 3, 3, 4, 3, 3, 4], { 3: "Schulamt, IT und Schulträger arbeiten eng zusammen." }],
  ["Lernplattform für alle Schulen", [3, 3, 2, 3, 2, 2, 3, 4, 3, 3], {}],
  ["Smart Parking Innenstadt", [3, 3, 1, 1, 1, 1, 2, 2, 2, 2], { 2: "Stadtwerke und Ordnungsamt ohne gemeinsames Personal.", 3: "Abstimmung zwischen Stadtwerken und Ordnungsamt stockt." }],
  ["Echtzeitdaten ÖPNV", [3, 3, 3, 3, 2, 3, 3, 3, 3, 3], {}],
  ["Radverkehrszählung mit Sensoren", [2, 3, 2, 2, 2, 2, 3, 3, 2, 3], {}],
  ["Intelligente Straßenbeleuchtung", [3, 4, 3, 3, 3, 3, 3, 3, 3, 3], {}],
  ["Energiemonitoring kommunaler Gebäude", [3, 3, 2, 2, 1, 2, 2, 2, 1, 2], { 8: "Zählerdaten nur als PDF-Export, keine Schnittstelle." }],
  ["Schulungsoffensive Digitale Verwaltung", [4, 4, 3, 4, 4, 4, 3, 3, 3, 3], { 4: "Über 40 % der Beschäftigten bereits geschult." }],
  ["Digitallotsen-Netzwerk", [3, 4, 3, 4, 3, 4, 3, 3, 3, 3], {}],
  ["Change-Management Digitalisierung", [3, 3, 2, 2, 2, 1, 3, 2, 3, 3], {}],
  ["E-Akte Einführung", [3, 4, 1, 2, 1, 1, 3, 3, 2, 3], { 2: "Projektleitung nur mit halber Stelle.", 5: "Vorbehalte in mehreren Ämtern." }],
  ["Informationssicherheit nach BSI-Grundschutz", [3, 4, 2, 3, 2, 3, 3, 3, 3, 4], {}],
  ["Mieterportal Wohnungsbaugesellschaft", [3, 2, 2, 1, 2, 2, 3, 2, 2, 2], {}],
  ["Open-Data-Portal", [2, 2, 1, 2, 1, 1, 2, 3, 2, 2], {}],
  ["Digitale Rechnungsbearbeitung", [3, 3, 3, 3, 3, 3, 4, 3, 4, 4], {}],
];

type TeamSpec = {
  name: string;
  kind: TeamKind;
  description: string;
  projects: string[];
  /** unit name → number of members from it; the first member of the first unit leads */
  members: [string, number][];
  /** every member is a Digitallotse (the network) */
  pilots?: boolean;
};

const MUSTERSTADT_TEAMS: TeamSpec[] = [
  {
    name: "Projektteam E-Akte",
    kind: "projectTeam",
    description: "Führt die E-Akte schrittweise in allen Ämtern ein: Aktenplan, Scanprozess, Schulung.",
    projects: ["E-Akte Einführung", "Digitale Rechnungsbearbeitung"],
    members: [["Hauptamt", 2], ["Fachbereich IT", 2], ["Personalamt", 1], ["Kämmerei", 1]],
  },
  {
    name: "Task Force Informationssicherheit",
    kind: "taskForce",
    description: "Setzt die BSI-Grundschutz-Bausteine um und bereitet die Notfallübung vor.",
    projects: ["Informationssicherheit nach BSI-Grundschutz"],
    members: [["Fachbereich IT", 2], ["Ordnungsamt", 1], ["Stadtwerke Musterstadt GmbH", 1]],
  },
  {
    name: "Arbeitsgruppe Smart City",
    kind: "workingGroup",
    description: "Stimmt Sensorik, Datenplattform und Betrieb zwischen Verwaltung und Stadtwerken ab.",
    projects: ["Smart Parking Innenstadt", "Intelligente Straßenbeleuchtung", "Umweltsensoren Luftqualität"],
    members: [["Stadtwerke Musterstadt GmbH", 2], ["Bauamt", 1], ["Ordnungsamt", 1], ["Stabsstelle Digitalisierung", 1]],
  },
  {
    name: "Digitallotsen-Netzwerk Musterstadt",
    kind: "digitalPilotNetwork",
    description: "Je Amt eine Ansprechperson für Digitalisierung; monatlicher Austausch mit der CDO.",
    projects: ["Digitallotsen-Netzwerk", "Schulungsoffensive Digitale Verwaltung"],
    members: [
      ["Stabsstelle Digitalisierung", 1],
      ["Hauptamt", 1],
      ["Bürgeramt", 1],
      ["Bauamt", 1],
      ["Schulamt", 1],
      ["Sozialamt", 1],
      ["Ordnungsamt", 1],
    ],
    pilots: true,
  },
];

function employeesOfUnits(db: Db | Tx, unitIds: number[]) {
  const rows = db
    .select({ id: s.employees.id, unitId: s.employees.unitId })
    .from(s.employees)
    .where(inArray(s.employees.unitId, unitIds))
    .orderBy(s.employees.id)
    .all();
  const byUnit = new Map<number, number[]>();
  for (const r of rows) byUnit.set(r.unitId, [...(byUnit.get(r.unitId) ?? []), r.id]);
  return byUnit;
}

function seedTeams(tx: Tx, m: SeededMunicipality, actorEmail: string, specs: TeamSpec[]) {
  const caller = { municipalityId: m.id, actor: { userId: m.users.get(actorEmail) ?? null, label: actorEmail }, role: "cdo" as const };
  const projectIds = projectsByTitle(tx as unknown as Db, m.id);
  const byUnit = employeesOfUnits(tx, [...m.units.values()]);
  const used = new Map<number, number>();
  for (const spec of specs) {
    const chosen: number[] = [];
    for (const [unitName, n] of spec.members) {
      const unitId = m.units.get(unitName);
      if (!unitId) throw new Error(`demo team unit ${unitName} missing`);
      const pool = byUnit.get(unitId) ?? [];
      const offset = used.get(unitId) ?? 0;
      chosen.push(...pool.slice(offset, offset + n));
      used.set(unitId, offset + n);
    }
    const [lead, ...others] = chosen;
    const teamId = createTeam(tx, caller, {
      name: spec.name,
      kind: spec.kind,
      description: spec.description,
      projectIds: spec.projects.map((t) => {
        const id = projectIds.get(t);
        if (!id) throw new Error(`demo project ${t} missing`);
        return id;
      }),
      leadEmployeeId: lead,
      memberEmployeeIds: others,
    });
    if (spec.pilots) {
      tx.update(s.teamMembers).set({ teamRole: "digitalPilot" }).where(eq(s.teamMembers.teamId, teamId)).run();
      tx.update(s.teamMembers).set({ teamRole: "lead" }).where(and(eq(s.teamMembers.teamId, teamId), eq(s.teamMembers.employeeId, lead))).run();
    }
  }
}

function seedAssessments(tx: Tx, m: SeededMunicipality, actorEmail: string, list: [string, Scores, Partial<Record<number, string>>][]) {
  const caller = { municipalityId: m.id, actor: { userId: m.users.get(actorEmail) ?? null, label: actorEmail }, role: "cdo" as const };
  const criteria = listCriteria(tx, caller, { activeOnly: true });
  const projectIds = projectsByTitle(tx as unknown as Db, m.id);
  for (const [title, scores, comments] of list) {
    const projectId = projectIds.get(title);
    if (!projectId) throw new Error(`demo project ${title} missing`);
    saveAssessment(
      tx,
      caller,
      projectId,
      0,
      criteria.map((c, i) => ({ criterionId: c.id, score: scores[i], comment: comments[i] ?? "" })),
    );
  }
}

export function seedPortfolio(db: Db, org: SeededOrganisation): void {
  const tx = db as unknown as Tx;
  for (const m of [org.musterstadt, org.kleinhausen, ...org.others]) {
    ensureDefaultCriteria(tx, { municipalityId: m.id, actor: SYSTEM_ACTOR });
  }
  seedAssessments(tx, org.musterstadt, "cdo@musterstadt.example", MUSTERSTADT_ASSESSMENTS);
  seedTeams(tx, org.musterstadt, "cdo@musterstadt.example", MUSTERSTADT_TEAMS);

  seedAssessments(tx, org.kleinhausen, "cdo@kleinhausen.example", [
    ["Kleinhausen: EfA-Leistungen übernehmen", [3, 3, 2, 2, 2, 2, 4, 4, 3, 3], { 7: "Nachnutzung über den Roll-in-Service." }],
  ]);
  seedTeams(tx, org.kleinhausen, "cdo@kleinhausen.example", [
    {
      name: "Arbeitsgruppe Online-Dienste Kleinhausen",
      kind: "workingGroup",
      description: "Schaltet die EfA-Leistungen des Landes frei.",
      projects: ["Kleinhausen: EfA-Leistungen übernehmen"],
      members: [["Hauptverwaltung", 2], ["Finanzverwaltung", 1]],
    },
  ]);
}
