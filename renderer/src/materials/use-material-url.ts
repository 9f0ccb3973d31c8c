import { useEffect, useState } from 'react';
import type { AppErrorShape } from '../../../preload/contract/errors';
import type { MaterialMime } from '@yichuang/domain/materials';
import { api } from '../bridge';
import { useErrorText } from '../lib/result';

interface Entry {
  url: string;
  mime: MaterialMime;
  /** Mounted viewers showing it: an entry in use is never evicted (its URL would break). */
  users: number;
}

/** Object URLs of material files by sha256, least recently used first. */
const capacity = 40;
const cache = new Map<string, Entry>();
const pending = new Map<string, Promise<Entry | AppErrorShape>>();

function touch(sha256: string, entry: Entry): void {
  cache.delete(sha256);
  cache.set(sha256, entry);
}

/** Drops the least recently used entries nobody shows, down to the capacity, and revokes their URLs. */
function evict(keep?: string): void {
  if (cache.size <= capacity) return;
  for (const [sha256, entry] of cache) {
    if (cache.size <= capacity) break;
    if (entry.users > 0 || sha256 === keep) continue;
    cache.delete(sha256);
    URL.revokeObjectURL(entry.url);
  }
}

function load(sha256: string): Promise<Entry | AppErrorShape> {
  const cached = cache.get(sha256);
  if (cached) {
    touch(sha256, cached);
    return Promise.resolve(cached);
  }
  let request = pending.get(sha256);
  if (!request) {
    request = api.materials.read({ sha256 }).then((result) => {
      pending.delete(sha256);
      if (!result.ok) return result.error;
      const existing = cache.get(sha256);
      if (existing) return existing;
      const blob = new Blob([result.value.bytes], { type: result.value.mime });
      const entry: Entry = { url: URL.createObjectURL(blob), mime: result.value.mime, users: 0 };
      cache.set(sha256, entry);
      evict(sha256);
      return entry;
    });
    pending.set(sha256, request);
  }
  return request;
}

export interface MaterialUrl {
  url: string | null;
  mime: MaterialMime | null;
  /** What went wrong, in words the clerk can act on. */
  error: string | null;
  loading: boolean;
}

const none: MaterialUrl = { url: null, mime: null, error: null, loading: false };

/** A blob URL of a stored material file, for <img> and <iframe>; cached across viewers. */
export function useMaterialUrl(sha256: string | null): MaterialUrl {
  const errorText = useErrorText();
  const [loaded, setLoaded] = useState<{ sha256: string; entry: Entry | null; error: string | null } | null>(null);

  useEffect(() => {
    if (!sha256) return;
    let cancelled = false;
    let held: Entry | null = null;
    void load(sha256).then((answer) => {
      if (cancelled) return;
      if ('url' in answer) {
        held = answer;
        answer.users += 1;
        setLoaded({ sha256, entry: answer, error: null });
      } else {
        setLoaded({ sha256, entry: null, error: errorText(answer) });
      }
    });
    return () => {
      cancelled = true;
      if (held) {
        held.users -= 1;
        evict();
      }
    };
  }, [sha256, errorText]);

  if (!sha256) return none;
  if (loaded?.sha256 !== sha256) {
    // Already cached (another viewer, a thumbnail): show it at once instead of a flash of loading.
    const cached = cache.get(sha256);
    return cached ? { url: cached.url, mime: cached.mime, error: null, loading: false } : { ...none, loading: true };
  }
  if (loaded.entry) return { url: loaded.entry.url, mime: loaded.entry.mime, error: null, loading: false };
  return { ...none, error: loaded.error };
}
