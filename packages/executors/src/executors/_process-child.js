// `process`: a child process (child_process.fork) that computes tiles sent over IPC.
// It keeps the job of the current run, and exits when its parent goes away.
import process from "node:process";
import { loadTaskModule } from "@dmx/thread-pool/load-module";

const moduleUrl = process.argv[2];
const tasks = await loadTaskModule(moduleUrl);
/** @type {Map<number, unknown>} */
const jobs = new Map();
process.on("disconnect", () => process.exit(0));
process.on("message", (message) => {
  if (message.type === "job") {
    jobs.clear();
    jobs.set(message.jobId, message.job);
    return;
  }
  try {
    const result = tasks.tile(jobs.get(message.jobId), message.tile);
    process.send({ id: message.id, ok: true, result });
  } catch (error) {
    process.send({ id: message.id, ok: false, message: String(error?.stack ?? error) });
  }
});
process.send({ ready: true });
