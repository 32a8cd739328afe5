/**
 * `@dmx/device-sim`: simulated smart-home devices, an IoT service, and `runSequence` /
 * `runParallel` step groups with timeouts, retries and a recorded timeline.
 * @module
 */
export {
  type ClassicIds,
  classicPrograms,
  sleepProgram,
  smartHomeDevices,
  WAKE_UP_SONG,
  wakeUpProgram,
} from "./_classic.ts";
export { type Clock, realClock, VirtualClock } from "./_clock.ts";
export {
  type Device,
  type OperationOptions,
  SimulatedDevice,
  type SimulationOptions,
} from "./_device.ts";
export {
  createDevice,
  type DeviceKind,
  DoorLock,
  type DoorLockState,
  deviceKinds,
  HueLight,
  type LightState,
  SmartSpeaker,
  SmartToilet,
  type SpeakerState,
  Thermostat,
  type ThermostatState,
  type ToiletState,
} from "./_devices.ts";
export {
  DeviceSimError,
  DeviceSimErrorCode,
  type DeviceSimErrorDetails,
  ErrorCode,
  type StepFailure,
} from "./_errors.ts";
export {
  type GroupOptions,
  runParallel,
  runSequence,
  type StepResult,
  type StepResults,
} from "./_groups.ts";
export { isMessageType, type Message, MessageType, messageTypes } from "./_message.ts";
export { parseProgram, parseProgramJson } from "./_parse.ts";
export type { StepPolicy } from "./_policy.ts";
export {
  checkProgram,
  type DeviceLookup,
  type ParallelProgram,
  type Program,
  type ProgramOptions,
  programDevices,
  type SequenceProgram,
} from "./_program.ts";
export { mulberry32, type Random, seededRandom } from "./_random.ts";
export { IoTService, type IoTServiceOptions } from "./_service.ts";
export { type RunReport, type SimulateOptions, simulate } from "./_simulate.ts";
export {
  isTask,
  type RunOptions,
  type Step,
  type StepContext,
  type StepInfo,
  type Task,
  type TaskRunOptions,
} from "./_task.ts";
export {
  type EndStep,
  type StepKind,
  type StepRecord,
  Timeline,
  type TimelineEvent,
  type TimelineListener,
} from "./_timeline.ts";
export { PROGRAM_LIMITS } from "./_validate.ts";
