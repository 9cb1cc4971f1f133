/**
 * Records keyed by names people choose (states, themes). A plain `{}` inherits Object.prototype:
 * `record.constructor` is a function before anyone sets it and `record.__proto__ = x` replaces the
 * prototype instead of storing x. These records have no prototype, and reserved names are refused
 * where names are chosen (settings, the CLI's config).
 */

/** Names a plain object already answers to: Object.prototype's properties, `__proto__` among them. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

export function isReservedName(name: string): boolean {
  return RESERVED_NAMES.has(name);
}

/** Why a reserved name is refused, for messages. */
export function reservedNameProblem(name: string): string {
  return `"${name}" is a reserved name (JavaScript objects already have it); choose another name`;
}

/** A record without a prototype, filled from entries: every name is just a key. */
export function byName<V>(entries: Iterable<readonly [string, V]> = []): Record<string, V> {
  const record = Object.create(null) as Record<string, V>;
  for (const [name, value] of entries) record[name] = value;
  return record;
}

/** The record's own value for a name (never an inherited one), or undefined. */
export function ownValue<V>(record: Readonly<Record<string, V>>, name: string): V | undefined {
  return Object.hasOwn(record, name) ? record[name] : undefined;
}
