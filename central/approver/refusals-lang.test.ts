import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CasePut } from '@yichuang/domain/protocol';
import { casePut, engines, enrolWindow, paperMaterial, startCentral, type RunningCentral } from '../testing/central';
import { postFrom, signedIn, testPeople } from '../testing/pages';

/**
 * The service's refusals (CentralError) on the approver and admin pages speak the page's language:
 * English text on an English page, today's Chinese on a Chinese one.
 */

/** The refusal a page shows (its `role="alert"` box), entities decoded. */
function alertOf(page: string): string {
  const text = /<div class="error" role="alert">([\s\S]*?)<\/div>/.exec(page)?.[1];
  if (text === undefined) throw new Error('the page shows no refusal');
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
}
const han = /\p{Script=Han}/u;

describe.each(engines)("the service's refusals in the page's language over %s", (engine) => {
  let c: RunningCentral;
  let admin: string;
  let approver: string;
  const submitted: CasePut = casePut([]);
  /** A case with one material, named as the window sent it (data, so in any language). */
  const withPhoto: CasePut = {
    ...casePut([]),
    materials: [paperMaterial('photo', 'Photo')],
  };

  beforeAll(async () => {
    c = await startCentral({ engine });
    [admin, approver] = await signedIn(c.app, c.central, [testPeople.admin, testPeople.li]);
    const { workstation } = await enrolWindow(c.central, 3);
    await c.central.cases.put(workstation, submitted, null);
    await c.central.cases.put(workstation, withPhoto, null);
  }, 60_000);
  afterAll(async () => {
    await c?.dispose();
  });

  const as = (cookie: string, lang: 'en' | 'zh-CN') => `${cookie}; lang=${lang}`;

  async function deny(lang: 'en' | 'zh-CN') {
    const page = `/approver/cases/${submitted.id}`;
    const cookie = as(approver, lang);
    return postFrom(c.app, cookie, page, `${page}/decide`, { version: '1', action: 'deny', comment: '  ' });
  }

  async function addPerson(lang: 'en' | 'zh-CN', username: string) {
    return postFrom(c.app, as(admin, lang), '/approver/people', '/approver/people', {
      username,
      displayName: 'Wang',
      role: 'approver',
      password: 'a-long-password-1',
    });
  }

  it('denying without a reason: English on an English page, Chinese on a Chinese one', async () => {
    const english = await deny('en');
    expect(english.statusCode).toBe(400);
    expect(alertOf(english.body)).toBe('A denial needs a written reason');
    const chinese = await deny('zh-CN');
    expect(chinese.statusCode).toBe(400);
    expect(alertOf(chinese.body)).toBe('不予批准须写明理由');
  });

  it('a bad or taken user name: English on an English page, Chinese on a Chinese one', async () => {
    const bad = await addPerson('en', 'Not Valid!');
    expect(bad.statusCode).toBe(400);
    expect(alertOf(bad.body)).toMatch(/^User names are 2–40 /);
    expect(alertOf(bad.body)).not.toMatch(han);
    expect(alertOf((await addPerson('zh-CN', 'Not Valid!')).body)).toBe(
      '用户名为 2–40 位小写字母、数字、点、下划线或连字符',
    );
    const taken = await addPerson('en', 'li');
    expect(taken.statusCode).toBe(409);
    expect(alertOf(taken.body)).toBe('The user name li is already taken');
    expect(alertOf((await addPerson('zh-CN', 'li')).body)).toBe('用户名 li 已存在');
  });

  it('a case that moved on: English on an English page', async () => {
    const page = `/approver/cases/${submitted.id}`;
    const stale = await postFrom(c.app, as(approver, 'en'), page, `${page}/decide`, {
      version: '2',
      action: 'approve',
      comment: '',
    });
    expect(stale.statusCode).toBe(409);
    expect(alertOf(stale.body)).not.toMatch(han);
    expect(alertOf(stale.body)).toMatch(/^This case has changed/);
  });

  it('a supplement reason too long: English names the limit, Chinese as today', async () => {
    const page = `/approver/cases/${withPhoto.id}`;
    const ask = (lang: 'en' | 'zh-CN') =>
      postFrom(c.app, as(approver, lang), page, `${page}/decide`, {
        version: '1',
        action: 'supplement',
        comment: '',
        'item.photo': '1',
        'reason.photo': 'x'.repeat(201),
      });
    const english = await ask('en');
    expect(english.statusCode).toBe(400);
    expect(alertOf(english.body)).toBe('“Photo”: what is needed may have at most 200 characters');
    expect(alertOf((await ask('zh-CN')).body)).toBe('「Photo」：补正内容不超过 200 字');
  });
});
