// An independent reference for location CSV, written from the README's rules (not from the
// reader's code): used by the fuzz tests to say what a text must give.

/** What a text must give: the places, or that it fails; `unsure` where the rules are silent. */
export type Expected =
  | { readonly kind: "ok"; readonly rows: readonly string[] }
  | { readonly kind: "error" }
  | { readonly kind: "unsure" };

const fail = { kind: "error" } as const;
const unsure = { kind: "unsure" } as const;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const FIELD_SPACE = /[^\S\r\n]/; // whitespace other than line breaks

interface Field {
  readonly value: string;
  readonly quoted: boolean;
  readonly raw: string;
}

/** Splits into records of fields (RFC 4180 quoting, CRLF/LF/CR), or an outcome. */
function records(text: string): Field[][] | Expected {
  const out: Field[][] = [];
  let i = 0;
  const n = text.length;
  let fields: Field[] = [];
  for (;;) {
    const start = i;
    while (i < n && FIELD_SPACE.test(text[i]!)) i++;
    if (text[i] === '"') {
      if (text.slice(start, i).replace(/[ \t]/g, "") !== "") return unsure; // odd space before
      i++;
      let value = "";
      for (;;) {
        if (i >= n) return fail; // unclosed quote
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i++];
      }
      const after = i;
      while (i < n && (text[i] === " " || text[i] === "\t")) i++;
      if (i < n && FIELD_SPACE.test(text[i]!)) return unsure;
      if (i < n && !",\r\n".includes(text[i]!)) return fail; // text after a closing quote
      fields.push({ value, quoted: true, raw: text.slice(start, after) });
    } else {
      while (i < n && !",\r\n".includes(text[i]!)) {
        if (text[i] === '"') return fail; // a quote inside an unquoted field
        i++;
      }
      const raw = text.slice(start, i);
      fields.push({ value: raw.trim(), quoted: false, raw });
    }
    if (i < n && text[i] === ",") {
      i++;
      continue;
    }
    out.push(fields);
    fields = [];
    if (i >= n) break;
    i += text[i] === "\r" && text[i + 1] === "\n" ? 2 : 1;
    if (i >= n) break;
  }
  return out;
}

const ROLES: Record<string, readonly string[]> = {
  name: ["name", "city", "place", "location", "label"],
  latitude: ["lat", "latitude"],
  longitude: ["lon", "lng", "long", "longitude"],
};

function role(text: string): string | undefined {
  const t = text.trim().toLowerCase();
  return Object.keys(ROLES).find((r) => ROLES[r]!.includes(t));
}

function wordOnly(text: string): boolean {
  return text !== "" && !/\p{Nd}/u.test(text) && !/^[+-]?(?:inf|infinity|nan)$/i.test(text);
}

/** Column order of a header, or `undefined` if the header is bad. */
function order(fields: readonly string[]): [number, number, number] | undefined {
  const roles = fields.map(role);
  for (const r of Object.keys(ROLES)) {
    if (roles.filter((x) => x === r).length > 1) return undefined;
  }
  const lat = roles.indexOf("latitude");
  const lon = roles.indexOf("longitude");
  if (lat < 0 && lon < 0) {
    const name = roles.indexOf("name");
    return name > 0 ? undefined : [0, 1, 2];
  }
  if (lat < 0 || lon < 0) return undefined;
  return [3 - lat - lon, lat, lon];
}

function coordinate(text: string, limit: number): number | undefined {
  if (!NUMBER.test(text)) return undefined;
  const x = Number(text);
  return Number.isFinite(x) && x >= -limit && x <= limit ? x : undefined;
}

/** What `text` must give: `name@lat,lon` per place, or an error. */
export function expected(input: string): Expected {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const split = records(text);
  if (!Array.isArray(split)) return split;
  const rows = split.filter(
    (r) => !(r.length === 1 && !r[0]!.quoted && /^\s*$/.test(r[0]!.raw)), // blank lines
  );
  let columns: [number, number, number] = [0, 1, 2];
  const places: string[] = [];
  for (const [k, row] of rows.entries()) {
    if (row.length !== 3) return fail;
    const values = row.map((f) => f.value);
    if (k === 0) {
      const roles = values.map(role);
      const lat = roles.indexOf("latitude");
      const lon = roles.indexOf("longitude");
      const [a, b] = lat >= 0 && lon >= 0 ? [lat, lon] : [1, 2];
      if (wordOnly(values[a]!) && wordOnly(values[b]!)) {
        const found = order(values);
        if (found === undefined) return fail;
        columns = found;
        continue;
      }
    }
    const [n, la, lo] = columns.map((c) => values[c]!);
    if (n!.trim() === "") return fail;
    const lat = coordinate(la!, 90);
    const lon = coordinate(lo!, 180);
    if (lat === undefined || lon === undefined) return fail;
    places.push(`${n}@${lat},${lon}`);
  }
  return places.length === 0 ? fail : { kind: "ok", rows: places };
}
