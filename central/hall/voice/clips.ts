// Where an announcement's clips come from: folders of WAV files named after the clips (clip-names.ts),
// the default clips first and a center's own recordings after them; a later folder wins for every
// clip it has, so a center may replace only some. All clips must share one PCM format, since they are
// joined sample by sample. Loaded once and kept in memory.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { clipFileName, clipNames, isClipName, type ClipName } from './clip-names';
import { describeFormat, parseWav, sameFormat, type WavFormat } from './wav';

/** The default clips made by scripts/make-call-clips.ts, as they lie in the source tree. A bundled
 *  central has to copy this folder beside its bundle and pass that path instead. */
export const defaultClipsFolder = join(__dirname, 'clips');

/** A clips folder that cannot be read, a clip missing from all folders, or clips of two formats. */
export class ClipsError extends Error {
  override name = 'ClipsError';
}

/** Gives the WAV file of each clip; what announcementWav reads. */
export type ClipSource = { clip(name: ClipName): Buffer };

export type LoadedClips = ClipSource & {
  /** The one format of every clip. */
  format: WavFormat;
  /** The file a clip was read from (which folder won). */
  file(name: ClipName): string;
  /** WAV files in the folders that are not clip names (a misspelt replacement, say): not used. */
  ignored: string[];
};

async function wavFilesIn(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((f) => f.toLowerCase().endsWith('.wav'));
  } catch (error) {
    throw new ClipsError(
      `clips folder ${dir} cannot be read: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

async function load(dirs: string[]): Promise<LoadedClips> {
  const chosen = new Map<ClipName, string>();
  const ignored: string[] = [];
  for (const dir of dirs) {
    for (const file of await wavFilesIn(dir)) {
      const name = file.slice(0, -'.wav'.length);
      if (isClipName(name) && file === clipFileName(name)) chosen.set(name, join(dir, file));
      else ignored.push(join(dir, file));
    }
  }
  const missing = clipNames.filter((name) => !chosen.has(name));
  if (missing.length > 0) {
    throw new ClipsError(`clips missing from ${dirs.join(', ')}: ${missing.map(clipFileName).join(', ')}`);
  }
  const files = new Map<ClipName, Buffer>();
  let reference: { file: string; format: WavFormat } | undefined;
  for (const name of clipNames) {
    const path = chosen.get(name) ?? '';
    const bytes = await readFile(path);
    const { format } = parseWav(bytes, path);
    reference ??= { file: path, format };
    if (!sameFormat(format, reference.format)) {
      throw new ClipsError(
        `${path} is ${describeFormat(format)}, but the clips must share one format: ` +
          `${reference.file} is ${describeFormat(reference.format)}`,
      );
    }
    files.set(name, bytes);
  }
  const format = reference?.format;
  if (!format) throw new ClipsError('no clips'); // unreachable: clipNames is not empty
  const get = <T>(map: Map<ClipName, T>, name: ClipName): T => {
    const value = map.get(name);
    if (value === undefined) throw new ClipsError(`no clip named ${String(name)}`);
    return value;
  };
  return { format, ignored, clip: (name) => get(files, name), file: (name) => get(chosen, name) };
}

const cache = new Map<string, Promise<LoadedClips>>();

/**
 * Reads every clip from `dirs` (later folders override earlier ones, clip by clip), checks they are
 * all there, valid PCM and of one format, and keeps them: the same `dirs` again give the same source
 * without reading the disk. A failed load is not kept, so fixing the files and calling again works.
 */
export function loadClips(dirs: string[]): Promise<LoadedClips> {
  const key = JSON.stringify(dirs);
  let loading = cache.get(key);
  if (!loading) {
    loading = load(dirs);
    cache.set(key, loading);
    void loading.catch(() => {
      if (cache.get(key) === loading) cache.delete(key);
    });
  }
  return loading;
}

/** Forgets the loaded clips, so the next loadClips reads the folders again (new recordings). */
export function forgetLoadedClips(): void {
  cache.clear();
}
