/** `{ field: { from, to } }` for the fields that differ: what an audit entry of a change shows. */
export function changedFields<T extends object>(before: T, after: T): Record<string, unknown> {
  const diff: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof T & string)[]) {
    // By value: list settings (serial ports) are new arrays on every read.
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) diff[key] = { from: before[key], to: after[key] };
  }
  return diff;
}
