import { configDefaults, defineConfig } from 'vitest/config';

/**
 * The unit tests run twice, in two PC time zones (TZ), so a date taken from the PC's zone instead of
 * the hall's (Asia/Shanghai, `@yichuang/domain/hall-time`) fails somewhere: once in UTC, and once in
 * America/Los_Angeles (16 or 15 hours from Beijing, with daylight saving). `vitest run --project utc`
 * or `--project los-angeles` runs one of them.
 *
 * `main/sync/crash.test.ts` (kills and restarts the sync worker, about 150 s, no dates involved),
 * `scripts/seed-demo.test.ts` (fills a data folder, then searches it for plaintext) and the other
 * slow files below that never read a date run in the UTC project only.
 */
const heavyZoneFree = [
  'main/sync/crash.test.ts',
  'scripts/seed-demo.test.ts',
  // Child processes, builds and static analysis: no date is read or shown in them.
  'scripts/devtool.test.ts',
  'central/build.test.ts',
  'main/platform/electron/electronegativity.test.ts',
  // The signed audit trail against a real central: hashes and signatures, no date shown.
  'main/sync/audit-report.test.ts',
  'central/audit-reports.test.ts',
  // Static analysis, reader frames, the case state machine's properties, the approver's sign-in
  // (rate limits and lockouts in minutes): no date is read or shown in them.
  'scripts/lint-zones.test.ts',
  'main/devices/idcard/frame.test.ts',
  'main/cases/transitions.property.test.ts',
  'central/approver/sign-in.test.ts',
  // Document scanners: real scanimage and sane-airscan child processes, image processing; no dates.
  'main/devices/document-scanner/service.test.ts',
  'scripts/devtool-escl.test.ts',
  'main/devices/document-scanner/sane/**',
  'main/devices/document-scanner/escl/**',
  'main/devices/document-scanner/wia/**',
  'main/devices/document-scanner/pages/**',
  // The hall: fifty windows at once on PostgreSQL, the display's push channel and restart, the voice
  // clips (espeak-ng, WAV). The hall day's rollover and hours are tested in both zones (hall.test.ts).
  'central/hall/concurrency.test.ts',
  'central/hall/display/**',
  'central/hall/voice/**',
  'scripts/make-call-clips.test.ts',
  // Ticket printers over TCP 9100 and the USB printer class (sockets, a pty through socat, the
  // devtool's child process, reconnect back-offs): no date is read or shown in them.
  'scripts/devtool-escpos.test.ts',
  'main/devices/ticket-printers-flow.test.ts',
  'main/devices/transport/usb-printer-pty.test.ts',
  'main/devices/transport/tcp.test.ts',
  'main/devices/printer/tcp-simulator.test.ts',
  // Sync over a misbehaving network and central's refusals: bytes and retries, no date read or shown.
  'main/sync/network.test.ts',
  'main/queue/queue.test.ts',
  'main/sync/central-errors.test.ts',
];

export default defineConfig({
  test: {
    include: [
      'main/**/*.test.ts',
      'domain/**/*.test.ts',
      'central/**/*.test.ts',
      'preload/**/*.test.ts',
      'renderer/**/*.test.{ts,tsx}',
      'scripts/**/*.test.ts',
    ],
    environment: 'node',
    testTimeout: 20000,
    pool: 'forks',
    // Two forks on CI's two cores: vitest's default (cores − 1) ran the 245 files one by one, and most
    // of a file's time is spent waiting (PostgreSQL, child processes, sockets) or loading modules.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: 'utc', env: { TZ: 'UTC' } },
      },
      {
        extends: true,
        test: {
          name: 'los-angeles',
          env: { TZ: 'America/Los_Angeles' },
          exclude: [...configDefaults.exclude, ...heavyZoneFree],
        },
      },
    ],
  },
});
