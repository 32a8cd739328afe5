// `worker-per-task`: one worker thread computes one tile, posts it back and ends.
import { parentPort, workerData } from "node:worker_threads";
import { loadTaskModule } from "@dmx/thread-pool/load-module";

const { moduleUrl, job, tile } = workerData;
const tasks = await loadTaskModule(moduleUrl);
const result = tasks.tile(job, tile);
const transfer = [];
if (result.values) transfer.push(result.values.buffer);
if (result.bytes) transfer.push(result.bytes.buffer);
parentPort.postMessage(result, transfer);
