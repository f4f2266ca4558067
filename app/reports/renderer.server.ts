import PDFDocument from "pdfkit";
import QRCode from "qrcode";
import SVGtoPDF from "svg-to-pdfkit";
import { fitFontSize } from "./text-fit";
import { renderChartSvg } from "../utils/charts.server";
import { formatDateTime } from "../utils/format";
import { receiptsCsv } from "./csv";
import { checkLogo } from "./logo-image";
import { ReportError } from "./report-error";
import type { ReportBase } from "./data/types";
import { formatValue, interpolate, resolvePath, resolveRows } from "./placeholders";
import {
  type ChartSection,
  type QrCodeSection,
  type ReportTemplate,
  type Section,
  type SignatureSection,
  type TableColumn,
  type TableSection,
  TemplateError,
} from "./template-schema";
import { logger } from "../utils/logger.server";

/** Fonts and logo as bytes, so rendering needs no file access (it runs in a worker thread). */
export interface RenderAssets {
  fontRegular: Uint8Array;
  fontBold: Uint8Array;
  logo?: Uint8Array | null;
}

export interface RenderInput {
  template: ReportTemplate;
  /** Template file name, for error messages. */
  templateFile: string;
  data: ReportBase;
  assets: RenderAssets;
}


type Doc = PDFKit.PDFDocument;
type StructElement = PDFKit.PDFStructureElement;

const MM = 72 / 25.4;
/** Filing margins: 25 mm binding edge on the left (DIN 5008 leaves at least 20 mm). */
const MARGINS = { top: 24 * MM, bottom: 22 * MM, left: 25 * MM, right: 20 * MM };
const FONT = "DejaVu";
const FONT_BOLD = "DejaVu-Bold";
const COLOR_TEXT = "#111827";
const COLOR_MUTED = "#4b5563";
const COLOR_HEADING = "#1e3a5f";
const COLOR_RULE = "#9ca3af";
const COLOR_HEADER_FILL = "#e5e7eb";
const COLOR_SUM_FILL = "#f3f4f6";
const SIZE_BODY = 10;
const SIZE_TABLE = 8.5;
const SIZE_SMALL = 8;
const CELL_PAD_X = 4;
const CELL_PAD_Y = 3;

function chartSpec(section: ChartSection, rows: Record<string, unknown>[], width: number) {
  // A template may fix the plot width (e.g. to leave room for long axis labels).
  return { width, ...section.spec, height: section.height, data: { values: rows } };
}

/**
 * The Vega-Lite specification a template's chart renders from this data: the web pages call this
 * too, so page and PDF show the same chart from the same specification.
 */
export function templateChartSpec(template: ReportTemplate, file: string, data: unknown, index = 0, width = 420) {
  const charts = template.sections.filter((s): s is ChartSection => s.kind === "chart");
  const section = charts[index];
  if (!section) return undefined;
  return { title: section.title, description: section.description, spec: chartSpec(section, resolveRows(data, section.source, file), width) };
}

class Renderer {
  private readonly doc: Doc;
  private readonly root: StructElement;
  private readonly x0: number;
  private readonly width: number;
  private readonly file: string;
  private readonly data: ReportBase;
  private readonly template: ReportTemplate;
  private readonly logo: unknown;

  constructor(input: RenderInput) {
    this.template = input.template;
    this.file = input.templateFile;
    this.data = input.data;
    const title = interpolate(input.template.title, input.data, this.file);
    const generatedAt = new Date(input.data.generatedAt);
    this.doc = new PDFDocument({
      size: "A4",
      margins: MARGINS,
      bufferPages: true,
      autoFirstPage: true,
      pdfVersion: "1.7",
      subset: "PDF/A-3a",
      tagged: true,
      lang: "de-DE",
      displayTitle: true,
      info: {
        Title: title,
        Author: input.data.municipality.name,
        Subject: input.template.subject ? interpolate(input.template.subject, input.data, this.file) : title,
        Creator: "Fahrplan",
        Producer: "Fahrplan (pdfkit)",
        CreationDate: generatedAt,
        ModDate: generatedAt,
      },
    } as PDFKit.PDFDocumentOptions);
    this.doc.registerFont(FONT, Buffer.from(input.assets.fontRegular));
    this.doc.registerFont(FONT_BOLD, Buffer.from(input.assets.fontBold));
    this.doc.font(FONT).fontSize(SIZE_BODY).fillColor(COLOR_TEXT);
    this.logo = input.assets.logo ? this.openLogo(input.assets.logo) : null;
    this.x0 = MARGINS.left;
    this.width = this.doc.page.width - MARGINS.left - MARGINS.right;
    this.root = this.doc.struct("Document");
    this.doc.addStructure(this.root);
  }

  /**
   * Opened once so the image is embedded once and referenced from every page header. A logo that
   * does not decode (stored before uploads were checked, or damaged on disk) is left out: the
   * report matters more than its header image, and pdfkit fails late and asynchronously on it.
   */
  private openLogo(bytes: Uint8Array): unknown {
    const check = checkLogo(bytes);
    if (check.ok) {
      try {
        return (this.doc as unknown as { openImage(src: Buffer): unknown }).openImage(Buffer.from(bytes));
      } catch (error) {
        logger.warn({ template: this.file, err: error }, "report logo left out: pdfkit cannot open it");
        return null;
      }
    }
    logger.warn({ template: this.file, bytes: bytes.length }, "report logo left out: not a decodable PNG or JPEG");
    return null;
  }

  private get bottom(): number {
    return this.doc.page.height - MARGINS.bottom;
  }

  private newPage(): void {
    this.doc.addPage();
    this.doc.y = MARGINS.top;
  }

  /** Starts a new page unless `height` still fits on this one. */
  private ensure(height: number): void {
    if (this.doc.y + height > this.bottom) this.newPage();
  }

  /** Draws decoration (rules, fills) as an artifact, outside the logical structure. */
  private artifact(draw: () => void): void {
    this.doc.markContent("Artifact");
    draw();
    this.doc.endMarkedContent();
  }

  /** Adds a structure element with its content drawn by `draw` (marked content on the current page). */
  private tagged(parent: StructElement, type: string, draw: () => void, options: Record<string, unknown> = {}): void {
    const element = this.doc.struct(type as never, options as never);
    parent.add(element);
    const content = this.doc.markStructureContent(type as never);
    draw();
    this.doc.endMarkedContent();
    element.add(content);
    element.end();
  }

  private text(value: string): string {
    return interpolate(value, this.data, this.file);
  }

  async render(): Promise<Doc> {
    const sections = this.template.sections;
    for (let i = 0; i < sections.length; i++) {
      const section = sections[i];
      const next = sections[i + 1];
      // A heading stays on the page of the declaration and signature that follow it.
      if (section.kind === "heading" && next?.kind === "signature") this.heading(this.text(section.text), section.level, this.signatureHeight(next));
      else await this.section(section);
    }
    this.root.end();
    const pages = this.doc.bufferedPageRange().count;
    if (this.template.maxPages && pages > this.template.maxPages) {
      throw new ReportError(
        `Der Bericht passt nicht auf ${this.template.maxPages} Seite(n) (${pages} Seiten). Bitte kürzen Sie die Texte.`,
      );
    }
    this.pageFurniture();
    this.attachments();
    return this.doc;
  }

  private async section(section: Section): Promise<void> {
    switch (section.kind) {
      case "heading":
        return this.heading(this.text(section.text), section.level);
      case "paragraph":
        return this.paragraphs(section.text, section.style, section.emptyText);
      case "fields":
        return this.fields(section.title, section.rows);
      case "table":
        return this.table(section);
      case "chart":
        return this.chart(section);
      case "list":
        return this.list(section.title, section.source, section.item, section.emptyText);
      case "signature":
        return this.signature(section);
      case "qrCode":
        return this.qrCode(section);
      case "pageBreak":
        // No blank page when the previous section already ended on a full page.
        if (this.doc.y > MARGINS.top + 1) this.newPage();
        return;
    }
  }

  private heading(text: string, level: 1 | 2 | 3, keepWithNext = 50): void {
    const size = level === 1 ? 16 : level === 2 ? 12.5 : 10.5;
    const before = level === 1 ? 4 : 10;
    this.doc.font(FONT_BOLD).fontSize(size);
    const height = this.doc.heightOfString(text, { width: this.width });
    // Keep a heading with at least a few lines of what follows it.
    this.ensure(before + height + keepWithNext);
    if (this.doc.y > MARGINS.top) this.doc.y += before;
    this.tagged(this.root, `H${level}`, () => {
      this.doc.fillColor(COLOR_HEADING).text(text, this.x0, this.doc.y, { width: this.width });
    });
    this.doc.y += level === 1 ? 6 : 3;
    this.doc.font(FONT).fontSize(SIZE_BODY).fillColor(COLOR_TEXT);
  }

  private paragraphs(template: string, style: "normal" | "small" | "emphasis", emptyText?: string): void {
    const value = this.text(template).trim();
    const body = value === "" || value === "–" ? (emptyText ?? value) : value;
    const size = style === "small" ? SIZE_SMALL : SIZE_BODY;
    for (const paragraph of body.split(/\n\s*\n/)) {
      const text = paragraph.replace(/\s*\n\s*/g, " ").trim();
      if (!text) continue;
      this.doc.font(style === "emphasis" ? FONT_BOLD : FONT).fontSize(size).fillColor(style === "small" ? COLOR_MUTED : COLOR_TEXT);
      this.ensure(Math.min(this.doc.heightOfString(text, { width: this.width }), size * 3.6));
      // Long paragraphs flow onto the next page; pdfkit continues the marked content there.
      this.tagged(this.root, "P", () => {
        this.doc.text(text, this.x0, this.doc.y, { width: this.width, lineGap: 1.5 });
      });
      this.doc.y += size * 0.6;
    }
    this.doc.font(FONT).fontSize(SIZE_BODY).fillColor(COLOR_TEXT);
  }

  private fields(title: string | undefined, rows: { label: string; value: string }[]): void {
    if (title) this.heading(this.text(title), 3);
    const labelWidth = this.width * 0.38;
    const valueWidth = this.width - labelWidth;
    const table = this.doc.struct("Table");
    this.root.add(table);
    for (const row of rows) {
      const label = this.text(row.label);
      const value = this.text(row.value);
      this.doc.font(FONT).fontSize(SIZE_BODY);
      const height =
        Math.max(
          this.doc.heightOfString(value, { width: valueWidth - 2 * CELL_PAD_X }),
          this.doc.font(FONT_BOLD).heightOfString(label, { width: labelWidth - 2 * CELL_PAD_X }),
        ) +
        2 * CELL_PAD_Y;
      this.ensure(height);
      const y = this.doc.y;
      const tr = this.doc.struct("TR");
      table.add(tr);
      this.tagged(tr, "TH", () => {
        this.doc.font(FONT_BOLD).fillColor(COLOR_MUTED).text(label, this.x0 + CELL_PAD_X, y + CELL_PAD_Y, { width: labelWidth - 2 * CELL_PAD_X });
      }, { scope: "Row" });
      this.tagged(tr, "TD", () => {
        this.doc.font(FONT).fillColor(COLOR_TEXT).text(value, this.x0 + labelWidth + CELL_PAD_X, y + CELL_PAD_Y, { width: valueWidth - 2 * CELL_PAD_X });
      });
      tr.end();
      this.artifact(() => {
        this.doc.moveTo(this.x0, y + height).lineTo(this.x0 + this.width, y + height).lineWidth(0.4).strokeColor(COLOR_RULE).stroke();
      });
      this.doc.y = y + height;
    }
    table.end();
    this.doc.y += 8;
  }

  private columnLayout(columns: TableColumn[]) {
    const total = columns.reduce((s, c) => s + c.width, 0);
    let x = this.x0;
    return columns.map((c) => {
      const w = (c.width / total) * this.width;
      const col = { ...c, header: this.text(c.header), x, w, align: c.align ?? (c.format === "euro" || c.format === "number" || c.format === "percent" || c.format === "hours" ? "right" : "left") };
      x += w;
      return col;
    });
  }

  private table(section: TableSection): void {
    const all = resolveRows(this.data, section.source, this.file);
    const rows = section.maxRows ? all.slice(0, section.maxRows) : all;
    if (section.title) this.heading(this.text(section.title), 3);
    if (rows.length === 0) {
      this.paragraphs(section.emptyText, "normal");
      return;
    }
    const cols = this.columnLayout(section.columns);
    const size = section.fontSize ?? SIZE_TABLE;
    const sumCols = cols.filter((c) => c.sum);
    const doc = this.doc;
    const lineHeight = doc.font(FONT).fontSize(size).currentLineHeight(true);
    const singleRow = lineHeight + 2 * CELL_PAD_Y;
    doc.font(FONT_BOLD).fontSize(size);
    const headerHeight = Math.max(...cols.map((c) => doc.heightOfString(c.header, { width: c.w - 2 * CELL_PAD_X }))) + 2 * CELL_PAD_Y;
    const running = new Map<string, number>(sumCols.map((c) => [c.key, 0]));
    const groupSums = new Map<string, number>(sumCols.map((c) => [c.key, 0]));
    const table = doc.struct("Table");
    this.root.add(table);

    /** `measured`: the text's width, set by measure(); lets drawing skip line wrapping. */
    type Cell = { text: string; bold?: boolean; span?: number; skip?: boolean; measured?: number; noWrap?: boolean };
    /** A label cell may span the columns up to the first sum column (subtotal and carry rows). */
    const cellWidth = (cell: Cell, i: number) =>
      (cell.span ? cols[i + cell.span - 1].x + cols[i + cell.span - 1].w - cols[i].x : cols[i].w) - 2 * CELL_PAD_X;
    const firstSum = Math.max(1, cols.findIndex((c) => c.sum));
    const drawCells = (
      parent: StructElement | null,
      cells: Cell[],
      y: number,
      height: number,
      fill?: string,
      cellTag: "TD" | "TH" = "TD",
    ) => {
      // Without a parent the caller has opened an artifact already; artifacts must not nest.
      const decorate = (draw: () => void) => (parent ? this.artifact(draw) : draw());
      if (fill) decorate(() => doc.rect(this.x0, y, this.width, height).fill(fill));
      cells.forEach((cell, i) => {
        const col = cols[i];
        if (cell.skip) return;
        const width = cellWidth(cell, i);
        const align = cell.span ? "left" : col.align;
        const draw = () => {
          doc.font(cell.bold ? FONT_BOLD : FONT).fillColor(COLOR_TEXT);
          if (cell.measured !== undefined && !cell.text.includes("\n") && (cell.measured <= width || cell.noWrap)) {
            // Fast path for text known to fit on one line: place it directly, no line wrapping.
            // Sum cells never wrap: a wide total may extend into the empty label span to its left.
            const offset = align === "right" ? width - cell.measured : align === "center" ? (width - cell.measured) / 2 : 0;
            doc.text(cell.text, col.x + CELL_PAD_X + offset, y + CELL_PAD_Y, { lineBreak: false });
          } else {
            // The height limit keeps pdfkit from ever starting a page of its own inside a table.
            doc.text(cell.text, col.x + CELL_PAD_X, y + CELL_PAD_Y, { width, align, height: height - CELL_PAD_Y });
          }
        };
        if (parent) this.tagged(parent, cellTag, draw, cellTag === "TH" ? { scope: "Column" } : {});
        else draw();
      });
      decorate(() => {
        doc.moveTo(this.x0, y + height).lineTo(this.x0 + this.width, y + height).lineWidth(0.3).strokeColor(COLOR_RULE).stroke();
      });
    };

    const header = (repeated: boolean) => {
      const y = doc.y;
      doc.fontSize(size);
      const cells = cols.map((c) => ({ text: c.header, bold: true }));
      if (repeated) {
        // A repeated header is pagination, not content: an artifact, so screen readers read it once.
        doc.markContent("Artifact", { type: "Pagination" } as never);
        drawCells(null, cells, y, headerHeight, COLOR_HEADER_FILL);
        doc.endMarkedContent();
      } else {
        const thead = doc.struct("THead");
        table.add(thead);
        const tr = doc.struct("TR");
        thead.add(tr);
        drawCells(tr, cells, y, headerHeight, COLOR_HEADER_FILL, "TH");
        tr.end();
        thead.end();
      }
      doc.y = y + headerHeight;
    };

    const sumCells = (label: string, sums: Map<string, number>): Cell[] =>
      cols.map((c, i) => {
        if (!c.sum) {
          return { text: i === 0 ? label : "", bold: true, span: i === 0 && sumCols.length > 0 ? firstSum : undefined, skip: i > 0 && i < firstSum && sumCols.length > 0 };
        }
        const text = formatValue(sums.get(c.key) ?? 0, c.format);
        return { text, bold: true, noWrap: true, measured: doc.font(FONT_BOLD).fontSize(size).widthOfString(text) };
      });

    const carryRow = (label: string) => {
      const y = doc.y;
      doc.markContent("Artifact", { type: "Pagination" } as never);
      drawCells(null, sumCells(label, running), y, singleRow, COLOR_SUM_FILL);
      doc.endMarkedContent();
      doc.y = y + singleRow;
    };

    const tbody = doc.struct("TBody");
    table.add(tbody);
    const reserve = section.carryForward ? singleRow : 0;

    const pageBreak = () => {
      // Pages are appended at the end, so the current page number is the buffered page count.
      const page = doc.bufferedPageRange().count;
      if (section.carryForward) carryRow(`Übertrag auf Seite ${page + 1}`);
      this.newPage();
      header(true);
      if (section.carryForward) carryRow(`Übertrag von Seite ${page}`);
    };

    const bodyRow = (cells: Cell[], height: number, fill?: string, keepWithNext = 0) => {
      if (doc.y + height + reserve + keepWithNext > this.bottom) pageBreak();
      const y = doc.y;
      const tr = doc.struct("TR");
      tbody.add(tr);
      drawCells(tr, cells, y, height, fill);
      tr.end();
      doc.y = y + height;
    };

    const measure = (cells: Cell[]) => {
      let height = singleRow;
      cells.forEach((cell, i) => {
        if (cell.skip) return;
        const inner = cellWidth(cell, i);
        doc.font(cell.bold ? FONT_BOLD : FONT);
        cell.measured = doc.widthOfString(cell.text);
        if (cell.measured > inner || cell.text.includes("\n")) {
          height = Math.max(height, doc.heightOfString(cell.text, { width: inner }) + 2 * CELL_PAD_Y);
        }
      });
      return height;
    };

    const groupLabel = (value: unknown) => this.text(section.groupLabel.replace(/\{\{\s*group\s*\}\}/g, String(value ?? "")));

    this.ensure(headerHeight + singleRow * 2);
    header(false);
    doc.font(FONT).fontSize(size);
    let currentGroup: unknown = section.groupBy ? rows[0][section.groupBy] : undefined;
    const groupHeader = (value: unknown) => {
      if (!section.groupHeader) return;
      const text = this.text(section.groupHeader.replace(/\{\{\s*group\s*\}\}/g, String(value ?? "")));
      const cells: Cell[] = cols.map((_, i) => (i === 0 ? { text, bold: true, span: cols.length } : { text: "", skip: true }));
      // Never leave a group heading alone at the bottom of a page.
      bodyRow(cells, singleRow, undefined, singleRow * 2);
    };
    if (section.groupBy) groupHeader(currentGroup);
    for (let index = 0; index < rows.length; index++) {
      const row = rows[index];
      const cells = cols.map((c) => {
        const value = c.key.includes(".") ? resolvePath(row, c.key) : row[c.key];
        if (value === undefined) {
          throw new TemplateError(this.file, [`Tabelle „${section.source}“: Spalte „${c.key}“ fehlt in den Berichtsdaten`]);
        }
        return { text: formatValue(value, c.format) };
      });
      bodyRow(cells, measure(cells));
      for (const c of sumCols) {
        const v = Number(row[c.key] ?? 0);
        running.set(c.key, running.get(c.key)! + v);
        groupSums.set(c.key, groupSums.get(c.key)! + v);
      }
      if (section.groupBy) {
        const next = rows[index + 1];
        if (!next || next[section.groupBy] !== currentGroup) {
          bodyRow(sumCells(groupLabel(currentGroup), groupSums), singleRow, COLOR_SUM_FILL);
          for (const c of sumCols) groupSums.set(c.key, 0);
          currentGroup = next?.[section.groupBy];
          if (next) groupHeader(currentGroup);
        }
      }
    }
    if (section.totalLabel) {
      const cells = sumCells(this.text(section.totalLabel), running);
      bodyRow(cells, measure(cells), COLOR_HEADER_FILL);
    }
    tbody.end();
    table.end();
    if (section.maxRows && all.length > section.maxRows) {
      this.doc.y += 2;
      this.paragraphs(`… und ${all.length - section.maxRows} weitere`, "small");
    }
    doc.font(FONT).fontSize(SIZE_BODY).fillColor(COLOR_TEXT);
    doc.y += 10;
  }

  private async chart(section: ChartSection): Promise<void> {
    const rows = resolveRows(this.data, section.source, this.file);
    if (rows.length === 0) return;
    const title = this.text(section.title);
    const svg = await renderChartSvg(chartSpec(section, rows, Math.round(this.width * 0.8)) as never, title);
    const size = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
    const svgWidth = size ? Number(size[1]) : this.width;
    const svgHeight = size ? Number(size[2]) : section.height;
    const scale = Math.min(1, this.width / svgWidth);
    const width = svgWidth * scale;
    const height = svgHeight * scale;
    this.doc.font(FONT_BOLD).fontSize(SIZE_BODY);
    this.ensure(height + 30);
    this.tagged(this.root, "P", () => {
      this.doc.fillColor(COLOR_HEADING).text(title, this.x0, this.doc.y, { width: this.width });
    });
    this.doc.y += 4;
    const y = this.doc.y;
    this.tagged(
      this.root,
      "Figure",
      () => {
        SVGtoPDF(this.doc, svg, this.x0, y, {
          width,
          height,
          assumePt: true,
          preserveAspectRatio: "xMinYMin meet",
          fontCallback: (_family: string, bold: boolean) => (bold ? FONT_BOLD : FONT),
        });
      },
      { alt: this.text(section.description), bbox: [this.x0, y, this.x0 + width, y + height] },
    );
    this.doc.x = this.x0;
    this.doc.y = y + height + 10;
    this.doc.font(FONT).fontSize(SIZE_BODY).fillColor(COLOR_TEXT);
  }

  private list(title: string | undefined, source: string, item: string, emptyText: string): void {
    if (title) this.heading(this.text(title), 3);
    const rows = resolveRows(this.data, source, this.file);
    if (rows.length === 0) {
      this.paragraphs(emptyText, "normal");
      return;
    }
    const list = this.doc.struct("L");
    this.root.add(list);
    this.doc.font(FONT).fontSize(SIZE_BODY).fillColor(COLOR_TEXT);
    for (const row of rows) {
      const text = interpolate(item, { ...this.data, item: row }, this.file);
      const height = this.doc.heightOfString(text, { width: this.width - 14 });
      this.ensure(height + 3);
      const y = this.doc.y;
      const li = this.doc.struct("LI");
      list.add(li);
      this.tagged(li, "Lbl", () => {
        this.doc.text("•", this.x0 + 2, y, { width: 10, lineBreak: false });
      });
      this.tagged(li, "LBody", () => {
        this.doc.text(text, this.x0 + 14, y, { width: this.width - 14 });
      });
      li.end();
      this.doc.y = y + height + 3;
    }
    list.end();
    this.doc.y += 6;
  }

  private declarationText(section: SignatureSection): string | null {
    return section.text ? this.text(section.text).replace(/\s*\n\s*/g, " ") : null;
  }

  /** Height of declaration, place line and signature lines, which always stay on one page. */
  private signatureHeight(section: SignatureSection): number {
    const declaration = this.declarationText(section);
    this.doc.font(FONT).fontSize(SIZE_BODY);
    return 110 + (declaration ? this.doc.heightOfString(declaration, { width: this.width, lineGap: 1.5 }) : 0);
  }

  private signature(section: SignatureSection): void {
    const place = this.text(section.place);
    const signers = section.signers.map((s) => this.text(s));
    const declaration = this.declarationText(section);
    this.ensure(this.signatureHeight(section));
    const div = this.doc.struct("Div");
    this.root.add(div);
    this.doc.font(FONT).fontSize(SIZE_BODY).fillColor(COLOR_TEXT);
    if (declaration) {
      this.tagged(div, "P", () => {
        this.doc.text(declaration, this.x0, this.doc.y, { width: this.width, lineGap: 1.5 });
      });
    }
    this.doc.y += 18;
    this.tagged(div, "P", () => {
      this.doc.text(place, this.x0, this.doc.y, { width: this.width });
    });
    const y = this.doc.y + 44;
    const gap = 24;
    const w = Math.min((this.width - gap * (signers.length - 1)) / signers.length, (this.width - gap) / 2);
    signers.forEach((signer, i) => {
      const x = this.x0 + i * (w + gap);
      this.artifact(() => {
        this.doc.moveTo(x, y).lineTo(x + w, y).lineWidth(0.6).strokeColor(COLOR_TEXT).stroke();
      });
      this.tagged(div, "P", () => {
        this.doc.fontSize(SIZE_SMALL).fillColor(COLOR_MUTED).text(signer, x, y + 4, { width: w });
      });
    });
    div.end();
    this.doc.y = y + 34;
    this.doc.font(FONT).fontSize(SIZE_BODY).fillColor(COLOR_TEXT);
  }

  /** A QR code (error correction M) drawn module by module, with the caption to its right. */
  private qrCode(section: QrCodeSection): void {
    const value = this.text(section.value);
    const caption = this.text(section.caption);
    const modules = QRCode.create(value, { errorCorrectionLevel: "M" }).modules;
    const size = section.size;
    const cell = size / modules.size;
    this.ensure(size + 12);
    const x = this.x0;
    const y = this.doc.y + 4;
    this.tagged(
      this.root,
      "Figure",
      () => {
        for (let row = 0; row < modules.size; row++) {
          for (let col = 0; col < modules.size; col++) {
            if (modules.get(row, col)) this.doc.rect(x + col * cell, y + row * cell, cell, cell);
          }
        }
        this.doc.fillColor("#000000").fill();
      },
      { alt: `QR-Code: ${caption}`, bbox: [x, y, x + size, y + size] },
    );
    this.tagged(this.root, "P", () => {
      this.doc.font(FONT).fontSize(SIZE_SMALL).fillColor(COLOR_MUTED).text(caption, x + size + 14, y + 4, { width: this.width - size - 14 });
    });
    this.doc.x = this.x0;
    this.doc.y = y + size + 8;
    this.doc.font(FONT).fontSize(SIZE_BODY).fillColor(COLOR_TEXT);
  }

  /** Header (Kommune, logo, title) and footer (generation date, "Seite X von Y") on every page. */
  private pageFurniture(): void {
    const doc = this.doc;
    const range = doc.bufferedPageRange();
    const title = doc.info.Title as string;
    const generated = `Erstellt am ${formatDateTime(this.data.generatedAt)} mit Fahrplan`;
    // The draft mark opens the title's part of the band (see watermark()); the title starts after it.
    const markWidth = this.data.watermark ? this.doc.font(FONT_BOLD).fontSize(13).widthOfString(this.data.watermark.toUpperCase()) + 14 : 0;
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const margins = doc.page.margins;
      const savedBottom = margins.bottom;
      // Writing below the bottom margin would make pdfkit add a page; the footer sits there by design.
      margins.bottom = 0;
      doc.markContent("Artifact", { type: "Pagination" } as never);
      const top = 11 * MM;
      let nameX = this.x0;
      if (this.logo) {
        doc.image(this.logo as never, this.x0, top - 2, { fit: [34 * MM, 11 * MM] });
        nameX = this.x0 + 37 * MM;
      }
      // Name left, title right, both within the band above the rule: wrapped and, if need be, smaller – never cut.
      const band = 20 * MM - top - 2;
      const nameWidth = this.x0 + this.width * 0.4 - 8 - nameX;
      const name = this.data.municipality.name;
      doc.font(FONT_BOLD).fontSize(fitFontSize(doc, name, FONT_BOLD, { width: nameWidth, maxHeight: band, maxSize: 10, minSize: 6.5 }));
      doc.fillColor(COLOR_HEADING).text(name, nameX, top, { width: nameWidth });
      const titleWidth = this.width * 0.6 - markWidth;
      doc.font(FONT).fontSize(fitFontSize(doc, title, FONT, { width: titleWidth, maxHeight: band - 1, maxSize: SIZE_SMALL, minSize: 5.5 }));
      doc.fillColor(COLOR_MUTED).text(title, this.x0 + this.width * 0.4 + markWidth, top + 1, { width: titleWidth, align: "right" });
      doc.moveTo(this.x0, 20 * MM).lineTo(this.x0 + this.width, 20 * MM).lineWidth(0.5).strokeColor(COLOR_RULE).stroke();
      const footerY = doc.page.height - 14 * MM;
      doc.moveTo(this.x0, footerY - 4).lineTo(this.x0 + this.width, footerY - 4).lineWidth(0.5).strokeColor(COLOR_RULE).stroke();
      doc.font(FONT).fontSize(SIZE_SMALL).fillColor(COLOR_MUTED).text(generated, this.x0, footerY, { lineBreak: false });
      doc.text(`Seite ${i - range.start + 1} von ${range.count}`, this.x0 + this.width - 120, footerY, { width: 120, align: "right" });
      if (this.data.watermark) this.watermark(this.data.watermark);
      doc.endMarkedContent();
      margins.bottom = savedBottom;
    }
  }

  /**
   * The draft mark (e.g. "Entwurf") in the header band and above the footer rule of the page: outside
   * the content, so text extraction keeps the table lines whole.
   */
  private watermark(text: string): void {
    const doc = this.doc;
    doc.font(FONT_BOLD).fontSize(13).fillColor("#b91c1c");
    const w = doc.widthOfString(text.toUpperCase());
    doc.text(text.toUpperCase(), this.x0 + this.width * 0.4 + 4, 11 * MM - 2, { lineBreak: false });
    doc.rect(this.x0 + this.width * 0.4, 11 * MM - 4, w + 8, 17).lineWidth(1).strokeColor("#b91c1c").stroke();
    doc.font(FONT_BOLD).fontSize(SIZE_SMALL).fillColor("#b91c1c");
    doc.text(`${text} – nicht zur Einreichung bestimmt`, this.x0, doc.page.height - 14 * MM - 14, { width: this.width, align: "center", lineBreak: false });
  }

  private attachments(): void {
    const when = new Date(this.data.generatedAt);
    for (const csv of this.template.attachments.csv) {
      const rows = resolveRows(this.data, csv.source, this.file);
      this.doc.file(receiptsCsv(rows, csv.columns), {
        name: csv.name,
        type: "text/csv",
        description: this.text(csv.description),
        relationship: "Data",
        creationDate: when,
        modifiedDate: when,
      } as never);
    }
    if (this.template.attachments.json) {
      this.doc.file(Buffer.from(JSON.stringify(this.data), "utf8"), {
        name: this.template.attachments.json,
        type: "application/json",
        description: "Berichtsdaten (Datenstand der Erstellung)",
        relationship: "Source",
        creationDate: when,
        modifiedDate: when,
      } as never);
    }
  }
}

/**
 * Renders a report template with its data to a PDF/A-3a document. `onChunk` receives the bytes as
 * pdfkit produces them (for streaming); the promise resolves with the whole file.
 */
export async function renderReport(input: RenderInput, onChunk?: (chunk: Buffer) => void): Promise<Buffer> {
  const renderer = new Renderer(input);
  const doc = await renderer.render();
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      onChunk?.(chunk);
    });
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.end();
  return done;
}
