// `npx tsx scripts/update-calendar.ts [--version N] [--published-at YYYY-MM-DD]`: rebuilds
// resources/calendar/holidays.json (the shipped holiday calendar) from the installed chinese-days
// package. Run it after updating chinese-days, then commit the file; main/calendar/shipped.test.ts
// fails while the two disagree.
//   --version N            the calendar version (default: today in Beijing as YYYYMMDD01)
//   --published-at DATE    the publication date (default: the YYYYMMDD of the version)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { format, resolveConfig } from 'prettier';
import { calendarFromChineseDays, readInstalledChineseDays } from '../main/calendar/from-chinese-days';
import { hallDate } from '@yichuang/domain/hall-time';

const shippedCalendarFile = join(resolve(__dirname, '..'), 'resources', 'calendar', 'holidays.json');

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { version: { type: 'string' }, 'published-at': { type: 'string' } },
    strict: true,
  });
  const version =
    values.version === undefined ? Number(hallDate(new Date()).replaceAll('-', '')) * 100 + 1 : Number(values.version);
  if (!Number.isSafeInteger(version) || version <= 0) {
    process.stderr.write(`--version 须为正整数，收到 ${values.version}\n`);
    return 2;
  }
  const digits = String(version);
  const publishedAt = values['published-at'] ?? `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`;

  const { data, version: sourceVersion } = readInstalledChineseDays();
  const calendar = calendarFromChineseDays(data, sourceVersion, version, publishedAt);
  mkdirSync(dirname(shippedCalendarFile), { recursive: true });
  // Formatted as `npm run format` would, so the regenerated file passes `format:check` as is.
  const prettierOptions = (await resolveConfig(shippedCalendarFile)) ?? {};
  const text = await format(JSON.stringify(calendar, null, 2), { ...prettierOptions, filepath: shippedCalendarFile });
  writeFileSync(shippedCalendarFile, text);
  const years = Object.keys(calendar.years);
  process.stdout.write(
    `${relative(process.cwd(), shippedCalendarFile)}：版本 ${version}，${calendar.source}，` +
      `${years[0]}–${years.at(-1)} 年（共 ${years.length} 年）\n`,
  );
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 3;
    },
  );
}
