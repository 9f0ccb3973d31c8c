import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, startCentral, type RunningCentral } from '../testing/central';
import { generatePassword } from './people';

describe.each(engines)('people over %s', (engine) => {
  let c: RunningCentral;
  let admin: number;

  beforeAll(async () => {
    c = await startCentral({ engine });
    admin = (
      await c.central.people.create(
        { username: 'boss', displayName: '管理员', role: 'admin', password: 'boss-password-1' },
        'test',
      )
    ).id;
  }, 60_000);
  afterAll(async () => {
    await c?.dispose();
  });

  it('refuses bad fields with a Chinese message and adds nobody', async () => {
    const people = c.central.people;
    const before = await people.count();
    const base = { username: 'wang', displayName: '王审批', role: 'approver' as const, password: 'long-enough-1' };
    await expect(people.create({ ...base, username: 'A B' }, 'test')).rejects.toThrow('用户名为 2–40 位');
    await expect(people.create({ ...base, displayName: '  ' }, 'test')).rejects.toThrow('请填写姓名');
    await expect(people.create({ ...base, password: 'short' }, 'test')).rejects.toThrow('密码至少 10 位');
    await expect(people.create({ ...base, department: '部'.repeat(61) }, 'test')).rejects.toThrow('不超过 60 字');
    expect(await people.count()).toBe(before);
  });

  it('disabling someone refuses their sign-in and ends their sessions; enabling lets them back', async () => {
    const people = c.central.people;
    const person = await people.create(
      { username: 'sun', displayName: '孙审批', role: 'approver', password: 'sun-password-1', department: '公安分局' },
      '管理员（boss）',
    );
    const sessions = c.central.sessions;
    const session = await sessions.start(person.id);
    expect(await sessions.resolve(session)).toBe(person.id);

    await people.setDisabled(person.id, true, '管理员（boss）');
    expect(await sessions.resolve(session)).toBeNull();
    expect(await people.active(person.id)).toBeNull();
    expect(await people.verify('sun', 'sun-password-1')).toBeNull();
    expect((await people.get(person.id))?.disabledAt).toBeTruthy();

    await people.setDisabled(person.id, false, '管理员（boss）');
    expect(await people.verify('sun', 'sun-password-1')).toMatchObject({ username: 'sun' });
    // A session from before the disable stays ended.
    expect(await sessions.resolve(session)).toBeNull();
    expect(await sessions.resolve(await sessions.start(person.id))).toBe(person.id);
    expect(await people.active(person.id)).toMatchObject({ username: 'sun', department: '公安分局' });
  });

  it('a password reset takes the new password only and ends the sessions; the trail never holds it', async () => {
    const people = c.central.people;
    const person = await people.create(
      { username: 'zhou', displayName: '周审批', role: 'approver', password: 'zhou-password-1' },
      'test',
    );
    const session = await c.central.sessions.start(person.id);
    const fresh = generatePassword();
    expect(fresh.length).toBeGreaterThanOrEqual(12);
    await expect(people.resetPassword(person.id, 'short', 'test')).rejects.toThrow('密码至少 10 位');
    await people.resetPassword(person.id, fresh, '管理员（boss）');
    expect(await people.verify('zhou', 'zhou-password-1')).toBeNull();
    expect(await people.verify('zhou', fresh)).toMatchObject({ username: 'zhou' });
    expect(await c.central.sessions.resolve(session)).toBeNull();
    const trail = await c.central.audit.list('zhou');
    expect(trail.map((e) => e.action)).toEqual(['person.password_reset', 'person.create']);
    expect(JSON.stringify(trail)).not.toContain(fresh);
  });

  it('changes a department, audited with before and after', async () => {
    const people = c.central.people;
    const person = await people.create(
      { username: 'wu', displayName: '吴审批', role: 'approver', password: 'wu-password-12', department: '民政局' },
      'test',
    );
    await people.setDepartment(person.id, ' 税务局 ', '管理员（boss）');
    expect((await people.get(person.id))?.department).toBe('税务局');
    const [entry] = await c.central.audit.list('wu');
    expect(entry).toMatchObject({
      action: 'person.department',
      actor: '管理员（boss）',
      detail: { from: '民政局', to: '税务局' },
    });
  });

  it('never disables the last administrator who can sign in', async () => {
    const people = c.central.people;
    await expect(people.setDisabled(admin, true, 'test')).rejects.toThrow('最后一位可登录的管理员');
    const second = await people.create(
      { username: 'boss2', displayName: '副管理员', role: 'admin', password: 'boss2-password' },
      'test',
    );
    await people.setDisabled(admin, true, 'test');
    await expect(people.setDisabled(second.id, true, 'test')).rejects.toThrow('最后一位可登录的管理员');
    await people.setDisabled(admin, false, 'test');
  });

  it('lists everyone, the ones who can sign in first', async () => {
    const list = await c.central.people.list();
    expect(list.map((p) => p.username)).toContain('boss');
    const firstDisabled = list.findIndex((p) => p.disabledAt !== null);
    if (firstDisabled >= 0) expect(list.slice(firstDisabled).every((p) => p.disabledAt !== null)).toBe(true);
  });
});
