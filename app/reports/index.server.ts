/**
 * The reports area's public server API for other areas: render a Teilnahmebescheinigung from
 * certificate data, and the URLs of report previews/archives to link to.
 */
import type { CertificateData } from "./data/types";
import type { RoadmapPdfInput } from "./roadmap-pdf.server";
import { renderInWorker } from "./worker.server";

export { reportPreviewUrl, grantReportPageUrl, archivedReportUrl } from "./urls";
export { ReportError } from "./report-error";
export { TemplateError } from "./template-schema";

/**
 * Renders a Teilnahmebescheinigung (template templates/teilnahmebescheinigung[.<slug>].json) in the
 * report worker. `stream` is the PDF for a streamed response; `done` resolves with the bytes.
 */
export function renderCertificate(data: CertificateData, logo: Uint8Array | null = null) {
  const job = renderInWorker({ type: "teilnahmebescheinigung", variant: { municipalitySlug: data.municipality.slug }, data, logo });
  return { stream: job.stream, done: job.done.then((r) => r.bytes) };
}

/** Renders the Fahrplan as a PDF (A4 landscape) in the report worker; resolves with the bytes. */
export function renderRoadmap(roadmap: RoadmapPdfInput): Promise<Buffer> {
  return renderInWorker({ kind: "roadmap", roadmap }).done.then((r) => r.bytes);
}
