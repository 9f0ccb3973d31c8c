import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseEventSchema } from '@yichuang/domain/protocol';
import { hallDate } from '@yichuang/domain/hall-time';
import { startCentral, type RunningCentral } from '@yichuang/central/testing';
import { makePng } from '@yichuang/domain/testing/images';
import type { StoredFile } from '../../preload/contract/materials';
import type { CentralCaseEvent } from '../../preload/contract/sync';
import { chineseDate } from '../documents/format';
import { missingFields, pdfText } from '../documents/testing/pdf-check';
import { newSession, strongPassword, type TestSession, type TestWorkstation } from '../testing/workstation';
import { createSyncWindow, type SyncWindow } from './testing/window';

/**
 * Central's decisions as the window receives them (issue 15, defect 5): a decision marks the case
 * unseen until its page is opened here (the list's marker, the menu's count, pushed to the UI), and
 * a supplement request carries central's list of materials and reasons, which the window keeps and
 * prints as a 一次性补正告知书.
 */

let central: RunningCentral;
let w: SyncWindow;
let t: TestWorkstation;
let png: StoredFile;
let clerk: TestSession;
/** The case central asked a supplement of (the first test), printed in the second. */
let requested: { id: string; number: string };

beforeAll(async () => {
  central = await startCentral({ engine: 'pglite' });
  w = await createSyncWindow();
  t = w.t;
  png = await t.workstation.services.materials.put(makePng(120, 80, 7), 'scan.png');
  const { code } = await central.central.registry.createCode('3 号窗口', 'admin');
  await t.workstation.services.sync.enrol({ centralUrl: central.url, code });
  clerk = newSession();
  const signedIn = await t.workstation.router.call(clerk, 'auth.signIn', {
    username: 'lisi',
    password: strongPassword,
  });
  expect(signedIn.ok).toBe(true);
  t.workstation.hub.add(clerk);
}, 60_000);

afterAll(async () => {
  await t?.dispose();
  await central?.dispose();
});

async function ok<T>(result: Promise<{ ok: true; value: T } | { ok: false; error: { code: string } }>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
}

const pushed = (name: string) => clerk.events.filter((e) => e.event === name).map((e) => e.payload);
const listed = (id: string) =>
  t.workstation.services.cases.list({ offset: 0, limit: 50 }).rows.find((r) => r.id === id);

/** A case accepted here and submitted at central (its files arrived). */
async function submitted(): Promise<{ id: string; number: string }> {
  const c = w.accept([png]);
  await t.workstation.services.sync.syncNow();
  expect((await central.central.cases.detail(c.id))?.row.state).toBe('submitted');
  return c;
}

describe("central's decisions at the window", () => {
  it('a supplement request with two items: the case is marked unseen and the menu count pushed, until its page is opened', async () => {
    const sync = t.workstation.services.sync;
    const c = await submitted();
    requested = c;
    // Submitted is news too small to mark: only what central decided is.
    expect(listed(c.id)?.centralUnseen).toBe(false);

    await central.central.cases.decide(c.id, 1, 'supplement', '原件核验时请一并带来', '王审批', [
      { itemId: 'residence-proof', reason: '租房合同未经备案' },
      { itemId: 'photo', reason: '照片须为近六个月白底免冠照' },
    ]);
    await sync.syncNow();

    expect(listed(c.id)).toMatchObject({ state: 'supplement_requested_by_central', centralUnseen: true });
    expect(await ok(t.workstation.router.call(clerk, 'cases.unseenCount', {}))).toEqual({ count: 1 });
    expect(pushed('cases.unseenChanged').at(-1)).toEqual({ count: 1 });
    const told = pushed('sync.caseEvent').at(-1) as CentralCaseEvent | undefined;
    expect(told).toMatchObject({ caseId: c.id, number: c.number, kind: 'supplement_requested' });

    // The window keeps central's list with the event, named as central received the checklist, in its order.
    const detail = t.workstation.services.cases.get(c.id);
    const request = detail.central.events.find((e) => e.kind === 'supplement_requested');
    expect(request?.items).toEqual([
      { itemId: 'photo', name: '近期一寸免冠照片', reason: '照片须为近六个月白底免冠照' },
      { itemId: 'residence-proof', name: '居住证明', reason: '租房合同未经备案' },
    ]);
    expect(request?.comment).toBe('原件核验时请一并带来');
    expect(told?.items).toEqual(request?.items);

    // Opening the case page is seeing it: the marker and the count go, and the UI is told.
    expect(await ok(t.workstation.router.call(clerk, 'cases.seen', { caseId: c.id }))).toEqual({ count: 0 });
    expect(listed(c.id)?.centralUnseen).toBe(false);
    expect(pushed('cases.unseenChanged').at(-1)).toEqual({ count: 0 });
    // Seen again: nothing changes, nothing is pushed.
    const before = pushed('cases.unseenChanged').length;
    await ok(t.workstation.router.call(clerk, 'cases.seen', { caseId: c.id }));
    expect(pushed('cases.unseenChanged')).toHaveLength(before);
  });

  it("prints central's request as a 一次性补正告知书: its list, reasons and comment, the deadline in working days", async () => {
    const c = requested;
    const detail = t.workstation.services.cases.get(c.id);
    const request = detail.central.events.find((e) => e.kind === 'supplement_requested')!;
    const rendered = await ok(
      t.workstation.router.call(clerk, 'documents.preview', { kind: 'central_supplement_notice', caseId: c.id }),
    );
    expect(rendered).toMatchObject({ kind: 'central_supplement_notice', copyNumber: 0 });
    const s = t.workstation.services.settings.get();
    const deadline = t.workstation.services.calendar
      .current()
      .addWorkingDays(hallDate(new Date(request.at)), s.supplementDays);
    const text = (await pdfText(rendered.pdf, { layout: false })).replace(/\s+/g, '');
    const expected = [
      '一次性补正告知书',
      detail.number!,
      '经公安分局审查',
      '近期一寸免冠照片',
      '照片须为近六个月白底免冠照',
      '居住证明',
      '租房合同未经备案',
      '其他说明：原件核验时请一并带来',
      `请于${chineseDate(deadline.date)}前`,
      `${s.hallName}3号窗口`,
    ].map((x) => x.replace(/\s+/g, ''));
    expect(missingFields(text, expected)).toEqual([]);
  });

  it('refuses the notice where central asked for no supplement', async () => {
    const c = await submitted();
    const result = await t.workstation.router.call(clerk, 'documents.preview', {
      kind: 'central_supplement_notice',
      caseId: c.id,
    });
    expect(result.ok ? null : result.error.code).toBe('document_without_central_supplement');
  });

  it('an approval marks the case too; events of older feeds, without a list, still parse', async () => {
    const c = await submitted();
    await central.central.cases.decide(c.id, 1, 'approve', '', '王审批');
    await t.workstation.services.sync.syncNow();
    expect(listed(c.id)).toMatchObject({ state: 'approved', centralUnseen: true });
    expect(await ok(t.workstation.router.call(clerk, 'cases.unseenCount', {}))).toEqual({ count: 1 });

    const old = caseEventSchema.parse({
      seq: 1,
      id: '6f1c7c1e-2b7a-4a53-9f64-1d2b3c4d5e6f',
      caseId: c.id,
      caseVersion: 1,
      kind: 'supplement_requested',
      comment: '请补充',
      approver: null,
      at: '2026-11-27T02:00:00.000Z',
    });
    expect(old.items).toEqual([]);
  });
});
