import { join, resolve } from 'node:path';
import type { Decision } from '@yichuang/domain/cases';
import { testCatalog } from '@yichuang/domain/testing/catalog';
import { validCitizenId } from '@yichuang/domain/testing/ids';
import { makePng } from '@yichuang/domain/testing/images';
import type { Clock } from '../main/app/clock';
import { createWorkstation } from '../main/app/services';
import type { KeyProtector } from '../main/security/protectors';
import { completeResidenceDraft } from '../main/testing/intake-fixtures';
import { prng } from '../main/testing/prng';
import { makePdf } from '../main/testing/sample-files';
import { addClerk, sampleWindow } from '../main/testing/workstation';

/**
 * `npm run devtool -- seed-demo`: fills a data folder through the real services, as a day at a
 * window would — applicants read from the ID card, scans and PDFs stored, decisions taken,
 * notices printed, a backup, logs — so what lands on disk can be looked at (and searched for
 * plaintext). Everything is made up: names from a list, ID numbers with valid check digits.
 */

const surnames = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙'];
const givenNames = ['建国', '秀英', '志强', '丽娟', '海燕', '文博', '晓明', '春梅', '子涵', '雨桐', '浩然', '思远'];
const streets = ['人民西路', '华光路', '共青团路', '柳泉路', '金晶大道', '世纪路'];

export interface SeededPerson {
  name: string;
  idNumber: string;
  phone: string;
  address: string;
}

export interface SeedReport {
  people: SeededPerson[];
  cases: number;
  printed: number;
  backup: string | null;
  seconds: number;
}

export async function seedDemo(options: {
  dataDir: string;
  cases: number;
  protectors: readonly KeyProtector[];
  /** Where the app's resources are (migrations, fonts, the calendar). */
  resourcesDir?: string;
  seed?: number;
}): Promise<SeedReport> {
  const started = performance.now();
  const random = prng(options.seed ?? 16);
  let now = Date.parse('2026-12-07T01:00:00.000Z');
  const clock: Clock = { now: () => new Date(now) };
  const ws = await createWorkstation({
    dataDir: options.dataDir,
    resourcesDir: options.resourcesDir ?? resolve(__dirname, '..', 'resources'),
    protectors: options.protectors,
    clock,
    logLevel: 'info',
    deviceSources: [],
    printDrivers: [],
    sync: { autoStart: false },
  });
  try {
    const { staff, catalog, materials, settings, cases, printing } = ws.services;
    if (staff.count() === 0) {
      await staff.create({
        username: 'admin',
        displayName: '演示管理员',
        role: 'admin',
        windowNumber: null,
        password: 'Demo#Admin2026',
        mustChangePassword: false,
      });
    }
    settings.update({ ...sampleWindow, a4Printer: { backend: 'browser', name: 'browser' } });
    catalog.load(testCatalog(), 'central');
    const clerk = await addClerk(staff, {
      username: `demo${Math.floor(random() * 1e6)}`,
      displayName: '演示窗口',
      windowNumber: 7,
    });
    ws.log.info({ cases: options.cases }, 'seeding demo cases');
    const people: SeededPerson[] = [];
    let printed = 0;
    for (let i = 0; i < options.cases; i += 1) {
      now += 3 * 60_000;
      const birth = `19${50 + Math.floor(random() * 50)}0${1 + Math.floor(random() * 9)}1${Math.floor(random() * 10)}`;
      const person: SeededPerson = {
        name: `${surnames[i % surnames.length]}${givenNames[Math.floor(random() * givenNames.length)]}`,
        idNumber: validCitizenId(`370303${birth}${String(100 + i).slice(-3)}`),
        phone: `139${String(Math.floor(random() * 1e8)).padStart(8, '0')}`,
        address: `山东省淄博市张店区${streets[i % streets.length]}${1 + i}号`,
      };
      people.push(person);
      // A scan and a PDF of this applicant's own: each stored (sealed) once.
      const scan = await materials.put(makePng(48, 32, i + 1), `身份证-${i}.png`);
      await materials.put(await makePdf(1 + (i % 3)), `户口簿-${i}.pdf`);
      const draft = completeResidenceDraft(scan, new Date(now).toISOString());
      draft.person = {
        ...draft.person,
        name: person.name,
        idNumber: person.idNumber,
        phone: person.phone,
        address: person.address,
        sex: i % 2 === 0 ? '男' : '女',
        nation: '汉',
        birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
        source: 'card',
      };
      draft.form = { ...draft.form, phone: person.phone, residenceAddress: person.address };
      const created = cases.create(clerk, 'TEST-JZZ-001');
      const saved = cases.saveDraft(clerk, created.id, created.revision, draft);
      const roll = random();
      const decision: Decision =
        roll < 0.7
          ? { kind: 'accept' }
          : roll < 0.9
            ? {
                kind: 'supplement',
                items: [{ itemId: 'residence-proof', reason: `缺少${person.name}的居住证明` }],
                note: '',
              }
            : { kind: 'reject', reasonCode: 'not-eligible', text: '' };
      now += 60_000;
      cases.decide(clerk, created.id, saved.revision, decision);
      const kind =
        decision.kind === 'accept'
          ? 'receipt'
          : decision.kind === 'supplement'
            ? 'supplement_notice'
            : 'rejection_notice';
      await printing.print(clerk, { ref: { kind, caseId: created.id }, copies: 1, printer: null });
      printed += 1;
    }
    const backup = await ws.backup();
    return {
      people,
      cases: options.cases,
      printed,
      backup,
      seconds: Math.round((performance.now() - started) / 100) / 10,
    };
  } finally {
    await ws.close();
  }
}

export const seedDemoResources = join(__dirname, '..', 'resources');
