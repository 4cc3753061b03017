import { z } from 'zod';

/**
 * Records keyed by what a client chose: session ids, element and frame ids, names. On a
 * plain object a key such as `__proto__`, `constructor` or `toString` reads an inherited
 * member, and writing `__proto__` replaces the prototype instead of storing a value; so such
 * records are made without a prototype, read through own() and written through withKey().
 * Their JSON form is the ordinary object it always was.
 */
export function keyed<T>(entries: Iterable<readonly [string, T]> = []): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  for (const [key, value] of entries) setOwn(out, key, value);
  return out;
}

/** The value stored under `key`, never an inherited member. */
export function own<T>(record: Readonly<Record<string, T>> | null | undefined, key: string): T | undefined {
  return record != null && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Stores `value` under `key` as an own property, whatever the key (even on a plain object). */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, writable: true, enumerable: true, configurable: true });
}

/** A copy (without a prototype) with `key` set to `value`. */
export function withKey<T>(record: Readonly<Record<string, T>>, key: string, value: T): Record<string, T> {
  const out = keyed(Object.entries(record));
  setOwn(out, key, value);
  return out;
}

/** A copy (without a prototype) without `key`. */
export function withoutKey<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  return keyed(Object.entries(record).filter(([k]) => k !== key));
}

/**
 * Like z.record, for records keyed by client-chosen strings: every own key is kept (z.record
 * drops `__proto__`), the result has no prototype, and a bad value's issue names its key.
 */
export function keyedRecord<V extends z.ZodType>(valueSchema: V, keySchema: z.ZodType<string> = z.string()) {
  return z.unknown().transform((input, ctx): Record<string, z.output<V>> => {
    if (input === null || typeof input !== 'object' || Array.isArray(input)) {
      ctx.addIssue({ code: 'custom', message: 'expected an object' });
      return z.NEVER;
    }
    const out = keyed<z.output<V>>();
    for (const [key, raw] of Object.entries(input)) {
      const checkedKey = keySchema.safeParse(key);
      if (!checkedKey.success) {
        ctx.addIssue({ code: 'custom', message: `key ${JSON.stringify(key.slice(0, 80))}: ${checkedKey.error.issues[0]?.message ?? 'invalid'}`, path: [key] });
        continue;
      }
      const value = valueSchema.safeParse(raw);
      if (!value.success) {
        for (const issue of value.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: [key, ...issue.path] });
        continue;
      }
      setOwn(out, key, value.data);
    }
    return out;
  });
}
