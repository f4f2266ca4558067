import type { ReportBase, ReportType } from "./data/types";
import { renderReport } from "./renderer.server";
import { loadTemplate, reportFonts } from "./templates.server";

/** What the main thread sends to the render worker: plain data only. */
export interface RenderJob {
  id: number;
  type: ReportType;
  variant: { municipalitySlug?: string; programmeId?: number };
  data: ReportBase;
  logo: Uint8Array | null;
}

/** Loads the template (lookup order incl. variants) and renders; chunks go out as they are produced. */
export async function runRenderJob(
  job: RenderJob,
  onChunk: (chunk: Buffer) => void,
  onTemplate: (file: string) => void = () => undefined,
): Promise<Buffer> {
  const { template, file } = loadTemplate(job.type, job.variant);
  onTemplate(file);
  return renderReport({ template, templateFile: file, data: job.data, assets: { ...reportFonts(), logo: job.logo } }, onChunk);
}
