// The prerecorded clips a call announcement is made of ("请 A001 号到 3 号窗口办理"), by name. The
// name is the file name without ".wav", in the default clips folder and in a center's own folder.

export const digits = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;
export const letters = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'] as Letter[];

export type Digit = (typeof digits)[number];
// prettier-ignore
export type Letter =
  | 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H' | 'I' | 'J' | 'K' | 'L' | 'M'
  | 'N' | 'O' | 'P' | 'Q' | 'R' | 'S' | 'T' | 'U' | 'V' | 'W' | 'X' | 'Y' | 'Z';

export type ClipName = `digit-${Digit}` | `letter-${Letter}` | 'qing' | 'hao-dao' | 'hao-chuangkou-banli' | 'shi';

const digitWords: Record<Digit, string> = {
  '0': '零',
  '1': '一',
  '2': '二',
  '3': '三',
  '4': '四',
  '5': '五',
  '6': '六',
  '7': '七',
  '8': '八',
  '9': '九',
};
const phrases = { qing: '请', 'hao-dao': '号到', 'hao-chuangkou-banli': '号窗口办理', shi: '十' } as const;

/** Every clip an announcement can need, in a fixed order (digits, letters, the phrases). */
export const clipNames: readonly ClipName[] = [
  ...digits.map((d) => `digit-${d}` as const),
  ...letters.map((l) => `letter-${l}` as const),
  ...(Object.keys(phrases) as (keyof typeof phrases)[]),
];

export function isClipName(name: string): name is ClipName {
  return (clipNames as readonly string[]).includes(name);
}

export function clipFileName(name: ClipName): string {
  return `${name}.wav`;
}

/** What a clip says: the Chinese word, or the Latin letter itself (said by its English name). */
export function clipText(name: ClipName): string {
  if (name.startsWith('digit-')) return digitWords[name.slice('digit-'.length) as Digit];
  if (name.startsWith('letter-')) return name.slice('letter-'.length);
  return phrases[name as keyof typeof phrases];
}
