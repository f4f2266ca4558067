// Worker thread entry: renders reports off the server's main thread. Plain JavaScript so that it
// runs the same under the built server and in tests; tsx loads the TypeScript renderer.
import { parentPort } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { runRenderJob } = await import("./render-job.server.ts");

parentPort.on("message", async (job) => {
  try {
    await runRenderJob(
      job,
      (chunk) => {
        const copy = new Uint8Array(chunk);
        parentPort.postMessage({ id: job.id, chunk: copy }, [copy.buffer]);
      },
      (file) => parentPort.postMessage({ id: job.id, templateFile: file }),
    );
    parentPort.postMessage({ id: job.id, done: true });
  } catch (error) {
    parentPort.postMessage({
      id: job.id,
      error: { name: error.name, message: error.message, file: error.file, problems: error.problems, status: error.status },
    });
  }
});
