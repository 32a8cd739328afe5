// workerpool needs its worker script to register the functions itself.
import workerpool from "workerpool";
import { cpu, tiny } from "./tasks.mjs";

workerpool.worker({ tiny, cpu });
