/**
 * A real SMTP server for the mail tests (the `smtp-server` package), run as its own process.
 * Every message whose DATA arrived completely is written to `<dir>/<n>.eml` before the server
 * answers 250, like a real MTA that accepts responsibility. Controls (environment):
 * - SINK_FAIL_FIRST=n: answer the first n messages with 451 (temporary failure);
 * - SINK_STALL_MESSAGE=k: stop reading the k-th message's DATA half-way and print "stalled",
 *   so a test can kill the sending process mid-delivery.
 * Prints "listening <port>" when ready.
 */
import fs from "node:fs";
import path from "node:path";
import { SMTPServer } from "smtp-server";

const dir = process.argv[2]!;
fs.mkdirSync(dir, { recursive: true });
const failFirst = Number(process.env.SINK_FAIL_FIRST ?? 0);
const stallMessage = Number(process.env.SINK_STALL_MESSAGE ?? 0);
let received = 0;
let stored = 0;

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, _session, callback) {
    received++;
    const n = received;
    const chunks: Buffer[] = [];
    // A client that goes away mid-message destroys the stream: nothing is stored.
    stream.on("error", () => {});
    let stalled = false;
    stream.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      if (n === stallMessage && !stalled) {
        stalled = true;
        stream.pause();
        process.stdout.write("stalled\n");
      }
    });
    stream.on("end", () => {
      if (n <= failFirst) {
        const error = Object.assign(new Error("Bitte später erneut versuchen"), { responseCode: 451 });
        return callback(error);
      }
      stored++;
      fs.writeFileSync(path.join(dir, `${String(stored).padStart(4, "0")}.eml`), Buffer.concat(chunks));
      callback(null, "Nachricht angenommen");
    });
  },
});
server.on("error", (error) => process.stderr.write(`smtp sink: ${error.message}\n`));
server.listen(0, "127.0.0.1", () => {
  const address = server.server.address();
  process.stdout.write(`listening ${typeof address === "object" && address ? address.port : 0}\n`);
});
process.stdin.on("end", () => server.close(() => process.exit(0)));
process.stdin.resume();
