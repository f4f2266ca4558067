import { fitFontSize } from "./text-fit";
import PDFDocument from "pdfkit";
import { renderToStaticMarkup } from "react-dom/server";
import SVGtoPDF from "svg-to-pdfkit";
import { CLASSIFICATION_LABELS } from "../areas/assessment/classify";
import { type RoadmapLayout, roadmapBands } from "../areas/roadmap/layout";
import type { RoadmapEntry } from "../areas/roadmap/roadmap.server";
import { RoadmapSvg, roadmapSummary } from "../areas/roadmap/roadmap-svg";
import { formatDate } from "../utils/format";
import { reportFonts } from "./templates.server";

export interface RoadmapPdfInput {
  municipalityName: string;
  today: string;
  /** The filter in words ("Handlungsfeld Mobilität"), empty for the whole roadmap. */
  selection: string;
  layout: RoadmapLayout;
  entries: RoadmapEntry[];
}

const MM = 72 / 25.4;
const MARGIN = 10 * MM;
const FONT = "DejaVu";
const FONT_BOLD = "DejaVu-Bold";
const HEADER = 16 * MM;
const SIZE_TABLE = 7.5;
const PAD = 2.5;

/** Column widths as shares of the page width, like the printed page. */
const COLUMNS: { label: string; share: number; cell: (e: RoadmapEntry, today: string, titles: Map<number, string>) => string }[] = [
  { label: "Projekt", share: 0.19, cell: (e) => e.title },
  { label: "Federführung", share: 0.15, cell: (e) => e.leadUnitName },
  { label: "Status", share: 0.1, cell: (e) => e.stateLabel },
  { label: "Beginn", share: 0.07, cell: (e) => formatDate(e.startDate) || "–" },
  { label: "Ende", share: 0.07, cell: (e) => formatDate(e.endDate) || "–" },
  {
    label: "Meilensteine",
    share: 0.22,
    cell: (e, today) =>
      e.milestones
        .map(
          (m) =>
            `${formatDate(m.dueDate)} ${m.title}${m.originalDueDate ? ` (verschoben, ursprünglich ${formatDate(m.originalDueDate)})` : ""}${
              m.done ? " (erledigt)" : m.dueDate < today ? " (überfällig)" : ""
            }`,
        )
        .join("\n") || "–",
  },
  { label: "Abhängig von", share: 0.12, cell: (e, _t, titles) => e.dependsOn.map((id) => titles.get(id) ?? `Projekt ${id}`).join(", ") || "–" },
  { label: "Einstufung", share: 0.08, cell: (e) => (e.classification ? CLASSIFICATION_LABELS[e.classification] : "nicht bewertet") },
];

/**
 * The Fahrplan as a PDF on A4 landscape: the same drawing as the page (one slice per page under
 * its quarter axis, full width), then the same table. Every page names the Kommune and the date.
 */
export function renderRoadmapPdf(input: RoadmapPdfInput): Promise<Buffer> {
  const fonts = reportFonts();
  const doc = new PDFDocument({
    size: "A4",
    layout: "landscape",
    margins: { top: MARGIN + HEADER, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: `Fahrplan der Digitalagenda – ${input.municipalityName}`, Author: input.municipalityName, Subject: `Stand ${formatDate(input.today)}` },
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
  const bottom = () => doc.page.height - MARGIN;
  const { layout, entries, today } = input;
  const classes = new Map(entries.map((e) => [e.id, e.classification]));

  doc.font(FONT).fontSize(9).fillColor("#111827");
  doc.text(roadmapSummary(layout, today) + (input.selection ? ` Auswahl: ${input.selection}.` : ""), MARGIN, top, { width });
  let y = doc.y + 3 * MM;

  // The drawing: 1100 units across the page width; slices as tall as the page allows.
  const scale = width / layout.width;
  const legendHeight = 9 * MM;
  const firstRoom = (bottom() - y - legendHeight) / scale;
  const room = (bottom() - top - legendHeight) / scale;
  const bands = layout.rows.length ? roadmapBands(layout, Math.min(firstRoom, room)) : [];
  bands.forEach((band, i) => {
    if (i > 0) {
      doc.addPage();
      y = top;
    }
    const svg = renderToStaticMarkup(<RoadmapSvg layout={layout} today={today} classes={classes} band={band} idPrefix={`seite-${i + 1}`} />);
    const h = (layout.axisHeight + band.y1 - band.y0) * scale;
    SVGtoPDF(doc, svg, MARGIN, y, { width, height: h, assumePt: true, fontCallback: (_f: string, bold: boolean) => (bold ? FONT_BOLD : FONT) });
    y += h + 2 * MM;
  });
  if (bands.length) {
    doc.font(FONT).fontSize(7.5).fillColor("#374151");
    doc.text(
      "Legende: Balkenfarbe = Einstufung (blau Leuchtturm, grün auf Kurs, rot Nachzügler, grau nicht bewertet); schraffiert = beendet oder abgebrochen, gestrichelt umrandet = zurückgestellt (Status unter dem Titel); Raute weiß = Meilenstein offen, gelb mit rotem Rand = überfällig, schwarz = erledigt, gestrichelt = ursprünglicher Termin; Pfeil = Abhängigkeit (rot gestrichelt: beginnt vor Ende der Voraussetzung); rote Linie = heute.",
      MARGIN,
      y,
      { width },
    );
  } else {
    doc.text("Für diese Auswahl gibt es keine Projekte mit Beginn und Ende.", MARGIN, y, { width });
  }

  // The table, grouped by field of action, on new pages.
  const titles = new Map(entries.map((e) => [e.id, e.title]));
  const widths = COLUMNS.map((c) => c.share * width);
  const drawHeader = () => {
    doc.font(FONT_BOLD).fontSize(SIZE_TABLE).fillColor("#111827");
    const h = Math.max(...COLUMNS.map((c, i) => doc.heightOfString(c.label, { width: widths[i] - 2 * PAD }))) + 2 * PAD;
    doc.rect(MARGIN, y, width, h).fill("#e5e7eb").fillColor("#111827");
    let x = MARGIN;
    COLUMNS.forEach((c, i) => {
      doc.text(c.label, x + PAD, y + PAD, { width: widths[i] - 2 * PAD });
      x += widths[i];
    });
    y += h;
  };
  doc.addPage();
  y = top;
  doc.font(FONT_BOLD).fontSize(11).fillColor("#1e3a5f").text("Fahrplan als Tabelle", MARGIN, y);
  y = doc.y + 2 * MM;
  const groups = [...new Set(entries.map((e) => e.fieldOfActionName))].sort((a, b) => a.localeCompare(b, "de"));
  for (const group of groups) {
    const list = entries.filter((e) => e.fieldOfActionName === group);
    if (y + 40 > bottom()) {
      doc.addPage();
      y = top;
    }
    doc.font(FONT_BOLD).fontSize(9).fillColor("#1e3a5f").text(`${group} – ${list.length} ${list.length === 1 ? "Projekt" : "Projekte"}`, MARGIN, y, { width });
    y = doc.y + 1 * MM;
    drawHeader();
    for (const e of list) {
      const cells = COLUMNS.map((c) => c.cell(e, today, titles));
      const inactive = e.stateKind === "final" || e.stateKind === "waiting";
      doc.font(FONT).fontSize(SIZE_TABLE);
      const h = Math.max(...cells.map((text, i) => doc.heightOfString(text, { width: widths[i] - 2 * PAD }))) + 2 * PAD;
      if (y + h > bottom()) {
        doc.addPage();
        y = top;
        drawHeader();
      }
      let x = MARGIN;
      cells.forEach((text, i) => {
        doc.font(i === 2 && inactive ? FONT_BOLD : FONT).fontSize(SIZE_TABLE).fillColor("#111827");
        doc.text(text, x + PAD, y + PAD, { width: widths[i] - 2 * PAD });
        x += widths[i];
      });
      y += h;
      doc.moveTo(MARGIN, y).lineTo(MARGIN + width, y).lineWidth(0.4).strokeColor("#9ca3af").stroke();
    }
    y += 4 * MM;
  }
  if (layout.unscheduled.length) {
    doc.font(FONT).fontSize(8).fillColor("#374151").text(`Ohne Beginn oder Ende (nicht in der Grafik): ${layout.unscheduled.map((p) => p.title).join(", ")}.`, MARGIN, y, { width });
  }

  // Running head on every page: Kommune, date, page number.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // A long Kommune name wraps and shrinks within the head instead of running off the page.
    const head = `Fahrplan der Digitalagenda – ${input.municipalityName}`;
    doc.font(FONT_BOLD).fontSize(fitFontSize(doc, head, FONT_BOLD, { width, maxHeight: HEADER - 8 * MM, maxSize: 12, minSize: 8 }));
    doc.fillColor("#111827").text(head, MARGIN, MARGIN, { width });
    doc.font(FONT).fontSize(8.5).fillColor("#374151");
    doc.text(`Stand ${formatDate(today)} · Seite ${i + 1} von ${range.count}`, MARGIN, Math.max(MARGIN + 5 * MM, doc.y + 1), { width });
  }
  doc.end();
  return done;
}
