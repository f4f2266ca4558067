import type { AppContext } from "../../utils/context.server";
import { getDb } from "../../utils/db.server";
import { todayIso } from "../../utils/format";
import type { Permission } from "../../utils/permissions";
import { listPortfolio } from "../assessment/assessment.server";
import { currentMaturityChart } from "../maturity/maturity-chart.server";
import { shownChart } from "./chart-cache.server";
import { assessmentSection, goalSection, portfolioPageChart, projectSection } from "./dashboard.server";

/**
 * Every chart served by /diagramme/<name>/<hash>.svg: who may see it and how to draw it again
 * for the caller's Kommune (after a restart, or when the chart fell out of the cache).
 */
const SOURCES: Record<string, { permission: Permission; draw: (ctx: AppContext) => Promise<unknown> }> = {
  "projekte-status": { permission: "dashboard.view", draw: (ctx) => projectSection(getDb(), ctx) },
  budget: { permission: "dashboard.view", draw: (ctx) => projectSection(getDb(), ctx) },
  "portfolio-uebersicht": { permission: "dashboard.view", draw: (ctx) => assessmentSection(getDb(), ctx) },
  ziele: { permission: "dashboard.view", draw: (ctx) => goalSection(getDb(), ctx, todayIso()) },
  portfolio: { permission: "project.view", draw: (ctx) => portfolioPageChart(ctx, listPortfolio(getDb(), ctx)) },
  reifegrad: { permission: "maturity.view", draw: (ctx) => currentMaturityChart(getDb(), ctx) },
};

export function chartPermission(name: string): Permission | null {
  return Object.hasOwn(SOURCES, name) ? SOURCES[name].permission : null;
}

/**
 * The chart `name` with content hash `hash` as drawn for the caller's Kommune, or null when this
 * Kommune's data does not (or no longer) draw it – which is also the answer for another
 * Kommune's chart.
 */
export async function findChart(ctx: AppContext, name: string, hash: string): Promise<{ svg: string; hash: string } | null> {
  if (!Object.hasOwn(SOURCES, name)) return null;
  const known = shownChart(ctx, name, hash);
  if (known) return known;
  // Sections are drawn directly here, not through the dashboard memo, so the chart is registered again.
  await SOURCES[name].draw(ctx);
  return shownChart(ctx, name, hash);
}
