import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPrefix, type CasePut } from '@yichuang/domain/protocol';
import { ratingCodeDigest } from '@yichuang/domain/rating-codes';
import { provincialElementsOf, provincialRatingOf } from '@yichuang/domain/ratings';
import { casePut, engines, enrolWindow, ratingPut, startCentral, type RunningCentral } from './testing/central';
import { pageClient, signedIn, testPeople } from './testing/pages';
import { ratingLockout } from './service/ratings';

/** A case version whose notice carries the 评价码 `code`, usable until `until` (a hall day). */
function invitedCase(code: string, until = '2026-12-04', overrides: Partial<CasePut> = {}): CasePut {
  const body = casePut([], overrides);
  return { ...body, ratingInvitation: { codeSha256: ratingCodeDigest(body.id, body.version, code), until } };
}

const november = { from: '2026-11-01', to: '2026-11-30' };

describe.each(engines)('the rating page (the notice’s QR code) over %s', (engine) => {
  let c: RunningCentral;
  const start = new Date('2026-11-27T03:00:00.000Z');
  let clock = start;
  let client: ReturnType<typeof pageClient>;
  let admin: string;
  let auth3: string;

  const code = '12345678';
  const invited = invitedCase(code);
  const other = invitedCase('87654321');
  const plain = casePut([]);
  const rejected = invitedCase('11112222', '2026-12-04', {
    windowState: 'rejected',
    decision: { kind: 'reject', reasonCode: 'out_of_scope', text: '' },
    acceptedAt: null,
    promisedDate: null,
  });
  const shortLived = invitedCase('22223333', '2026-11-28');
  const windowRated = invitedCase('33334444');
  const locked = invitedCase('44445555');
  const stranger = invitedCase('55556666');

  const post = (url: string, fields: Record<string, string | string[]>) => {
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) form.append(k, one);
    return c.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form.toString(),
    });
  };
  const open = (caseNumber: string, typed: string, lang?: string) =>
    post(lang ? `/rate?lang=${lang}` : '/rate', { case: caseNumber, code: typed });
  const counts = () => c.central.ratings.refusalCounts(november);

  beforeAll(async () => {
    c = await startCentral({ engine, now: () => clock });
    client = pageClient(c.app);
    [admin] = await signedIn(c.app, c.central, [testPeople.admin]);
    const w3 = await enrolWindow(c.central, 3);
    auth3 = w3.authorization;
    for (const body of [invited, other, plain, rejected, shortLived, windowRated, locked, stranger]) {
      expect((await c.central.cases.put(w3.workstation, body, null)).status).toBe(201);
    }
  }, 60_000);
  afterAll(async () => {
    await c?.dispose();
  });

  it('opens at the QR code’s address: the case number filled in, the code asked for, no script', async () => {
    const page = await client.get(`/rate?case=${encodeURIComponent(invited.number)}`);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'none'");
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('<html lang="zh-CN">');
    expect(page.body).toContain('<h1>政务服务评价</h1>');
    // The hall's name at the top.
    expect(page.body).toContain(c.central.hall.settings.hallName());
    expect(page.body).toContain(`value="${invited.number}"`);
    expect(page.body).toMatch(/<input[^>]*name="code"[^>]*inputmode="numeric"/);
    expect(page.body).toMatch(/<label for="code">评价码<\/label>/);
    expect(page.body).not.toMatch(/<script/i);
    const english = await client.get(`/rate?case=${encodeURIComponent(invited.number)}&lang=en`);
    expect(english.body).toContain('<html lang="en">');
    expect(english.body).toContain('Rate our service');
    // Its forms keep the language chosen.
    expect(english.body).toContain('action="/rate?lang=en"');
  });

  it('asks again for a missing number or a code that is not 8 digits, without counting it', async () => {
    const short = await open(invited.number, '1234');
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('评价码是告知书上印的 8 位数字');
    const missing = await open('  ', code);
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('请输入办件编号');
    expect((await counts()).total).toBe(0);
  });

  it('refuses a wrong code, and another case’s code, and counts each refusal', async () => {
    const wrong = await open(invited.number, '12345679');
    expect(wrong.statusCode).toBe(403);
    expect(wrong.body).toContain('评价码不正确');
    expect(wrong.body).toContain(`value="${invited.number}"`);
    const othersCode = await open(invited.number, '87654321');
    expect(othersCode.statusCode).toBe(403);
    const english = await open(invited.number, '00000000', 'en');
    expect(english.body).toContain('The rating code is wrong');
    expect(await counts()).toMatchObject({ wrong_code: 3, total: 3 });
  });

  it('refuses an unknown case number and a case sent without a code (rate at the window)', async () => {
    const unknown = await open('370303-20261127-003-9999', code);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('没有找到办件编号 370303-20261127-003-9999');
    const notInvited = await open(plain.number, code);
    expect(notInvited.statusCode).toBe(409);
    expect(notInvited.body).toContain(`办件 ${plain.number} 不能在网上评价：请在办理窗口评价`);
    expect(await counts()).toMatchObject({ unknown_case: 1, not_invited: 1 });
  });

  it('opens the rating form for the right code: the matter, the number and the visit, nobody’s name', async () => {
    // Typed on a phone: spaces, full-width digits and dash.
    const typed = ` ${invited.number.replace('-', '－').replace('3', '３')} `;
    const form = await open(typed, ' 1234 5678 ');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('评价这次办理');
    expect(form.body).toContain('居住证申领');
    expect(form.body).toContain(invited.number);
    expect(form.body).toContain('受理');
    expect(form.body).toContain('2026-12-04');
    // Five levels, none chosen; the seven reasons, labelled as the 差评's.
    expect(form.body.match(/type="radio"/g)).toHaveLength(5);
    expect(form.body.match(/type="checkbox"/g)).toHaveLength(7);
    expect(form.body).not.toMatch(/\schecked\b/);
    expect(form.body).toContain('选择“不满意”或“非常不满意”时必选');
    expect(form.body).toContain('name="code" value="12345678"');
    for (const secret of [
      invited.draft.person.name,
      invited.draft.person.idNumber,
      invited.draft.person.idNumber.slice(-4),
      invited.draft.person.phone,
      invited.clerk.displayName,
    ]) {
      expect(form.body).not.toContain(secret);
    }
    // The other visits: a 不予受理 is rated as such.
    expect((await open(rejected.number, '11112222')).body).toContain('不予受理');
  });

  it('shows the form again for an answer that does not hold, with the choices kept', async () => {
    const noReason = await post('/rate/submit', {
      case: invited.number,
      code,
      level: 'unsatisfied',
      text: '等了很久',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('请至少选择一个原因');
    expect(noReason.body).toMatch(/value="unsatisfied"\s+checked/);
    expect(noReason.body).toContain('>等了很久</textarea>');
    const goodWithReason = await post('/rate/submit', {
      case: invited.number,
      code,
      level: 'satisfied',
      reasons: ['waiting'],
    });
    expect(goodWithReason.statusCode).toBe(400);
    expect(goodWithReason.body).toContain('满意的评价不需要原因');
    expect(goodWithReason.body).toMatch(/value="waiting"\s+checked/);
    const none = await post('/rate/submit', { case: invited.number, code });
    expect(none.body).toContain('请选择一个评价等级');
    // Nothing stored, nothing refused.
    expect(await c.central.ratings.exportRows(november)).toEqual([]);
    expect((await counts()).already_rated).toBe(0);
  });

  it('stores a good answer as an EWM rating with every provincial element, once', async () => {
    clock = new Date('2026-11-28T01:30:00.000Z');
    const answer = {
      level: 'very_unsatisfied',
      reasons: ['waiting', 'attitude'],
      text: '  等了一个多小时  ',
    } as const;
    const thanks = await post('/rate/submit', { case: invited.number, code, ...answer, reasons: [...answer.reasons] });
    expect(thanks.statusCode).toBe(200);
    expect(thanks.body).toContain('感谢您的评价');
    expect(thanks.body).toContain(`您对办件 ${invited.number}「受理」的评价已提交`);

    const rows = await c.central.ratings.exportRows(november);
    expect(rows).toHaveLength(1);
    const expected = provincialRatingOf(
      provincialElementsOf({
        number: invited.number,
        catalogVersion: invited.catalogVersion,
        districtCode: invited.districtCode,
        windowNumber: invited.windowNumber,
        matter: invited.matter,
        subject: invited.subject,
        clerk: invited.clerk,
        draft: invited.draft,
        decidedAt: invited.decidedAt,
        acceptedAt: invited.acceptedAt,
      }),
      'accepted',
      'EWM',
      { level: answer.level, reasons: [...answer.reasons], text: '等了一个多小时' },
      clock,
    );
    expect(rows[0]).toEqual(expected);
    expect(rows[0]).toMatchObject({
      evaluateChannel: 'EWM',
      projNo: invited.number,
      applicantName: '张三',
      applicantCardNumber: invited.draft.person.idNumber,
      handleStateCode: '1',
      evaluateLevel: 1,
      evaluateReasons: ['waiting', 'attitude'],
      evaluateReasonNames: ['排队等候时间长', '服务态度不好'],
      evaluateText: '等了一个多小时',
      evaluateTime: '2026-11-28T01:30:00.000Z',
      evaluatedPersonInfo: { name: '李四', staffNumber: 'lisi', windowNumber: 3 },
    });
    expect(await c.central.ratings.summary(november)).toMatchObject({ total: 1, bad: 1 });

    // In the trail like a window's rating: the case, the visit, the channel; no level, no applicant.
    const entries = (await c.central.audit.list(invited.id)).filter((e) => e.action === 'rating.online');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorKind: 'system',
      actor: 'rating-page',
      detail: { version: 1, stage: 'accepted', channel: 'EWM' },
    });
    const text = JSON.stringify(entries);
    for (const secret of ['very_unsatisfied', '非常不满意', '张三', invited.draft.person.idNumber]) {
      expect(text).not.toContain(secret);
    }
  });

  it('refuses a second rating of the same visit, by the form or by the code', async () => {
    const again = await post('/rate/submit', { case: invited.number, code, level: 'very_satisfied' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('每次办理只能评价一次');
    expect((await open(invited.number, code)).statusCode).toBe(409);
    expect((await counts()).already_rated).toBe(2);
    expect(await c.central.ratings.exportRows(november)).toHaveLength(1);
  });

  it('refuses a visit rated at the window already, and the window’s rating after one given online', async () => {
    const put = (body: object, id: string) =>
      c.app.inject({
        method: 'PUT',
        url: `${apiPrefix}/ratings/${id}`,
        headers: { authorization: auth3, 'idempotency-key': `rating:${id}` },
        payload: body,
      });
    const atWindow = ratingPut(windowRated);
    expect((await put(atWindow, atWindow.id)).statusCode).toBe(201);
    const refused = await open(windowRated.number, '33334444');
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('这次办理已经评价过了');
    // The window cannot rate a visit rated online either (one visit, one rating).
    const late = ratingPut(invited);
    expect((await put(late, late.id)).json()).toMatchObject({ code: 'rating_visit_rated' });
  });

  it('refuses after the last day (the hall’s date on central’s clock), saying which day it was', async () => {
    // 23:30 on 28 November in the hall: still the last day.
    clock = new Date('2026-11-28T15:30:00.000Z');
    expect((await open(shortLived.number, '22223333')).statusCode).toBe(200);
    // 00:30 on 29 November in the hall (still the 28th in UTC): too late.
    clock = new Date('2026-11-28T16:30:00.000Z');
    const late = await open(shortLived.number, '22223333');
    expect(late.statusCode).toBe(410);
    expect(late.body).toContain('评价截止到 2026-11-28（含当天）');
    const submitted = await post('/rate/submit', { case: shortLived.number, code: '22223333', level: 'satisfied' });
    expect(submitted.statusCode).toBe(410);
    clock = start;
  });

  it('locks a case number for an hour after 5 failed tries within an hour, even for the right code', async () => {
    clock = new Date('2026-11-27T06:00:00.000Z');
    for (let i = 0; i < ratingLockout.failures; i++) {
      clock = new Date(clock.getTime() + 60_000);
      expect((await open(locked.number, `0000000${i}`)).statusCode).toBe(403);
    }
    const refused = await open(locked.number, '44445555');
    expect(refused.statusCode).toBe(429);
    // The last failure at 14:05 in the hall: tried again from 15:05.
    expect(refused.body).toContain('1 小时内输错了 5 次，已暂停评价 1 小时：请在 2026-11-27 15:05 以后再试');
    const submitted = await post('/rate/submit', { case: locked.number, code: '44445555', level: 'satisfied' });
    expect(submitted.statusCode).toBe(429);
    // Another case is not locked by it.
    expect((await open(stranger.number, '55556666')).statusCode).toBe(200);
    clock = new Date(clock.getTime() + 59 * 60_000);
    expect((await open(locked.number, '44445555')).statusCode).toBe(429);
    clock = new Date(clock.getTime() + 60_000);
    expect((await open(locked.number, '44445555')).statusCode).toBe(200);

    // Unknown numbers count too, each number for itself.
    const nowhere = '370303-20261127-003-8888';
    for (let i = 0; i < ratingLockout.failures; i++) expect((await open(nowhere, code)).statusCode).toBe(404);
    const lockedOut = await open(nowhere, code);
    expect(lockedOut.statusCode).toBe(429);
    expect((await open(`${nowhere}1`, code)).statusCode).toBe(404);
    clock = start;
  });

  it('shows the refusals by reason beside the export on the admin page, for the range chosen', async () => {
    const counted = await counts();
    expect(counted).toMatchObject({ locked: 4, not_invited: 1, expired: 2, already_rated: 3 });
    const page = (await client.get('/approver/admin?from=2026-11-01&to=2026-11-30', admin)).body;
    expect(page).toContain('扫码评价被拒绝的次数（' + counted.total + '）');
    const cell = (label: string, n: number) => new RegExp(`<td>${label}</td>\\s*<td class="num">${n}</td>`);
    expect(page).toMatch(cell('评价码错误', counted.wrong_code));
    expect(page).toMatch(cell('办件编号不存在', counted.unknown_case));
    expect(page).toMatch(cell('错误次数过多，暂停评价中', counted.locked));
    expect(page).toMatch(cell('该办件没有评价码，不能扫码评价', 1));
    expect(page).toMatch(cell('已过评价期限', 2));
    expect(page).toMatch(cell('这次办理已经评价过', 3));
    expect(page).toContain('收到评价 2 条，其中差评 1 条');
    expect(page).toContain('formaction="/approver/admin#ratings"');
    // Another range: none of them.
    const december = (await client.get('/approver/admin?from=2026-12-01&to=2026-12-31', admin)).body;
    expect(december).toContain('扫码评价被拒绝的次数（0）');
    expect(december).toContain('value="2026-12-01"');
    // A wrong range says why and shows the current month.
    const reversed = await client.get('/approver/admin?from=2026-11-30&to=2026-11-01', admin);
    expect(reversed.statusCode).toBe(400);
    expect(reversed.body).toContain('结束日期 2026-11-01 早于开始日期 2026-11-30');
    const english = (await client.get('/approver/admin?from=2026-11-01&to=2026-11-30', `${admin}; lang=en`)).body;
    expect(english).toMatch(new RegExp(`<td>Wrong rating code</td>\\s*<td class="num">${counted.wrong_code}</td>`));
  });
});

describe('a hall-only central (`serve --only hall`)', () => {
  it('does not serve the rating page', async () => {
    const hall = await startCentral({ only: 'hall' });
    try {
      expect((await hall.app.inject({ method: 'GET', url: '/rate' })).statusCode).toBe(404);
      expect((await hall.app.inject({ method: 'POST', url: '/rate/submit' })).statusCode).toBe(404);
    } finally {
      await hall.dispose();
    }
  }, 60_000);
});
