import { reclassifyProjects } from "../../app/areas/assessment/assessment.server";
import { DEFAULT_CRITERIA } from "../../app/areas/assessment/classify";
import { type Db, getSqlite } from "../../app/utils/db.server";
import { addDaysIso, addMonthsIso, daysBetween, todayIso } from "../../app/utils/calendar";
import { pick } from "./names";
import type { ScaleContext } from "./scale";

/**
 * Land-scale portfolio: per Kommune an agenda with six fields of action and goals, about 50
 * projects (20,000 for 400 Kommunen) with workflow state, involved units, milestones and
 * dependencies, default assessment criteria, assessments for most projects and two teams.
 * Prepared statements on the shared connection; the classification is computed in one pass.
 */
export const PROJECTS_PER_MUNICIPALITY = 50;

const FIELDS: [string, "topics" | "organisation" | "technology"][] = [
  ["Verwaltung", "topics"],
  ["Bildung", "topics"],
  ["Mobilität", "topics"],
  ["Energie und Umwelt", "topics"],
  ["Personal und Organisation", "organisation"],
  ["Infrastruktur", "technology"],
];

const TOPICS = [
  "Online-Antrag", "E-Akte", "Terminvergabe", "Schul-WLAN", "Lernplattform", "Parkraumsensorik", "Energiemonitoring",
  "Ratsinformationssystem", "Digitallotsen", "Schulungsreihe", "Bürgerportal", "Open Data", "Glasfaser", "IT-Sicherheit",
  "Mängelmelder", "Rechnungsworkflow", "Geodatenportal", "Videoberatung", "Personalportal", "Smart Metering",
];

const STATES: [string, number][] = [
  ["idea", 0.1],
  ["assessment", 0.1],
  ["planned", 0.15],
  ["inProgress", 0.45],
  ["completed", 0.12],
  ["onHold", 0.05],
  ["cancelled", 0.03],
];

function weighted(random: () => number): string {
  let r = random();
  for (const [state, p] of STATES) {
    if ((r -= p) < 0) return state;
  }
  return "inProgress";
}

export function seedPortfolioScale(db: Db, ctx: ScaleContext): void {
  const sqlite = getSqlite();
  const random = ctx.random;
  const today = todayIso();
  const q = {
    agenda: sqlite.prepare("insert into agendas (municipality_id, title, vision) values (?, 'Digitalagenda', 'Digitale Kommune für alle.')"),
    field: sqlite.prepare("insert into fields_of_action (municipality_id, focus_area, name, sort_order) values (?, ?, ?, ?)"),
    goal: sqlite.prepare(
      "insert into goals (municipality_id, field_of_action_id, title, indicator, unit, baseline, target_value, target_date) values (?, ?, ?, ?, '%', ?, ?, ?)",
    ),
    goalValue: sqlite.prepare("insert into goal_values (municipality_id, goal_id, recorded_on, value) values (?, ?, ?, ?)"),
    project: sqlite.prepare(
      `insert into projects (municipality_id, title, description, field_of_action_id, lead_unit_id, start_date, end_date,
        budget_planned_cents, budget_spent_cents, ozg_relevant, efa_reuse) values (?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    involved: sqlite.prepare("insert or ignore into project_units (municipality_id, project_id, unit_id) values (?, ?, ?)"),
    milestone: sqlite.prepare("insert into milestones (municipality_id, project_id, title, due_date, done_at) values (?, ?, ?, ?, ?)"),
    dependency: sqlite.prepare("insert into project_dependencies (municipality_id, project_id, depends_on_project_id) values (?, ?, ?)"),
    instance: sqlite.prepare(
      "insert into workflow_instances (municipality_id, definition_key, definition_version, subject_type, subject_id, state) values (?, 'project', 1, 'project', ?, ?)",
    ),
    history: sqlite.prepare(
      "insert into workflow_history (municipality_id, instance_id, kind, to_state, instance_version, actor_label) values (?, ?, 'start', ?, 1, 'Skalierung')",
    ),
    criterion: sqlite.prepare(
      "insert into assessment_criteria (municipality_id, focus_area, key, label, description, weight, sort_order) values (?, ?, ?, ?, ?, ?, ?)",
    ),
    score: sqlite.prepare("insert into assessment_scores (municipality_id, project_id, criterion_id, score, comment) values (?, ?, ?, ?, '')"),
    assessment: sqlite.prepare(
      "insert into project_assessments (municipality_id, project_id, classification, total_score, reason) values (?, ?, 'onTrack', 0, '')",
    ),
    team: sqlite.prepare("insert into teams (municipality_id, name, kind, description) values (?, ?, ?, '')"),
    member: sqlite.prepare("insert or ignore into team_members (municipality_id, team_id, employee_id, team_role) values (?, ?, ?, ?)"),
    teamProject: sqlite.prepare("insert or ignore into team_projects (municipality_id, team_id, project_id) values (?, ?, ?)"),
  };

  for (const m of ctx.municipalities) {
    q.agenda.run(m.id);
    const fieldIds = FIELDS.map(([name, area], i) => Number(q.field.run(m.id, area, name, i).lastInsertRowid));
    fieldIds.forEach((fieldId, i) => {
      const baseline = Math.round(random() * 30);
      const goalId = Number(
        q.goal.run(m.id, fieldId, `Ziel ${FIELDS[i][0]}`, `Kennzahl ${FIELDS[i][0]}`, baseline, baseline + 40 + Math.round(random() * 30), addMonthsIso(today, 24)).lastInsertRowid,
      );
      q.goalValue.run(m.id, goalId, addMonthsIso(today, -6), baseline + Math.round(random() * 10));
      q.goalValue.run(m.id, goalId, addMonthsIso(today, -1), baseline + Math.round(random() * 25));
    });
    const criterionIds = DEFAULT_CRITERIA.map((c, i) =>
      Number(q.criterion.run(m.id, c.focusArea, c.key, c.label, c.description, c.weight, i).lastInsertRowid),
    );

    const projectIds: number[] = [];
    for (let n = 0; n < PROJECTS_PER_MUNICIPALITY; n++) {
      const startOffset = Math.floor(random() * 36) - 24;
      const start = addMonthsIso(today, startOffset);
      const end = addMonthsIso(start, 6 + Math.floor(random() * 24));
      const planned = (20 + Math.floor(random() * 480)) * 1_000_00;
      const state = weighted(random);
      const elapsed = Math.min(1, Math.max(0, (Date.parse(today) - Date.parse(start)) / (Date.parse(end) - Date.parse(start))));
      const spent = state === "idea" || state === "assessment" ? 0 : Math.round(planned * Math.min(1.15, elapsed * (0.7 + random() * 0.45)));
      const leadUnit = pick(random, m.unitIds);
      const projectId = Number(
        q.project.run(
          m.id,
          `${pick(random, TOPICS)} ${n + 1}`,
          pick(random, fieldIds),
          leadUnit,
          start,
          end,
          planned,
          spent,
          random() < 0.4 ? 1 : 0,
          random() < 0.3 ? 1 : 0,
        ).lastInsertRowid,
      );
      projectIds.push(projectId);
      const involvedCount = Math.floor(random() * 3);
      for (let k = 0; k < involvedCount; k++) {
        const unit = pick(random, m.unitIds);
        if (unit !== leadUnit) q.involved.run(m.id, projectId, unit);
      }
      const milestoneCount = 2 + Math.floor(random() * 3);
      for (let k = 1; k <= milestoneCount; k++) {
        const due = addDaysIso(start, Math.round(daysBetween(start, end) * (k / (milestoneCount + 1))));
        const done = due < today && random() < 0.93 ? due : null;
        q.milestone.run(m.id, projectId, `Meilenstein ${k}`, due, done);
      }
      if (n > 0 && random() < 0.15) q.dependency.run(m.id, projectId, projectIds[Math.floor(random() * n)]);
      const instanceId = Number(q.instance.run(m.id, projectId, state).lastInsertRowid);
      q.history.run(m.id, instanceId, state);
      if (random() < 0.7) {
        const base = 1 + Math.floor(random() * 3);
        criterionIds.forEach((criterionId) => {
          q.score.run(m.id, projectId, criterionId, Math.max(0, Math.min(4, base + Math.floor(random() * 3) - 1)));
        });
        q.assessment.run(m.id, projectId);
      }
    }

    for (const [name, kind, size] of [
      ["Projektteam Digitalisierung", "projectTeam", 5],
      ["Digitallotsen-Netzwerk", "digitalPilotNetwork", 4],
    ] as const) {
      const teamId = Number(q.team.run(m.id, name, kind).lastInsertRowid);
      for (let k = 0; k < Math.min(size, m.employeeIds.length); k++) {
        q.member.run(m.id, teamId, pick(random, m.employeeIds), k === 0 ? "lead" : kind === "digitalPilotNetwork" ? "digitalPilot" : "member");
      }
      for (let k = 0; k < 3; k++) q.teamProject.run(m.id, teamId, pick(random, projectIds));
    }
  }
  // One pass computes every classification from the scores and progress just inserted.
  reclassifyProjects(db, {}, today, { quiet: true });
}
