import { getSqlite, type Db } from "../../app/utils/db.server";
import type { ScaleContext } from "./scale";

/** States a scale application is put in, weighted towards running grants (which have receipts). */
const STATES = ["drafting", "internalReview", "submitted", "approved", "inProgress", "inProgress", "inProgress", "interimReport", "finalReportSubmitted", "closed", "rejected", "withdrawn"];
const GRANTED = new Set(["approved", "inProgress", "interimReport", "finalReportSubmitted", "closed"]);
const CATEGORIES = ["externalServices", "investments", "materials", "personnel"] as const;
const PAYEES = ["IT-Dienstleister Nord GmbH", "Bürotechnik Schmidt KG", "Softwarehaus Süd AG", "Netzwerk & Kabel GmbH", "Beratung Digital eG"];

export interface FundingScaleOptions {
  /** Total applications, spread evenly over the scale Kommunen. */
  applications: number;
  /** Total expenditures over the granted applications (the benchmark application's 2,000 included). */
  expenditures: number;
  /** Receipts of the first granted application, which the benchmark reads. */
  benchmarkReceipts: number;
}

export const FUNDING_SCALE_DEFAULTS: FundingScaleOptions = { applications: 8_000, expenditures: 400_000, benchmarkReceipts: 2_000 };

/**
 * Scale data for funding: applications with finance plans, workflow instances (state only, as a
 * read benchmark needs), drawdowns and receipts. Uses the Kommunen's projects when the projects
 * step created some, otherwise one project per application. Returns the benchmark application.
 */
export function seedFundingScale(_db: Db, ctx: ScaleContext, options: FundingScaleOptions = FUNDING_SCALE_DEFAULTS): { applicationId: number; municipalityId: number } {
  const sqlite = getSqlite();
  const random = ctx.random;
  const programme = sqlite.prepare("select id from funding_programmes where municipality_id is null order by id limit 1").get() as { id: number } | undefined;
  const programmeId =
    programme?.id ??
    Number(
      sqlite
        .prepare(
          "insert into funding_programmes (is_example, funder, name, description, rate_bp, max_grant_cents, eligible_cost_categories) values (1, 'Bund (Beispiel)', 'Skalierungsprogramm (Beispiel)', '', 6500, 50000000, '[]')",
        )
        .run().lastInsertRowid,
    );
  const ins = {
    field: sqlite.prepare("insert into fields_of_action (municipality_id, focus_area, name, sort_order) values (?, 'topics', 'Förderprojekte (Skalierung)', 99)"),
    project: sqlite.prepare(
      "insert into projects (municipality_id, title, description, field_of_action_id, lead_unit_id, start_date, end_date, budget_planned_cents) values (?, ?, '', ?, ?, ?, ?, ?)",
    ),
    app: sqlite.prepare(
      "insert into funding_applications (municipality_id, project_id, programme_id, title, own_contribution_confirmed, submitted_on, file_number, decision_date, granted_cents, funding_period_start, funding_period_end) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    item: sqlite.prepare("insert into finance_plan_items (municipality_id, application_id, cost_category, description, budget_year, planned_cents) values (?, ?, ?, ?, ?, ?)"),
    instance: sqlite.prepare(
      "insert into workflow_instances (municipality_id, definition_key, definition_version, subject_type, subject_id, state) values (?, 'fundingApplication', 1, 'fundingApplication', ?, ?)",
    ),
    history: sqlite.prepare("insert into workflow_history (municipality_id, instance_id, kind, to_state, instance_version, actor_label) values (?, ?, 'start', ?, 1, 'Skalierung')"),
    drawdown: sqlite.prepare(
      "insert into drawdowns (municipality_id, application_id, requested_on, requested_cents, planned_payments_cents, received_on, received_cents) values (?, ?, ?, ?, ?, ?, ?)",
    ),
    expenditure: sqlite.prepare(
      "insert into expenditures (municipality_id, application_id, receipt_number, receipt_date, payee, purpose, cost_category, amount_cents, paid_on) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ),
  };
  const projectsOf = sqlite.prepare("select id from projects where municipality_id = ? order by id");
  const perKommune = Math.ceil(options.applications / ctx.municipalities.length);
  const granted: { id: number; municipalityId: number }[] = [];
  let created = 0;
  for (const m of ctx.municipalities) {
    if (created >= options.applications) break;
    let projectIds = (projectsOf.all(m.id) as { id: number }[]).map((p) => p.id);
    if (projectIds.length === 0) {
      const field = Number(ins.field.run(m.id).lastInsertRowid);
      projectIds = Array.from({ length: Math.min(perKommune, 25) }, (_, i) =>
        Number(ins.project.run(m.id, `Förderprojekt ${i + 1}`, field, m.unitIds[0], "2026-01-01", "2027-12-31", 10_000_000 + i * 500_000).lastInsertRowid),
      );
    }
    for (let i = 0; i < perKommune && created < options.applications; i++, created++) {
      const state = created === 0 ? "inProgress" : STATES[Math.floor(random() * STATES.length)];
      const isGranted = GRANTED.has(state);
      const total = 2_000_000 + Math.floor(random() * 40_000) * 1_000;
      const grant = Math.floor((total * 0.65) / 100) * 100;
      const id = Number(
        ins.app.run(
          m.id,
          projectIds[i % projectIds.length],
          programmeId,
          `Förderantrag ${created + 1}`,
          state === "drafting" ? 0 : 1,
          state === "drafting" || state === "internalReview" ? null : "2026-01-15",
          isGranted ? `AZ-${created + 1}` : null,
          isGranted ? "2026-03-01" : null,
          isGranted ? grant : null,
          isGranted ? "2026-03-01" : null,
          isGranted ? "2027-12-31" : null,
        ).lastInsertRowid,
      );
      CATEGORIES.forEach((c, k) => ins.item.run(m.id, id, c, `Position ${k + 1}`, 2026 + (k % 2), Math.floor(total / 4)));
      const instance = Number(ins.instance.run(m.id, id, state).lastInsertRowid);
      ins.history.run(m.id, instance, state);
      if (isGranted) {
        ins.drawdown.run(m.id, id, "2026-04-01", Math.floor(grant / 3), Math.floor(total / 3), "2026-04-10", Math.floor(grant / 3));
        granted.push({ id, municipalityId: m.id });
      }
    }
  }
  const bench = granted[0];
  let receipts = 0;
  const addReceipts = (app: { id: number; municipalityId: number }, count: number) => {
    for (let r = 0; r < count; r++, receipts++) {
      const month = 1 + (r % 12);
      const day = 1 + (r % 28);
      const date = `2026-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
      ins.expenditure.run(
        app.municipalityId,
        app.id,
        `B-${app.id}-${r + 1}`,
        date,
        PAYEES[r % PAYEES.length],
        `Rechnung ${r + 1}`,
        CATEGORIES[r % CATEGORIES.length],
        10_000 + Math.floor(random() * 500_000),
        r % 3 === 0 ? null : date,
      );
    }
  };
  addReceipts(bench, options.benchmarkReceipts);
  const rest = granted.slice(1);
  const perApp = rest.length ? Math.floor((options.expenditures - receipts) / rest.length) : 0;
  let remainder = options.expenditures - receipts - perApp * rest.length;
  for (const app of rest) {
    addReceipts(app, perApp + (remainder > 0 ? 1 : 0));
    remainder--;
  }
  sqlite.pragma("optimize");
  return { applicationId: bench.id, municipalityId: bench.municipalityId };
}
