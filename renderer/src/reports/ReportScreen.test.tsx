// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fail, ok } from '../../../preload/contract/envelope';
import { useSession } from '../app/session';
import { fake } from '../sync/fake-bridge';
import {
  answerBasics,
  render,
  sessionState,
  settle,
  setUpComponentTests,
  syncStatus,
  typeInto,
  waitFor,
} from '../sync/test-support';
import { ReportScreen, reportRanges } from './ReportScreen';

vi.mock('../bridge', async () => (await import('../sync/fake-bridge')).fakeBridgeModule);

setUpComponentTests();

/** As in the app, the screen opens once the session (and with it the server's time) is known. */
function SignedIn() {
  const { state } = useSession();
  return state ? <ReportScreen /> : null;
}
afterEach(() => {
  vi.useRealTimers();
});

describe('the report presets', () => {
  it('are hall dates counted from today: yesterday, the week from Monday, the month', () => {
    expect(reportRanges('2026-11-27')).toEqual({
      today: ['2026-11-27', '2026-11-27'],
      yesterday: ['2026-11-26', '2026-11-26'],
      week: ['2026-11-23', '2026-11-27'],
      month: ['2026-11-01', '2026-11-27'],
    });
  });

  it('cross a year end and start a week on a Monday', () => {
    expect(reportRanges('2027-01-01')).toEqual({
      today: ['2027-01-01', '2027-01-01'],
      yesterday: ['2026-12-31', '2026-12-31'],
      week: ['2026-12-28', '2027-01-01'],
      month: ['2027-01-01', '2027-01-01'],
    });
    expect(reportRanges('2026-11-23').week).toEqual(['2026-11-23', '2026-11-23']);
    expect(reportRanges('2026-11-29').week).toEqual(['2026-11-23', '2026-11-29']);
  });
});

describe('the default day', () => {
  it("is today's hall date by the server clock, not the PC's clock or zone", async () => {
    // The PC says 23:30 on the 26th in Beijing (the 26th in UTC and in Los Angeles too); the server
    // is an hour ahead: 00:30 on the 27th in Beijing.
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(new Date('2026-11-26T15:30:00.000Z'));
    answerBasics('supervisor', syncStatus());
    fake.handle('session.state', () => ok({ ...sessionState('supervisor'), serverTime: '2026-11-26T16:30:00.000Z' }));
    fake.handle('reports.daily', () => fail('internal'));
    await render(<SignedIn />);
    await waitFor(() => fake.callsOf('reports.daily').length > 0);
    expect(fake.callsOf('reports.daily')).toEqual([{ from: '2026-11-27', to: '2026-11-27' }]);
  });
});

describe('a range typed into the picker', () => {
  /** The server at 07:30 on 7 December in the hall (23:30 on the 6th in UTC). */
  async function openReport() {
    answerBasics('supervisor', syncStatus());
    fake.handle('session.state', () => ok({ ...sessionState('supervisor'), serverTime: '2026-12-06T23:30:00.000Z' }));
    fake.handle('reports.daily', () => fail('internal'));
    const view = await render(<SignedIn />);
    await waitFor(() => fake.callsOf('reports.daily').length > 0);
    const [start, end] = [...view.host.querySelectorAll<HTMLInputElement>('input[data-testid="report-range"]')];
    return { start: start!, end: end! };
  }

  it('applies when only the end is typed and the field is left', async () => {
    const { end } = await openReport();
    expect(fake.callsOf('reports.daily')).toEqual([{ from: '2026-12-07', to: '2026-12-07' }]);
    act(() => end.focus());
    await settle();
    typeInto(end, '2026-12-09');
    await settle();
    expect(end.value).toBe('2026-12-09');
    act(() => end.blur());
    await waitFor(() => fake.callsOf('reports.daily').length > 1);
    expect(fake.callsOf('reports.daily').at(-1)).toEqual({ from: '2026-12-07', to: '2026-12-09' });
  });

  it("opens on a calendar whose today is the hall's, not the PC's", async () => {
    // The PC (UTC or Los Angeles) is still on the 6th; the hall is on the 7th.
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(new Date('2026-12-06T23:30:00.000Z'));
    const { start } = await openReport();
    act(() => {
      start.focus();
      start.click();
    });
    await waitFor(() => document.querySelector('.ant-picker-cell-today') !== null);
    expect(document.querySelector('.ant-picker-cell-today')?.getAttribute('title')).toBe('2026-12-07');
  });
});
