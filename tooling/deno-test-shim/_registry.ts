// Collects describe/it blocks and registers one Deno.test per test case, in order.
// Deno's op and resource sanitizers (leak detection) stay on, except for tests in a group with
// a beforeAll/afterAll hook: what such a hook opens lives across tests by design, and Deno
// would blame it on the first or last test of the group.
declare const Deno: {
  test(options: {
    name: string;
    ignore?: boolean;
    sanitizeOps?: boolean;
    sanitizeResources?: boolean;
    fn: () => Promise<void>;
  }): void;
};

type Hook = () => unknown;
type TestFn = () => unknown;

interface Suite {
  name: string;
  parent: Suite | undefined;
  beforeAll: Hook[];
  afterAll: Hook[];
  beforeEach: Hook[];
  afterEach: Hook[];
  pending: number;
  started: boolean;
  skipped: boolean;
}

const root: Suite = newSuite("", undefined, false);
let current = root;

function newSuite(name: string, parent: Suite | undefined, skipped: boolean): Suite {
  return {
    name,
    parent,
    beforeAll: [],
    afterAll: [],
    beforeEach: [],
    afterEach: [],
    pending: 0,
    started: false,
    skipped,
  };
}

function chain(suite: Suite): Suite[] {
  const out: Suite[] = [];
  for (let s: Suite | undefined = suite; s; s = s.parent) out.unshift(s);
  return out;
}

/** Test cases of the outermost group being declared: registered when it closes, once its hooks are known. */
let queued: (() => void)[] = [];

function register(name: string, fn: TestFn | undefined, skip: boolean): void {
  const suites = chain(current);
  const ignore = skip || fn === undefined || suites.some((s) => s.skipped);
  const fullName = [...suites.map((s) => s.name).filter(Boolean), name].join(" > ");
  if (!ignore) for (const s of suites) s.pending++;
  const add = () => {
    const shared = suites.some((s) => s.beforeAll.length > 0 || s.afterAll.length > 0);
    Deno.test({
      name: fullName,
      ignore,
      sanitizeOps: !shared,
      sanitizeResources: !shared,
      fn: () => run(suites, fn),
    });
  };
  if (current === root) add();
  else queued.push(add);
}

async function run(suites: Suite[], fn: TestFn | undefined): Promise<void> {
  for (const s of suites) {
    if (!s.started) {
      s.started = true;
      for (const h of s.beforeAll) await h();
    }
  }
  try {
    for (const s of suites) for (const h of s.beforeEach) await h();
    await fn!();
  } finally {
    for (const s of [...suites].reverse()) for (const h of s.afterEach) await h();
    for (const s of [...suites].reverse()) {
      s.pending--;
      if (s.pending === 0) for (const h of s.afterAll) await h();
    }
  }
}

function formatName(template: string, row: unknown, index: number): string {
  const args = Array.isArray(row) ? row : [row];
  let i = 0;
  let out = template.replace(/%[sdifjo#%]/g, (m) => {
    if (m === "%%") return "%";
    if (m === "%#") return String(index);
    const v = args[i++];
    return m === "%j" || m === "%o" ? JSON.stringify(v) : String(v);
  });
  if (row !== null && typeof row === "object" && !Array.isArray(row)) {
    out = out.replace(/\$([A-Za-z_][\w.]*)/g, (_m, key: string) => {
      let v: unknown = row;
      for (const k of key.split(".")) v = (v as Record<string, unknown>)?.[k];
      return typeof v === "object" ? JSON.stringify(v) : String(v);
    });
  }
  return out;
}

type EachArgs<T> = T extends readonly unknown[] ? T : [T];
type Each = <T>(
  table: readonly T[],
) => (name: string, fn: (...args: EachArgs<T>) => unknown, timeout?: number) => void;

function each(skip: boolean): Each {
  return <T>(table: readonly T[]) =>
    (name: string, fn: (...args: EachArgs<T>) => unknown) => {
      table.forEach((row, index) => {
        const args = (Array.isArray(row) ? row : [row]) as EachArgs<T>;
        register(formatName(name, row, index), () => fn(...args), skip);
      });
    };
}

type ItFn = ((name: string, fn?: TestFn, timeout?: number) => void) & {
  each: Each;
  skip: (name: string, fn?: TestFn) => void;
  only: (name: string, fn?: TestFn) => void;
  todo: (name: string) => void;
  skipIf: (cond: unknown) => (name: string, fn?: TestFn) => void;
  runIf: (cond: unknown) => (name: string, fn?: TestFn) => void;
};

/** Declares a test case. */
export const it: ItFn = Object.assign((name: string, fn?: TestFn) => register(name, fn, false), {
  each: each(false),
  skip: (name: string, fn?: TestFn) => register(name, fn, true),
  only: () => {
    throw new Error("deno-test-shim: it.only is not supported; remove it before committing");
  },
  todo: (name: string) => register(name, undefined, true),
  skipIf: (cond: unknown) => (name: string, fn?: TestFn) => register(name, fn, Boolean(cond)),
  runIf: (cond: unknown) => (name: string, fn?: TestFn) => register(name, fn, !cond),
});
/** Alias of {@link it}. */
export const test: ItFn = it;

type DescribeFn = ((name: string, body: () => void) => void) & {
  skip: (name: string, body: () => void) => void;
  skipIf: (cond: unknown) => (name: string, body: () => void) => void;
  runIf: (cond: unknown) => (name: string, body: () => void) => void;
  each: <T>(table: readonly T[]) => (name: string, body: (...args: EachArgs<T>) => void) => void;
};

function suite(name: string, body: () => void, skipped: boolean): void {
  const parent = current;
  current = newSuite(name, parent, skipped);
  try {
    const result = body() as unknown;
    if (result instanceof Promise) throw new Error(`describe("${name}") must be synchronous`);
  } finally {
    current = parent;
  }
  if (current === root) {
    const adds = queued;
    queued = [];
    for (const add of adds) add();
  }
}

/** Groups tests; hooks declared inside apply to the group. */
export const describe: DescribeFn = Object.assign(
  (name: string, body: () => void) => suite(name, body, false),
  {
    skip: (name: string, body: () => void) => suite(name, body, true),
    skipIf: (cond: unknown) => (name: string, body: () => void) => suite(name, body, Boolean(cond)),
    runIf: (cond: unknown) => (name: string, body: () => void) => suite(name, body, !cond),
    each:
      <T>(table: readonly T[]) =>
      (name: string, body: (...args: EachArgs<T>) => void) =>
        table.forEach((row, index) => {
          const args = (Array.isArray(row) ? row : [row]) as EachArgs<T>;
          suite(formatName(name, row, index), () => body(...args), false);
        }),
  },
);

/** Runs once before the first test of the enclosing group. */
export const beforeAll = (h: Hook): void => void current.beforeAll.push(h);
/** Runs once after the last test of the enclosing group. */
export const afterAll = (h: Hook): void => void current.afterAll.push(h);
/** Runs before every test of the enclosing group. */
export const beforeEach = (h: Hook): void => void current.beforeEach.push(h);
/** Runs after every test of the enclosing group. */
export const afterEach = (h: Hook): void => void current.afterEach.push(h);
