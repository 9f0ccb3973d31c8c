import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejectionCode } from '../testing/wait';
import { createTestWorkstation, setUpAdmin, type TestWorkstation } from '../testing/workstation';
import type { Session } from '../ipc/session';

/** Enrolment refuses plain http to another machine: in the contract (the field) and in the sync service itself. */

let t: TestWorkstation;
let admin: Session;

beforeAll(async () => {
  t = await createTestWorkstation();
  admin = (await setUpAdmin(t.workstation)).session;
});
afterAll(() => t.dispose());

describe('the central address at enrolment', () => {
  it('is refused over plain http to another host, with the field named, and nothing is stored', async () => {
    const result = await t.workstation.router.call(admin, 'sync.enrol', {
      centralUrl: 'http://example.com',
      code: 'ABCD-EFGH-JKMN',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!result.ok && result.error.fields?.centralUrl).toContain('中心地址须使用 https://');
    expect(t.workstation.services.sync.status().centralUrl).toBe('');
  });

  it('is refused by the sync service too, whoever calls it', async () => {
    const code = await rejectionCode(
      t.workstation.services.sync.enrol({ centralUrl: 'http://10.0.0.8:8700', code: 'ABCD-EFGH-JKMN' }),
    );
    expect(code).toBe('central_address_insecure');
  });

  it('over http to this PC gets as far as asking central (none runs here)', async () => {
    const result = await t.workstation.router.call(admin, 'sync.enrol', {
      centralUrl: 'http://127.0.0.1:9',
      code: 'ABCD-EFGH-JKMN',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'enrol_failed' } });
  });
});
