/**
 * Running heads never cut a name or title short ("…" or clipped): the text wraps within its box
 * and, while it is taller than the box, its size steps down to a readable minimum. Below that it
 * keeps wrapping, so every word is still printed.
 */
export function fitFontSize(
  doc: PDFKit.PDFDocument,
  text: string,
  font: string,
  box: { width: number; maxHeight: number; maxSize: number; minSize: number },
): number {
  for (let size = box.maxSize; size > box.minSize; size -= 0.5) {
    doc.font(font).fontSize(size);
    if (doc.heightOfString(text, { width: box.width }) <= box.maxHeight) return size;
  }
  return box.minSize;
}
