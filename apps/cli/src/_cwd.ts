import { dirname, isAbsolute, resolve } from "node:path";

/**
 * The directory the user ran `dmx` from. `pnpm dmx` (and `npm run dmx`) start the CLI in the
 * folder of the package.json that holds the `dmx` script, the repository root, and say where
 * the user was in `INIT_CWD`; relative paths must resolve against that. Only trusted when the
 * process was started for the `dmx` script (`npm_lifecycle_event`) in the folder of that
 * script's package.json (`npm_package_json`): a script that changes directory itself, or any
 * other way of starting dmx, keeps the process's own `cwd`.
 */
export function userCwd(env: Readonly<Record<string, string | undefined>>, cwd: string): string {
  const init = env.INIT_CWD;
  const manifest = env.npm_package_json;
  if (env.npm_lifecycle_event !== "dmx" || !init || !isAbsolute(init) || !manifest) return cwd;
  return resolve(dirname(manifest)) === resolve(cwd) ? resolve(init) : cwd;
}
