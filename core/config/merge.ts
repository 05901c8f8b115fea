import { isPlainObject } from '../schema.js';

/**
 * Deep merge of plain objects; arrays and other values from `over` replace. Keys are defined,
 * not assigned, so a `__proto__` key from JSON stays an ordinary (and then unknown) option.
 */
export function mergeOptions(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const value = isPlainObject(v) && isPlainObject(out[k]) ? mergeOptions(out[k] as Record<string, unknown>, v) : v;
    Object.defineProperty(out, k, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
