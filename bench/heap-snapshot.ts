/**
 * Reads a V8 heap snapshot (`.heapsnapshot`, as written by `--heapsnapshot-signal`) and sums the
 * live objects' own sizes, in total and per constructor, so that two snapshots of one process can
 * be compared: what grew between them.
 */
import fs from "node:fs";

export interface HeapSummary {
  totalBytes: number;
  /** "type:name" (e.g. "object:Statement", "string:(string)") → [count, bytes] */
  byKind: Map<string, [number, number]>;
}

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
  nodes: number[];
  strings: string[];
}

export function summarizeHeapSnapshot(file: string): HeapSummary {
  const data = JSON.parse(fs.readFileSync(file, "utf8")) as Snapshot;
  const fields = data.snapshot.meta.node_fields;
  const types = data.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf("type");
  const nameAt = fields.indexOf("name");
  const sizeAt = fields.indexOf("self_size");
  const byKind = new Map<string, [number, number]>();
  let totalBytes = 0;
  for (let i = 0; i < data.nodes.length; i += width) {
    const type = types[data.nodes[i + typeAt]];
    const size = data.nodes[i + sizeAt];
    totalBytes += size;
    // Strings and code are grouped by type only: their "names" are their contents.
    const name = type === "object" || type === "native" || type === "closure" ? data.strings[data.nodes[i + nameAt]] : `(${type})`;
    const key = `${type}:${name}`;
    const entry = byKind.get(key) ?? [0, 0];
    entry[0]++;
    entry[1] += size;
    byKind.set(key, entry);
  }
  return { totalBytes, byKind };
}

/** The kinds whose bytes grew most from `before` to `after`, largest growth first. */
export function heapGrowth(before: HeapSummary, after: HeapSummary, top = 8): { kind: string; countDelta: number; bytesDelta: number }[] {
  const kinds = new Set([...before.byKind.keys(), ...after.byKind.keys()]);
  return [...kinds]
    .map((kind) => {
      const [c0, b0] = before.byKind.get(kind) ?? [0, 0];
      const [c1, b1] = after.byKind.get(kind) ?? [0, 0];
      return { kind, countDelta: c1 - c0, bytesDelta: b1 - b0 };
    })
    .sort((a, b) => b.bytesDelta - a.bytesDelta)
    .slice(0, top);
}
