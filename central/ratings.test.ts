import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPrefix, replayedHeader, type RatingPut } from '@yichuang/domain/protocol';
import { provincialRatingSchema } from '@yichuang/domain/ratings';
import { casePut, engines, enrolWindow, ratingPut, startCentral, type RunningCentral } from './testing/central';
import { pageClient, signedIn, testPeople } from './testing/pages';
import { ratingCsvCell, ratingCsvColumns } from './service/rating-export';

/** The provincial element names in the schema's order: the JSON lines' keys. */
const provincialKeys = Object.keys(provincialRatingSchema.shape);

describe('the provincial CSV cells', () => {
  it('quote per RFC 4180, join arrays with ;, and never start a formula', () => {
    expect(ratingCsvCell('plain')).toBe('plain');
    expect(ratingCsvCell('a,b')).toBe('"a,b"');
    expect(ratingCsvCell('say "hi"')).toBe('"say ""hi"""');
    expect(ratingCsvCell('two\nlines')).toBe('"two\nlines"');
    expect(ratingCsvCell(['waiting', 'attitude'])).toBe('waiting;attitude');
    expect(ratingCsvCell([])).toBe('');
    expect(ratingCsvCell(5)).toBe('5');
    for (const start of ['=', '+', '-', '@']) expect(ratingCsvCell(`${start}SUM(A1)`)).toBe(`'${start}SUM(A1)`);
    expect(ratingCsvCell('=HYPERLINK("x","y")')).toBe(`"'=HYPERLINK(""x"",""y"")"`);
    expect(ratingCsvCell('+8613800138000')).toBe("'+8613800138000");
    expect(ratingCsvCell('-2')).toBe('-2');
  });

  it('has the provincial columns in order, the evaluated person as three', () => {
    const at = ratingCsvColumns.indexOf('evaluatedPersonInfo.name');
    expect(ratingCsvColumns.slice(at, at + 3)).toEqual([
      'evaluatedPersonInfo.name',
      'evaluatedPersonInfo.staffNumber',
      'evaluatedPersonInfo.windowNumber',
    ]);
    expect(ratingCsvColumns.filter((c) => !c.startsWith('evaluatedPersonInfo.'))).toEqual(
      provincialKeys.filter((k) => k !== 'evaluatedPersonInfo'),
    );
    expect(ratingCsvColumns[0]).toBe('version');
    expect(ratingCsvColumns.at(-1)).toBe('evaluateTime');
  });
});

describe.each(engines)('好差评 at central over %s', (engine) => {
  let c: RunningCentral;
  const clock = new Date('2026-11-27T01:00:00.000Z');
  let auth3: string;
  let auth4: string;
  let admin: string;
  let approver: string;
  let client: ReturnType<typeof pageClient>;
  const own = casePut([]);
  const another = casePut([]);
  const theirs = casePut([], { windowNumber: 4 });

  const put = (body: unknown, authorization = auth3, id = (body as RatingPut).id) =>
    c.app.inject({
      method: 'PUT',
      url: `${apiPrefix}/ratings/${id}`,
      headers: { authorization, 'idempotency-key': `rating:${id}` },
      payload: body as object,
    });

  beforeAll(async () => {
    c = await startCentral({ engine, now: () => clock });
    client = pageClient(c.app);
    [admin, approver] = await signedIn(c.app, c.central, [testPeople.admin, testPeople.li]);
    const w3 = await enrolWindow(c.central, 3);
    const w4 = await enrolWindow(c.central, 4);
    auth3 = w3.authorization;
    auth4 = w4.authorization;
    await c.central.cases.put(w3.workstation, own, null);
    await c.central.cases.put(w3.workstation, another, null);
    await c.central.cases.put(w4.workstation, theirs, null);
  }, 60_000);
  afterAll(async () => {
    await c?.dispose();
  });

  const first = ratingPut(own, { ratedAt: '2026-11-27T10:05:00.000+08:00' });

  it('stores a rating once (201) and answers the same body again the same (200, replayed)', async () => {
    const created = await put(first);
    expect(created.statusCode).toBe(201);
    expect(created.headers[replayedHeader]).toBeUndefined();
    const answer = created.json<{ id: string; receivedAt: string }>();
    expect(answer).toEqual({ id: first.id, receivedAt: clock.toISOString() });

    // The same rating again, its keys in another order (the body's canonical JSON is what counts).
    const reordered = Object.fromEntries(Object.entries(first).reverse());
    const again = await put(reordered, auth3, first.id);
    expect(again.statusCode).toBe(200);
    expect(again.headers[replayedHeader]).toBe('true');
    expect(again.json()).toEqual(answer);
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await c.app.inject({ method: 'GET', url: '/openapi.json' })).json<{ paths: Record<string, object> }>();
    expect(Object.keys(doc.paths[`${apiPrefix}/ratings/{id}`] ?? {})).toEqual(['put']);
  });

  it('refuses another body under the same id (409)', async () => {
    const changed = await put({
      ...first,
      text: '改过的意见',
      record: { ...first.record, evaluateText: '改过的意见' },
    });
    expect(changed.statusCode).toBe(409);
    expect(changed.json()).toMatchObject({ code: 'rating_conflict' });
    expect(changed.json<{ message: string }>().message).toContain('已以不同内容报送过');
  });

  it('refuses a second rating of the same visit (409), and takes the case’s next stage', async () => {
    const second = await put(ratingPut(own, { level: 'satisfied' }));
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ code: 'rating_visit_rated' });
    expect(second.json<{ message: string }>().message).toContain(`办件 ${own.number} 第 1 版的「受理」已有一条评价`);
    const completed = await put(ratingPut(own, { stage: 'completed', ratedAt: '2026-11-27T03:00:00.000Z' }));
    expect(completed.statusCode).toBe(201);
  });

  it('refuses a rating of a case central does not have, or of another workstation’s case (409)', async () => {
    const unknown = ratingPut(casePut([]));
    const refused = await put(unknown);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'rating_case_unknown' });
    expect(refused.json<{ message: string }>().message).toContain(unknown.caseNumber);

    const notYours = await put(ratingPut(theirs));
    expect(notYours.statusCode).toBe(409);
    expect(notYours.json()).toMatchObject({ code: 'rating_case_not_yours' });
    // Window 4 sending window 3's stored rating, body and all, is no replay either.
    const stolen = await put(first, auth4);
    expect(stolen.statusCode).toBe(409);
    expect(stolen.json()).toMatchObject({ code: 'rating_conflict' });
  });

  it('refuses a malformed body (400), one that disagrees with its own elements, and an unknown caller (401)', async () => {
    const body = ratingPut(another);
    const { record: _record, ...withoutRecord } = body;
    expect((await put(withoutRecord, auth3, body.id)).statusCode).toBe(400);
    expect((await put({ ...body, level: 'great' })).json()).toMatchObject({ code: 'invalid_input' });
    expect((await put({ ...body, ratedAt: '2026-11-27 10:05' })).statusCode).toBe(400);
    const mismatch = await put(body, auth3, first.id);
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json()).toMatchObject({ code: 'id_mismatch' });
    const disagreeing = await put({ ...body, level: 'satisfied' });
    expect(disagreeing.statusCode).toBe(400);
    expect(disagreeing.json()).toMatchObject({ code: 'rating_record_mismatch' });
    expect(disagreeing.json<{ message: string }>().message).toContain('evaluateLevel');
    expect((await put(body, 'Bearer nobody.nothing')).statusCode).toBe(401);
    // None of them was stored: the visit can still be rated.
    expect((await put(body)).statusCode).toBe(201);
  });

  it('audits every rating received: the case, the visit and the channel, never the level or the applicant', async () => {
    const entries = await c.central.audit.list(own.id);
    const rated = entries.filter((e) => e.action === 'rating.put');
    expect(rated).toHaveLength(2);
    expect(rated.map((e) => e.detail)).toContainEqual({
      rating: first.id,
      version: 1,
      stage: 'accepted',
      channel: 'PJQ',
    });
    const text = JSON.stringify(rated);
    for (const secret of ['very_satisfied', '非常满意', own.draft.person.name, own.draft.person.idNumber]) {
      expect(text).not.toContain(secret);
    }
    expect(rated[0]).toMatchObject({ actorKind: 'clerk', actor: '李四（lisi）' });
  });

  describe('the provincial export', () => {
    const tricky = ratingPut(another, {
      stage: 'completed',
      level: 'very_unsatisfied',
      reasons: ['waiting', 'attitude'],
      text: '=HYPERLINK("http://x","点我"), 还要"再来"一次\n第二行',
      channel: 'EWM',
      // 00:30 on 1 December in the hall: December's, though it is still 30 November in UTC.
      ratedAt: '2026-11-30T16:30:00.000Z',
    });
    const early = ratingPut(another, { stage: 'supplement', level: 'basic', ratedAt: '2026-11-02T09:00:00+08:00' });

    beforeAll(async () => {
      expect((await put(tricky)).statusCode).toBe(201);
      expect((await put(early)).statusCode).toBe(201);
    });

    const exportOf = (query: string, cookie = admin) => client.get(`/approver/ratings/export?${query}`, cookie);

    it('writes JSON lines: the provincial keys in order, oldest first, by hall day', async () => {
      const response = await exportOf('from=2026-11-01&to=2026-11-30&format=jsonl');
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
      expect(response.headers['content-disposition']).toBe(
        'attachment; filename="ratings-2026-11-01-2026-11-30.jsonl"',
      );
      const lines = response.body.split('\n');
      expect(lines.at(-1)).toBe('');
      const records = lines.slice(0, -1).map((l) => JSON.parse(l) as Record<string, unknown>);
      // November's four (the one given after hall midnight on 1 December is not), oldest first.
      expect(records.map((r) => r.evaluateTime)).toEqual([
        '2026-11-02T01:00:00.000Z',
        '2026-11-27T02:05:00.000Z',
        '2026-11-27T02:05:00.000Z',
        '2026-11-27T03:00:00.000Z',
      ]);
      for (const r of records) {
        expect(Object.keys(r)).toEqual(provincialKeys);
        expect(Object.keys(r.evaluatedPersonInfo as object)).toEqual(['name', 'staffNumber', 'windowNumber']);
        expect(provincialRatingSchema.parse(r)).toEqual(r);
      }
      expect(records[0]).toEqual(early.record);

      const december = await exportOf('from=2026-12-01&to=2026-12-01&format=jsonl');
      expect(JSON.parse(december.body.trim())).toEqual(tricky.record);
    });

    it('writes CSV for Excel: BOM, the same columns, RFC 4180 quoting, ;-joined arrays, no formulas', async () => {
      const response = await exportOf('from=2026-12-01&to=2026-12-31&format=csv');
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toBe('attachment; filename="ratings-2026-12-01-2026-12-31.csv"');
      expect([...response.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(response.body.startsWith('\uFEFFversion,evaluateChannel,projNo,')).toBe(true);
      // Records end in CRLF; the line break inside the quoted text is the citizen's own (LF).
      const [header, row, end] = response.body.slice(1).split('\r\n');
      expect(header!.split(',')).toEqual(ratingCsvColumns);
      expect(end).toBe('');
      expect(row).toContain(',waiting;attitude,排队等候时间长;服务态度不好,');
      expect(row).toContain(`,李四,lisi,3,1,非常不满意,`);
      expect(row).toContain(`,"'=HYPERLINK(""http://x"",""点我""), 还要""再来""一次\n第二行",`);
      expect(row!.startsWith(`2,EWM,${another.number},`)).toBe(true);
      expect(row!.endsWith(',2026-11-30T16:30:00.000Z')).toBe(true);
    });

    it('counts a range by level (the summary)', async () => {
      expect(await c.central.ratings.summary({ from: '2026-11-01', to: '2026-12-31' })).toEqual({
        total: 5,
        byLevel: { very_satisfied: 3, satisfied: 0, basic: 1, unsatisfied: 0, very_unsatisfied: 1 },
        bad: 1,
      });
      const paged: unknown[] = [];
      for await (const batch of c.central.ratings.exportBatches({ from: '2026-11-01', to: '2026-12-31' }, 2)) {
        expect(batch.length).toBeLessThanOrEqual(2);
        paged.push(...batch);
      }
      expect(paged).toEqual(await c.central.ratings.exportRows({ from: '2026-11-01', to: '2026-12-31' }));
      expect(paged).toHaveLength(5);
    });

    it('refuses bad dates, a reversed range, more than 366 days and an unknown format, in words (400)', async () => {
      const refusals: [string, string][] = [
        ['from=2026-11-31&to=2026-12-01&format=csv', '请按 YYYY-MM-DD 填写导出的开始和结束日期'],
        ['from=20261101&to=2026-12-01&format=csv', '请按 YYYY-MM-DD 填写导出的开始和结束日期'],
        ['to=2026-12-01&format=csv', '请按 YYYY-MM-DD 填写导出的开始和结束日期'],
        ['from=2026-11-30&to=2026-11-01&format=jsonl', '结束日期 2026-11-01 早于开始日期 2026-11-30'],
        ['from=2026-01-01&to=2027-01-02&format=csv', '导出范围不超过 366 天（所选为 367 天）'],
        ['from=2026-11-01&to=2026-11-30&format=xlsx', '请选择导出格式'],
        ['from=2026-11-01&to=2026-11-30', '请选择导出格式'],
      ];
      for (const [query, words] of refusals) {
        const response = await exportOf(query);
        expect(response.statusCode, query).toBe(400);
        expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
        expect(response.body, query).toContain(words);
      }
      // 366 days (a leap year's) is allowed.
      expect((await exportOf('from=2028-01-01&to=2028-12-31&format=csv')).statusCode).toBe(200);
    });

    it('is for administrators only, and every export is in the trail', async () => {
      expect((await exportOf('from=2026-11-01&to=2026-11-30&format=csv', approver)).statusCode).toBe(403);
      const anonymous = await client.get('/approver/ratings/export?from=2026-11-01&to=2026-11-30&format=csv');
      expect(anonymous.statusCode).toBe(303);
      expect(anonymous.headers.location).toMatch(/^\/approver\/sign-in\?next=/);

      const exports = (await c.central.audit.list()).filter((e) => e.action === 'rating.export');
      expect(exports.find((e) => (e.detail as { from?: string }).from === '2026-11-01')).toMatchObject({
        actorKind: 'admin',
        actor: '管理员甲（admin）',
        detail: { from: '2026-11-01', to: '2026-11-30', format: 'jsonl', rows: 4 },
      });
      // Refused ranges and the approver's attempt left no entry.
      expect(exports).toHaveLength(4);
      const log = (await client.get('/approver/log', admin)).body;
      expect(log).toContain('导出好差评');
      expect(log).toContain('大厅日期 2026-11-01 至 2026-11-30 · JSONL · 4 条');
      expect(log).toContain('窗口报送好差评');
      expect(log).toContain(`<a class="num" href="/approver/cases/${own.id}">${own.number}</a>`);
      expect(log).toContain('评价环节：受理 · 窗口评价器');
    });

    it('offers the export on the admin page, for the hall’s current month', async () => {
      const page = (await client.get('/approver/admin', admin)).body;
      expect(page).toContain('action="/approver/ratings/export"');
      expect(page).toMatch(/name="from"\s+value="2026-11-01"/);
      expect(page).toMatch(/name="to"\s+value="2026-11-30"/);
      expect(page).toContain('name="format" value="jsonl"');
      expect(page).toContain('name="format" value="csv"');
    });
  });
});

describe('a hall-only central', () => {
  it('does not take ratings', async () => {
    const c = await startCentral({ only: 'hall' });
    try {
      const body = ratingPut(casePut([]));
      const response = await c.app.inject({ method: 'PUT', url: `${apiPrefix}/ratings/${body.id}`, payload: body });
      expect(response.statusCode).toBe(404);
    } finally {
      await c.dispose();
    }
  }, 60_000);
});
