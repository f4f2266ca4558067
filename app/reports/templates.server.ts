import fs from "node:fs";
import path from "node:path";
import type { ReportType } from "./data/types";
import { type ReportTemplate, TemplateError, parseTemplateText } from "./template-schema";
import { BoundedCache } from "../utils/bounded-cache";
import { env } from "../utils/env.server";

export function templatesDirectory(): string {
  return path.resolve(env().TEMPLATES_PATH);
}

/**
 * Where a report type's template is looked up, most specific first:
 *   templates/<type>.<municipality-slug>.json   (a Kommune's own variant)
 *   templates/<type>.programm-<programmeId>.json (a funding programme's variant)
 *   templates/<type>.json                        (the shipped default)
 */
export function templateCandidates(type: ReportType, variant: { municipalitySlug?: string; programmeId?: number } = {}): string[] {
  const names: string[] = [];
  if (variant.municipalitySlug) names.push(`${type}.${variant.municipalitySlug}.json`);
  if (variant.programmeId) names.push(`${type}.programm-${variant.programmeId}.json`);
  names.push(`${type}.json`);
  return names;
}

// Keyed by existing template files (a missing one fails in statSync first); bounded all the same.
const cache = new BoundedCache<string, { mtimeMs: number; template: ReportTemplate }>(200);

/** Loads and validates one template file (cached until the file changes). */
export function loadTemplateFile(file: string): ReportTemplate {
  const stat = fs.statSync(file);
  const cached = cache.get(file);
  if (cached && cached.mtimeMs === stat.mtimeMs) return cached.template;
  const name = path.relative(process.cwd(), file) || file;
  const template = parseTemplateText(name, fs.readFileSync(file, "utf8"));
  cache.set(file, { mtimeMs: stat.mtimeMs, template });
  return template;
}

/** The template for a report type, following the lookup order; its type must match. */
export function loadTemplate(
  type: ReportType,
  variant: { municipalitySlug?: string; programmeId?: number } = {},
): { template: ReportTemplate; file: string } {
  const dir = templatesDirectory();
  for (const name of templateCandidates(type, variant)) {
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) continue;
    const template = loadTemplateFile(file);
    if (template.type !== type) {
      throw new TemplateError(name, [`type: „${template.type}“ passt nicht zum Dateinamen (${type})`]);
    }
    return { template, file: path.join("templates", name) };
  }
  throw new TemplateError(`templates/${type}.json`, ["Datei fehlt"]);
}

let fonts: { fontRegular: Uint8Array; fontBold: Uint8Array } | undefined;

/** The embedded font (DejaVu Sans, open licence, covers ä ö ü ß € „ “ –), read once. */
export function reportFonts(): { fontRegular: Uint8Array; fontBold: Uint8Array } {
  if (!fonts) {
    const dir = path.join(templatesDirectory(), "fonts");
    fonts = {
      fontRegular: fs.readFileSync(path.join(dir, "DejaVuSans.ttf")),
      fontBold: fs.readFileSync(path.join(dir, "DejaVuSans-Bold.ttf")),
    };
  }
  return fonts;
}
