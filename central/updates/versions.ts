/**
 * The app version a workstation reports in `x-yichuang-version` (domain/src/protocol.ts): a
 * semantic version as electron-builder stamps it (`0.2.0`, `1.4.0-rc.1`, `1.4.0+build.7`).
 * Anything else — a list, an empty value, a `v` prefix, text that is too long or carries other
 * characters — is ignored and never stored.
 */

/** Longer than any version we build; the column shows on the 管理 page. */
export const maxVersionLength = 64;

const semverLike =
  /^(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

/** The version in a request header, or null when it is missing or not a plain semantic version. */
export function reportedVersion(header: string | string[] | undefined): string | null {
  if (typeof header !== 'string') return null;
  if (header.length === 0 || header.length > maxVersionLength) return null;
  return semverLike.test(header) ? header : null;
}
