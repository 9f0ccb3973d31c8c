// `citizen.update_p99_ms`: a field changed at the window to the citizen screen showing it, masked —
// through the real browser host: the clerk's draft save over its WebSocket, the router, the case
// service's transaction, the citizen service building and masking the view, and the citizen page's
// own WebSocket. The renderer's autosave waits 300 ms after the last keystroke before it saves
// (renderer/src/intake/use-draft.ts); that pause is a choice of the form, not counted here.
import { testCatalog } from '@yichuang/domain/testing/catalog';
import { zhangSanId } from '@yichuang/domain/testing/ids';
import { createBridge } from '../preload/contract/bridge';
import type { CitizenHello } from '../preload/contract/citizen';
import type { Result } from '../preload/contract/envelope';
import { addClerk, setUpAdmin, strongPassword } from '../main/testing/workstation';
import { nodeTransport } from '../main/testing/ws-transport';
import { emptyDraft } from '@yichuang/domain/cases';
import { startBenchHost } from './bench-host';

type Percentile = (sorted: number[], p: number) => number;

const value = <T>(result: Result<T>): T => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
};

export async function citizenBench(percentile: Percentile, rounds = 1000): Promise<Record<string, number>> {
  const bench = await startBenchHost();
  const { workstation, url } = bench;
  try {
    workstation.services.catalog.load(testCatalog(), 'central');
    await setUpAdmin(workstation);
    await addClerk(workstation.services.staff, { username: 'bench01', displayName: '测窗口', windowNumber: 1 });
    const clerk = createBridge(nodeTransport(url)).api;
    value(await clerk.auth.signIn({ username: 'bench01', password: strongPassword }));
    const page = createBridge(nodeTransport(url));
    let waitingFor: { phone: string; resolve: () => void } | null = null;
    page.on('citizen.view', (hello: CitizenHello) => {
      if (waitingFor && hello.paired && hello.view.case?.applicant?.phone === waitingFor.phone) waitingFor.resolve();
    });
    const hello = value(await page.api.citizen.hello({}));
    if (hello.paired) throw new Error('expected a code');
    value(await clerk.citizen.pair({ code: hello.code }));
    const created = value(await clerk.cases.create({ matterCode: 'TEST-JZZ-001' }));
    value(await clerk.citizen.show({ caseId: created.id }));
    let revision = created.revision;
    const draft = emptyDraft('TEST-JZZ-001');
    draft.person = { ...draft.person, name: '张三', idNumber: zhangSanId };
    const samples: number[] = [];
    for (let i = 0; i < rounds + 100; i += 1) {
      const tail = String(i % 10_000).padStart(4, '0');
      const phone = `1380013${tail}`;
      const shown = new Promise<void>((resolve) => (waitingFor = { phone: `138****${tail}`, resolve }));
      const start = process.hrtime.bigint();
      revision = value(
        await clerk.cases.saveDraft({
          caseId: created.id,
          revision,
          draft: { ...draft, person: { ...draft.person, phone } },
        }),
      ).revision;
      await shown;
      // The first hundred warm the JIT and the caches.
      if (i >= 100) samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    samples.sort((a, b) => a - b);
    return {
      'citizen.update_p50_ms': Math.round(percentile(samples, 50) * 100) / 100,
      'citizen.update_p99_ms': Math.round(percentile(samples, 99) * 100) / 100,
    };
  } finally {
    await bench.dispose();
  }
}

if (require.main === module) {
  const percentile: Percentile = (sorted, p) =>
    sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
  citizenBench(percentile).then(
    (metrics) => console.log(metrics),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
