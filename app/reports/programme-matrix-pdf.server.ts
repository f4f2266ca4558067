import PDFDocument from "pdfkit";
import { STEP_STATUS_LABELS } from "../areas/rollin/programme-template";
import type { ProgrammeMatrix } from "../areas/rollin/matrix.server";
import { formatDate } from "../utils/format";
import { reportFonts } from "./templates.server";

const MM = 72 / 25.4;
const MARGIN = 10 * MM;
const HEADER = 16 * MM;
const FONT = "DejaVu";
const FONT_BOLD = "DejaVu-Bold";
const SIZE = 6.8;
const PAD = 2;
/** Steps per page width; more steps continue on further pages with the Kommune column repeated. */
const STEPS_PER_SHEET = 8;

function cellText(c: NonNullable<ProgrammeMatrix["rows"][number]["cells"][number]>): string {
  return [STEP_STATUS_LABELS[c.status], `${c.percent} % · fällig ${formatDate(c.dueDate)}`, c.ownerName ?? "niemand zuständig", c.overdue ? "ÜBERFÄLLIG" : ""].filter(Boolean).join("\n");
}

/**
 * The matrix on A4 landscape: Kommunen as rows (names wrap, nothing is cut), steps as columns
 * in slices of eight; overdue cells framed red and labelled, not only coloured. Header row
 * repeated on every page.
 */
export function renderProgrammeMatrixPdf(input: { providerName: string; today: string; selection: string; matrix: ProgrammeMatrix }): Promise<Buffer> {
  const fonts = reportFonts();
  const { matrix, today } = input;
  const title = `Programm-Matrix: ${matrix.template.name}`;
  const doc = new PDFDocument({
    size: "A4",
    layout: "landscape",
    margins: { top: MARGIN + HEADER, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: title, Author: input.providerName, Subject: `Stand ${formatDate(today)}` },
    lang: "de-DE",
    displayTitle: true,
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.registerFont(FONT, Buffer.from(fonts.fontRegular));
  doc.registerFont(FONT_BOLD, Buffer.from(fonts.fontBold));
  const width = doc.page.width - 2 * MARGIN;
  const top = MARGIN + HEADER;
  const bottom = doc.page.height - MARGIN;
  let y = top;
  doc.font(FONT).fontSize(8.5).fillColor("#111827");
  doc.text(
    `${matrix.rows.length} Kommunen${input.selection ? ` (${input.selection})` : ""}, aktuelle Version ${matrix.latestVersion}; ${matrix.totals.overdue} überfällige Schritte (rot umrandet, „ÜBERFÄLLIG“), ${matrix.totals.confirmed} von der Kommune bestätigt.`,
    MARGIN,
    y,
    { width },
  );
  y = doc.y + 3 * MM;
  const slices: number[][] = [];
  for (let i = 0; i < matrix.columns.length; i += STEPS_PER_SHEET) slices.push(matrix.columns.slice(i, i + STEPS_PER_SHEET).map((_, j) => i + j));
  if (!matrix.rows.length || !slices.length) doc.text("Dieses Programm läuft in keiner der gewählten Kommunen.", MARGIN, y, { width });
  const nameWidth = 0.16 * width;
  slices.forEach((slice, s) => {
    if (s > 0) {
      doc.addPage();
      y = top;
    }
    const stepWidth = (width - nameWidth) / Math.max(slice.length, 5);
    const widths = [nameWidth, ...slice.map(() => stepWidth)];
    const header = ["Kommune (Version)", ...slice.map((i) => `${matrix.columns[i].title}\n${matrix.columns[i].responsibleRole}`)];
    const drawHeader = () => {
      doc.font(FONT_BOLD).fontSize(SIZE);
      const h = Math.max(...header.map((t, i) => doc.heightOfString(t, { width: widths[i] - 2 * PAD }))) + 2 * PAD;
      doc.rect(MARGIN, y, widths.reduce((a, b) => a + b, 0), h).fill("#e5e7eb");
      let x = MARGIN;
      header.forEach((t, i) => {
        doc.fillColor("#111827").text(t, x + PAD, y + PAD, { width: widths[i] - 2 * PAD });
        x += widths[i];
      });
      y += h;
    };
    drawHeader();
    for (const r of matrix.rows) {
      const texts = [`${r.name}\nVersion ${r.templateVersion}`, ...slice.map((i) => (r.cells[i] ? cellText(r.cells[i]!) : "–"))];
      doc.font(FONT).fontSize(SIZE);
      const h = Math.max(...texts.map((t, i) => doc.heightOfString(t, { width: widths[i] - 2 * PAD }))) + 2 * PAD;
      if (y + h > bottom) {
        doc.addPage();
        y = top;
        drawHeader();
      }
      let x = MARGIN;
      texts.forEach((t, i) => {
        const cell = i > 0 ? r.cells[slice[i - 1]] : null;
        if (cell?.overdue) doc.rect(x + 0.6, y + 0.6, widths[i] - 1.2, h - 1.2).lineWidth(1.2).strokeColor("#b91c1c").stroke();
        doc.font(i === 0 ? FONT_BOLD : FONT).fontSize(SIZE).fillColor(cell?.overdue ? "#991b1b" : "#111827");
        doc.text(t, x + PAD, y + PAD, { width: widths[i] - 2 * PAD });
        x += widths[i];
      });
      y += h;
      doc.moveTo(MARGIN, y).lineTo(MARGIN + widths.reduce((a, b) => a + b, 0), y).lineWidth(0.4).strokeColor("#9ca3af").stroke();
    }
  });
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.font(FONT_BOLD).fontSize(12).fillColor("#111827").text(title, MARGIN, MARGIN, { width, lineBreak: false });
    doc.font(FONT).fontSize(8.5).fillColor("#374151").text(`${input.providerName} · Stand ${formatDate(today)} · Seite ${i + 1} von ${range.count}`, MARGIN, MARGIN + 5 * MM, { width, lineBreak: false });
  }
  doc.end();
  return done;
}
