/**
 * Verwendungsnachweis with 2,000 receipts through the template engine (synthetic data, the shipped
 * template), side by side with bare pdfkit writing the same receipt table (same font, page setup,
 * PDF/A-3a tagging, columns, wrapping, repeated headers and page breaks) without the engine.
 * Prints report.final_report_ms, report.peak_rss_mb and report.vs_bare_pdfkit.
 */
import PDFDocument from "pdfkit";
import { renderReport } from "../app/reports/renderer.server";
import { loadTemplate, reportFonts } from "../app/reports/templates.server";
import { formatEuro } from "../app/utils/format";
import { syntheticFinalReport } from "../test/support/report-fixtures";

const RECEIPTS = 2000;
const RUNS = 3;
const MM = 72 / 25.4;

const data = syntheticFinalReport(RECEIPTS);
const { template, file } = loadTemplate("verwendungsnachweis");
const fonts = reportFonts();

async function engine(): Promise<number> {
  const pdf = await renderReport({ template, templateFile: file, data, assets: fonts });
  return pdf.length;
}

/** The receipt table written directly with pdfkit: what the engine's table costs at minimum. */
function bare(): Promise<number> {
  const margins = { top: 24 * MM, bottom: 22 * MM, left: 25 * MM, right: 20 * MM };
  const doc = new PDFDocument({
    size: "A4",
    margins,
    bufferPages: true,
    pdfVersion: "1.7",
    subset: "PDF/A-3a",
    tagged: true,
    lang: "de-DE",
    info: { Title: "Belegliste" },
  } as PDFKit.PDFDocumentOptions);
  doc.registerFont("F", Buffer.from(fonts.fontRegular));
  doc.registerFont("B", Buffer.from(fonts.fontBold));
  const width = doc.page.width - margins.left - margins.right;
  const weights = [19, 53, 54, 101, 60, 60, 60, 60];
  const total = weights.reduce((a, b) => a + b, 0);
  const xs: number[] = [];
  let x = margins.left;
  const ws = weights.map((w) => {
    xs.push(x);
    x += (w / total) * width;
    return (w / total) * width - 8;
  });
  const aligns = ["right", "left", "left", "left", "right", "right", "right", "right"] as const;
  const bottom = doc.page.height - margins.bottom;
  const root = doc.struct("Document");
  doc.addStructure(root);
  const table = doc.struct("Table");
  root.add(table);
  doc.fontSize(7);
  const line = doc.font("F").currentLineHeight(true) + 6;
  const headerLine = 2 * line - 6;
  const header = () => {
    const y = doc.y;
    doc.markContent("Artifact");
    doc.rect(margins.left, y, width, headerLine).fill("#e5e7eb");
    ["Nr.", "Beleg /\nbezahlt", "Beleg-Nr.", "Empfänger / Zweck", "Netto", "USt", "Brutto", "zuwen-\ndungsfähig"].forEach((h, i) =>
      doc.font("B").fillColor("#111827").text(h, xs[i] + 4, y + 3, { width: ws[i], align: aligns[i] }),
    );
    doc.endMarkedContent();
    doc.y = y + headerLine;
  };
  header();
  for (const r of data.receipts) {
    const cells = [String(r.runningNumber), r.dates, r.receiptNumber, r.payeePurpose, formatEuro(r.netCents), formatEuro(r.vatCents), formatEuro(r.amountCents), formatEuro(r.eligibleCents)];
    doc.font("F");
    let h = line;
    cells.forEach((c, i) => {
      if (c.includes("\n") || doc.widthOfString(c) > ws[i]) h = Math.max(h, doc.heightOfString(c, { width: ws[i] }) + 6);
    });
    if (doc.y + h > bottom) {
      doc.addPage();
      doc.y = margins.top;
      header();
    }
    const y = doc.y;
    const tr = doc.struct("TR");
    table.add(tr);
    cells.forEach((c, i) => {
      const td = doc.struct("TD");
      tr.add(td);
      const content = doc.markStructureContent("TD");
      doc.text(c, xs[i] + 4, y + 3, { width: ws[i], align: aligns[i] });
      doc.endMarkedContent();
      td.add(content);
      td.end();
    });
    tr.end();
    doc.markContent("Artifact");
    doc.moveTo(margins.left, y + h).lineTo(margins.left + width, y + h).lineWidth(0.3).strokeColor("#9ca3af").stroke();
    doc.endMarkedContent();
    doc.y = y + h;
  }
  table.end();
  root.end();
  return new Promise((resolve) => {
    let size = 0;
    doc.on("data", (c: Buffer) => (size += c.length));
    doc.on("end", () => resolve(size));
    doc.end();
  });
}

/** Wall-clock and CPU time (user + system) of one run; CPU time is less distorted by a busy machine. */
async function time(fn: () => Promise<number>): Promise<{ wall: number; cpu: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await fn();
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - start, cpu: (used.user + used.system) / 1000 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

// The first render in this fresh process gives the peak memory of one report (modules included);
// it also warms up module loading, font parsing and JIT, which are not part of a report's time.
await engine();
const peakRssMb = process.resourceUsage().maxRSS / 1024;
await bare();
const engineTimes: { wall: number; cpu: number }[] = [];
const bareTimes: { wall: number; cpu: number }[] = [];
for (let i = 0; i < RUNS; i++) {
  engineTimes.push(await time(engine));
  bareTimes.push(await time(bare));
}
const engineMs = median(engineTimes.map((t) => t.wall));
const bareMs = median(bareTimes.map((t) => t.wall));
const engineCpu = median(engineTimes.map((t) => t.cpu));
const bareCpu = median(bareTimes.map((t) => t.cpu));
console.log(`report.final_report_ms: ${Math.round(engineMs)} ms`);
console.log(`report.bare_pdfkit_table_ms: ${Math.round(bareMs)} ms`);
console.log(`report.peak_rss_mb: ${Math.round(peakRssMb)} MB`);
console.log(`report.vs_bare_pdfkit: ${(engineMs / bareMs).toFixed(2)} x`);
console.log(`report.final_report_cpu_ms: ${Math.round(engineCpu)} ms`);
console.log(`report.vs_bare_pdfkit_cpu: ${(engineCpu / bareCpu).toFixed(2)} x`);
