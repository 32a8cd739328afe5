import { availableParallelism, cpus, loadavg, totalmem } from "node:os";
import process from "node:process";

/** Where the numbers were measured: the `--json` "machine" object. */
export interface MachineInfo {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly platform: string;
  readonly runtime: string;
  /** 1, 5 and 15 minute load averages when the bench started (other work skews numbers). */
  readonly loadAverage: readonly number[];
  readonly date: string;
}

/** Describes this machine and runtime now. */
export function machineInfo(): MachineInfo {
  const deno = (globalThis as { Deno?: { version?: { deno?: string } } }).Deno?.version?.deno;
  return {
    cpu: cpus()[0]?.model.trim() ?? "unknown",
    cores: availableParallelism(),
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    platform: `${process.platform} ${process.arch}`,
    runtime: deno ? `deno ${deno}` : `node ${process.version}`,
    loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
    date: new Date().toISOString(),
  };
}
