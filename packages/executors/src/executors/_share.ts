import type { PointArrays } from "@dmx/geo";
import type { TileJob } from "../kernel/_tile-job.ts";
import type { NameBytes } from "../text/_csv.ts";

function sharedCopy<T extends Float64Array | Uint8Array | Uint32Array>(array: T): T {
  if (array.buffer instanceof SharedArrayBuffer) return array;
  const Ctor = array.constructor as new (buffer: SharedArrayBuffer) => T;
  const copy = new Ctor(new SharedArrayBuffer(array.byteLength));
  copy.set(array as never);
  return copy;
}

function sharePoints(points: PointArrays): PointArrays;
function sharePoints(points: PointArrays | undefined): PointArrays | undefined;
function sharePoints(points: PointArrays | undefined): PointArrays | undefined {
  return points && { lat: sharedCopy(points.lat), lon: sharedCopy(points.lon) };
}

function shareNames(names: NameBytes | undefined): NameBytes | undefined {
  return names && { bytes: sharedCopy(names.bytes), offsets: sharedCopy(names.offsets) };
}

/**
 * The job with its arrays on SharedArrayBuffers, so posting it to a worker with every task
 * copies a few handles instead of the points and names.
 */
export function shareJob(job: TileJob): TileJob {
  const { kernel, text } = job;
  return {
    dtype: job.dtype,
    file: job.file,
    kernel: {
      ...kernel,
      origins: sharePoints(kernel.origins),
      destinations: sharePoints(kernel.destinations),
    },
    text: text && {
      ...text,
      rowNames: shareNames(text.rowNames)!,
      colNames: shareNames(text.colNames),
    },
  };
}
