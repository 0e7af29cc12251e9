/**
 * Small runtime checks for what crosses a trust boundary — messages between contexts, storage —
 * each a validator that also carries the type it admits, so a message's type and its check are
 * one definition and cannot drift apart (docs/ARCHITECTURE.md, decision 6). A validator returns the problems
 * it found, each naming the field by its path (`byTopic[2].count: expected …`); none means valid.
 * Pure: no DOM, no browser API.
 */

export interface Validator<T> {
  (value: unknown, path?: string): string[];
  /** Never set: carries `T` for `Valid<>`. */
  readonly admits?: T;
}

/** The type a validator admits. */
export type Valid<V> = V extends Validator<infer T> ? T : never;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value as a problem line shows it: JSON, cut short. */
export function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  text ??= `a ${typeof value}`; // what JSON cannot show: a function, a symbol, a bigint
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

const problem = (path: string, expected: string, value: unknown) => [`${path || '(value)'}: expected ${expected}, found ${shown(value)}`];

export function integer(min: number, max = Number.MAX_SAFE_INTEGER): Validator<number> {
  return (value, path = '') =>
    typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
      ? []
      : problem(path, `an integer from ${min} to ${max}`, value);
}

/** A position in a list of `length` items. */
export function indexInto(length: number): Validator<number> {
  return integer(0, length - 1);
}

export function text(maxLength: number): Validator<string> {
  return (value, path = '') =>
    typeof value === 'string' && value.length > 0 && value.length <= maxLength
      ? []
      : problem(path, `a string of 1 to ${maxLength} characters`, value);
}

export function oneOf<const T extends readonly (string | number)[]>(...allowed: T): Validator<T[number]> {
  return (value, path = '') =>
    allowed.includes(value as T[number]) ? [] : problem(path, `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`, value);
}

export function listOf<T>(item: Validator<T>, maxItems: number): Validator<T[]> {
  return (value, path = '') => {
    if (!Array.isArray(value)) return problem(path, 'a list', value);
    if (value.length > maxItems) return problem(path, `at most ${maxItems} items`, `${value.length} items`);
    return value.flatMap((entry, i) => item(entry, `${path}[${i}]`));
  };
}

/** An object with exactly these fields: a missing one, an unknown one, or a bad one is a problem. */
export function shape<F extends Record<string, Validator<unknown>>>(fields: F): Validator<{ [K in keyof F]: Valid<F[K]> }> {
  return (value, path = '') => {
    if (!isRecord(value)) return problem(path, 'an object', value);
    const at = (key: string) => (path ? `${path}.${key}` : key);
    const unknown = Object.keys(value).filter((key) => !Object.hasOwn(fields, key));
    return [
      ...unknown.map((key) => `${at(key)}: not a known field`),
      ...Object.entries(fields).flatMap(([key, check]) => check(value[key], at(key))),
    ];
  };
}

/** The empty object: what a message without parameters carries. */
export const nothing = /* @__PURE__ */ shape({}) as Validator<Record<string, never>>;
