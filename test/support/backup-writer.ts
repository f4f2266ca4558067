/**
 * A second process that writes while a backup runs: each round stores a file in the data directory
 * (as uploads do: file first), then commits one audited change, then prints "ack <round>" — an
 * acknowledged write. Stops after `--rounds` or when its stdin closes.
 */
import fs from "node:fs";
import path from "node:path";
import { writeAudit } from "../../app/utils/audit.server";
import { dataDirectory, transaction } from "../../app/utils/db.server";

const rounds = Number(process.argv[2] ?? 100_000);
const dir = path.join(dataDirectory(), "documents", "load");
fs.mkdirSync(dir, { recursive: true });
let stopped = false;
process.stdin.on("end", () => (stopped = true));
process.stdin.resume();

for (let round = 0; round < rounds && !stopped; round++) {
  fs.writeFileSync(path.join(dir, `round-${round}.txt`), `Beleg ${round}\n`);
  transaction((tx) =>
    writeAudit(tx, { actor: { userId: null, label: "Lasttest" }, municipalityId: null, entity: "project", entityId: round, action: "update", details: { round } }),
  );
  process.stdout.write(`ack ${round}\n`);
  // Let stdin's end event through now and then.
  if (round % 20 === 0) await new Promise((r) => setImmediate(r));
}
process.exit(0);
