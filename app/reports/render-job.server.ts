import type { ReportBase, ReportType } from "./data/types";
import { renderReport } from "./renderer.server";
import { type RoadmapPdfInput, renderRoadmapPdf } from "./roadmap-pdf.server";
import { loadTemplate, reportFonts } from "./templates.server";

/** What the main thread sends to the render worker: plain data only. A template report … */
export interface TemplateRenderJob {
  id: number;
  kind?: "template";
  type: ReportType;
  variant: { municipalitySlug?: string; programmeId?: number };
  data: ReportBase;
  logo: Uint8Array | null;
}

/** … or the Fahrplan (own layout: A4 landscape, the roadmap drawing). */
export interface RoadmapRenderJob {
  id: number;
  kind: "roadmap";
  roadmap: RoadmapPdfInput;
}

export type RenderJob = TemplateRenderJob | RoadmapRenderJob;
/** A job as callers hand it over (the worker module numbers it). */
export type RenderJobInput = Omit<TemplateRenderJob, "id"> | Omit<RoadmapRenderJob, "id">;

/** Loads the template (lookup order incl. variants) and renders; chunks go out as they are produced. */
export async function runRenderJob(
  job: RenderJob,
  onChunk: (chunk: Buffer) => void,
  onTemplate: (file: string) => void = () => undefined,
): Promise<Buffer> {
  if (job.kind === "roadmap") {
    const pdf = await renderRoadmapPdf(job.roadmap);
    onChunk(pdf);
    return pdf;
  }
  const { template, file } = loadTemplate(job.type, job.variant);
  onTemplate(file);
  return renderReport({ template, templateFile: file, data: job.data, assets: { ...reportFonts(), logo: job.logo } }, onChunk);
}
