import { createRequire } from 'node:module';
import type * as PinyinPro from 'pinyin-pro';

/**
 * Pinyin for the matter picker: the clerk types 「jzz」 or 「juzhu」 and finds 居住证. Polyphones
 * are read as pinyin-pro reads them in context (银行 → yin hang); ü is written v, as typed.
 */

interface Syllable {
  /** Toneless pinyin of a Han character, or the lower-cased letter/digit; empty when dropped. */
  full: string;
  initial: string;
}

let pinyinPro: typeof PinyinPro | null = null;

/** pinyin-pro's dictionary takes ~50 ms to load: it loads with the first catalog read, not at start-up. */
function pinyin(...args: Parameters<typeof PinyinPro.pinyin>) {
  pinyinPro ??= createRequire(__filename)('pinyin-pro') as typeof PinyinPro;
  return pinyinPro.pinyin(...args);
}

function syllables(name: string): Syllable[] {
  // NFKC turns full-width letters and digits (Ａ１) into ASCII ones.
  const text = name.normalize('NFKC');
  if (!text) return [];
  return pinyin(text, { type: 'all', toneType: 'none', v: true }).flatMap((p): Syllable[] => {
    if (p.isZh) {
      const full = p.pinyin.toLowerCase();
      return full ? [{ full, initial: full.charAt(0) }] : [];
    }
    // Non-Han: letters and digits kept lower-cased, everything else (punctuation, brackets, spaces) dropped.
    const kept = p.origin.toLowerCase().replace(/[^a-z0-9]/g, '');
    return kept ? [{ full: kept, initial: kept }] : [];
  });
}

/** Lower-case first letters of each Han character's pinyin, letters and digits kept: 户口迁移（迁入） → hkqyqr. */
export function nameInitials(name: string): string {
  return syllables(name)
    .map((s) => s.initial)
    .join('');
}

/** Full toneless pinyin without spaces: 居住证签注 → juzhuzhengqianzhu. */
export function namePinyin(name: string): string {
  return syllables(name)
    .map((s) => s.full)
    .join('');
}
