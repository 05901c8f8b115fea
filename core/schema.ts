/**
 * A small schema language: one declaration gives the option check, its TypeScript type
 * (`Infer<typeof schema>`) and a JSON Schema for editors. Validation collects every issue
 * with its option path instead of stopping at the first.
 */
export interface Issue {
  path: string;
  message: string;
}

export interface Schema<T> {
  readonly json: Record<string, unknown>;
  /** Returns the value with defaults filled in; pushes issues instead of throwing. */
  check(value: unknown, path: string, issues: Issue[]): T;
  /** Internal marker for the optional wrapper. */
  readonly optional?: boolean;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

const describe = (v: unknown) =>
  v === undefined ? 'nothing' : v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'string' ? `"${v}"` : typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;

interface Common {
  description?: string;
}

function string(opts: Common & { pattern?: RegExp; patternHint?: string; maxLength?: number } = {}): Schema<string> {
  return {
    json: {
      type: 'string',
      ...(opts.pattern && { pattern: opts.pattern.source }),
      ...(opts.maxLength && { maxLength: opts.maxLength }),
      ...(opts.description && { description: opts.description }),
    },
    check(value, path, issues) {
      if (typeof value !== 'string') issues.push({ path, message: `must be a string, got ${describe(value)}` });
      else if (opts.pattern && !opts.pattern.test(value))
        issues.push({ path, message: `${describe(value)} is not ${opts.patternHint ?? `matching ${opts.pattern}`}` });
      else if (opts.maxLength && value.length > opts.maxLength)
        issues.push({ path, message: `must be at most ${opts.maxLength} characters` });
      return value as string;
    },
  };
}

function number(opts: Common & { min?: number; max?: number; integer?: boolean } = {}): Schema<number> {
  return {
    json: {
      type: opts.integer ? 'integer' : 'number',
      ...(opts.min !== undefined && { minimum: opts.min }),
      ...(opts.max !== undefined && { maximum: opts.max }),
      ...(opts.description && { description: opts.description }),
    },
    check(value, path, issues) {
      if (typeof value !== 'number' || Number.isNaN(value)) issues.push({ path, message: `must be a number, got ${describe(value)}` });
      else if (opts.integer && !Number.isInteger(value)) issues.push({ path, message: `must be a whole number, got ${value}` });
      else if (opts.min !== undefined && value < opts.min) issues.push({ path, message: `must be at least ${opts.min}, got ${value}` });
      else if (opts.max !== undefined && value > opts.max) issues.push({ path, message: `must be at most ${opts.max}, got ${value}` });
      return value as number;
    },
  };
}

function boolean(opts: Common = {}): Schema<boolean> {
  return {
    json: { type: 'boolean', ...(opts.description && { description: opts.description }) },
    check(value, path, issues) {
      if (typeof value !== 'boolean') issues.push({ path, message: `must be true or false, got ${describe(value)}` });
      return value as boolean;
    },
  };
}

function oneOf<const V extends readonly string[]>(values: V, opts: Common = {}): Schema<V[number]> {
  return {
    json: { enum: [...values], ...(opts.description && { description: opts.description }) },
    check(value, path, issues) {
      if (!values.includes(value as string))
        issues.push({ path, message: `must be one of ${values.map((v) => `"${v}"`).join(', ')}, got ${describe(value)}` });
      return value as V[number];
    },
  };
}

function array<T>(item: Schema<T>, opts: Common & { maxItems?: number } = {}): Schema<T[]> {
  return {
    json: { type: 'array', items: item.json, ...(opts.description && { description: opts.description }) },
    check(value, path, issues) {
      if (!Array.isArray(value)) {
        issues.push({ path, message: `must be an array, got ${describe(value)}` });
        return value as T[];
      }
      if (opts.maxItems !== undefined && value.length > opts.maxItems)
        issues.push({ path, message: `must have at most ${opts.maxItems} items` });
      return value.map((v, i) => item.check(v, `${path}[${i}]`, issues));
    },
  };
}

/** Record of string keys to one value schema (for example environment variables). */
function record<T>(item: Schema<T>, opts: Common & { keyPattern?: RegExp } = {}): Schema<Record<string, T>> {
  return {
    json: { type: 'object', additionalProperties: item.json, ...(opts.description && { description: opts.description }) },
    check(value, path, issues) {
      if (!isPlainObject(value)) {
        issues.push({ path, message: `must be an object, got ${describe(value)}` });
        return value as Record<string, T>;
      }
      const out: Record<string, T> = {};
      for (const [k, v] of Object.entries(value)) {
        if (opts.keyPattern && !opts.keyPattern.test(k)) issues.push({ path: join(path, k), message: `key "${k}" is not allowed` });
        // Defined, not assigned: a `__proto__` key from JSON stays a key instead of becoming the prototype.
        Object.defineProperty(out, k, { value: item.check(v, join(path, k), issues), enumerable: true, writable: true, configurable: true });
      }
      return out;
    },
  };
}

type Shape = Record<string, Schema<unknown>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends { readonly optional: true } ? K : never }[keyof S];
export type ObjectOf<S extends Shape> = { [K in Exclude<keyof S, OptionalKeys<S>>]: Infer<S[K]> } & {
  [K in OptionalKeys<S>]?: Infer<S[K]>;
};

function object<S extends Shape>(shape: S, opts: Common = {}): Schema<ObjectOf<S>> & { shape: S } {
  const required = Object.keys(shape).filter((k) => !shape[k].optional && !('default' in shape[k].json));
  return {
    shape,
    json: {
      type: 'object',
      properties: Object.fromEntries(Object.entries(shape).map(([k, s]) => [k, s.json])),
      ...(required.length && { required }),
      additionalProperties: false,
      ...(opts.description && { description: opts.description }),
    },
    check(value, path, issues) {
      if (!isPlainObject(value)) {
        issues.push({ path, message: `must be an object, got ${describe(value)}` });
        return value as ObjectOf<S>;
      }
      const out: Record<string, unknown> = {};
      const known = Object.keys(shape);
      for (const key of Object.keys(value)) {
        if (!Object.hasOwn(shape, key)) {
          const close = closest(key, known);
          const hint = close ? `did you mean "${close}"?` : known.length ? `known: ${known.join(', ')}` : 'it takes no options';
          issues.push({ path: join(path, key), message: `is not a known option (${hint})` });
        }
      }
      for (const [key, s] of Object.entries(shape)) {
        const v = Object.hasOwn(value, key) ? value[key] : undefined;
        if (v === undefined && required.includes(key)) {
          issues.push({ path: join(path, key), message: 'is required' });
          continue;
        }
        const checked = s.check(v, join(path, key), issues);
        if (checked !== undefined) out[key] = checked;
      }
      return out as ObjectOf<S>;
    },
  };
}

/** Missing or undefined is fine; anything else must match. */
function optional<T>(inner: Schema<T>): Schema<T | undefined> & { readonly optional: true } {
  return {
    optional: true,
    json: inner.json,
    check: (value, path, issues) => (value === undefined ? undefined : inner.check(value, path, issues)),
  };
}

/** Missing or undefined takes the default (a copy, for arrays and objects). */
function withDefault<T>(inner: Schema<T>, fallback: T): Schema<T> {
  return {
    json: { ...inner.json, default: fallback },
    check: (value, path, issues) =>
      value === undefined ? (structuredClone(fallback) as T) : inner.check(value, path, issues),
  };
}

/** A disk or memory size like `512M` or `10G`, bounded in bytes. */
function size(opts: Common & { min?: string; max?: string } = {}): Schema<string> {
  const base = string({ pattern: SIZE_PATTERN, patternHint: 'a size like 512M or 10G (units K, M, G, T)', description: opts.description });
  return {
    json: base.json,
    check(value, path, issues) {
      const before = issues.length;
      const v = base.check(value, path, issues);
      if (issues.length > before) return v;
      const bytes = parseSize(v);
      if (opts.min && bytes < parseSize(opts.min)) issues.push({ path, message: `"${v}" is too small: at least ${opts.min}` });
      if (opts.max && bytes > parseSize(opts.max)) issues.push({ path, message: `"${v}" is too large: at most ${opts.max}` });
      return v;
    },
  };
}

const SIZE_PATTERN = /^[1-9][0-9]{0,12}[KMGT]?$/;
const UNITS: Record<string, number> = { '': 1, K: 2 ** 10, M: 2 ** 20, G: 2 ** 30, T: 2 ** 40 };

export function parseSize(text: string): number {
  const m = /^([0-9]+)([KMGT]?)$/.exec(text);
  if (!m) throw new Error(`not a size: ${text}`);
  return Number(m[1]) * UNITS[m[2]];
}

export const s = { string, number, boolean, oneOf, array, record, object, optional, default: withDefault, size };

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);
}

export function join(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? (path ? `${path}.${key}` : key) : `${path}[${JSON.stringify(key)}]`;
}

export function formatIssues(issues: Issue[]): string {
  return issues.map((i) => `${i.path || '(root)'} ${i.message}`).join('; ');
}

/** The closest candidate by edit distance, if it is close enough to be a likely typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}
