// `workerpool`: the library's worker script. Registers the `tile` task once the task module
// has loaded; workerpool holds messages until then.
import { workerData } from "node:worker_threads";
import { loadTaskModule } from "@dmx/thread-pool/load-module";
import workerpool from "workerpool";

const tasks = await loadTaskModule(workerData.moduleUrl);
workerpool.worker({
  tile(job, tile) {
    const result = tasks.tile(job, tile);
    const transfer = [];
    if (result.values) transfer.push(result.values.buffer);
    if (result.bytes) transfer.push(result.bytes.buffer);
    return new workerpool.Transfer(result, transfer);
  },
});
