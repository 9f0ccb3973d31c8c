import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { discoverEsclScanners, type MdnsLike } from './discovery';

// Never a real multicast socket: a fake mdns that answers questions with crafted records.

type Record = { name: string; type: string; data: unknown; ttl?: number };
type Question = { name: string; type: string };

class FakeMdns extends EventEmitter implements MdnsLike {
  readonly questions: Question[] = [];
  destroyed = false;
  constructor(private readonly answer: (q: Question) => { answers: Record[]; additionals?: Record[] } | null) {
    super();
  }
  query(query: { questions: Question[] }): void {
    for (const q of query.questions) {
      this.questions.push(q);
      const packet = this.answer(q);
      if (packet) setImmediate(() => this.emit('response', { type: 'response', additionals: [], ...packet }));
    }
  }
  destroy(): void {
    this.destroyed = true;
  }
}

const txt = (...entries: string[]) => entries.map((e) => Buffer.from(e));

describe('eSCL discovery over mDNS', () => {
  it('builds base URLs from PTR, SRV, TXT and A, asking for what a device left out', async () => {
    const canon = 'Canon MF643C._uscan._tcp.local';
    const hp = 'HP LaserJet MFP M234sdw (5F1A2B)._uscan._tcp.local';
    const fake = new FakeMdns((q) => {
      if (q.type === 'PTR' && q.name === '_uscan._tcp.local')
        return {
          // The HP answers with everything at once; the Canon with the PTR alone.
          answers: [
            { name: '_uscan._tcp.local', type: 'PTR', data: canon },
            { name: '_uscan._tcp.local', type: 'PTR', data: hp },
          ],
          additionals: [
            { name: hp, type: 'SRV', data: { port: 8080, target: 'NPI5F1A2B.local', priority: 0, weight: 0 } },
            { name: hp, type: 'TXT', data: txt('txtvers=1', 'ty=HP LaserJet MFP M234sdw', 'rs=/eSCL/', 'UUID=a-b-c') },
            { name: 'NPI5F1A2B.local', type: 'A', data: '192.168.1.31' },
            { name: 'NPI5F1A2B.local', type: 'AAAA', data: 'fe80::1' },
          ],
        };
      if (q.type === 'SRV' && q.name === canon)
        return { answers: [{ name: canon, type: 'SRV', data: { port: 80, target: 'canon-mf643c.local' } }] };
      if (q.type === 'TXT' && q.name === canon)
        return { answers: [{ name: canon, type: 'TXT', data: txt('ty=Canon MF643C/645C', 'uuid=6d4ff0ce') }] };
      if (q.type === 'A' && q.name === 'canon-mf643c.local')
        return { answers: [{ name: 'canon-mf643c.local', type: 'A', data: '192.168.1.40' }] };
      return null;
    });
    const found = await discoverEsclScanners({ mdns: () => fake, windowMs: 60 });
    expect(found).toEqual([
      {
        id: 'escl:http://192.168.1.40/eSCL',
        kind: 'escl',
        name: 'Canon MF643C/645C',
        address: 'http://192.168.1.40/eSCL',
      },
      {
        id: 'escl:http://192.168.1.31:8080/eSCL',
        kind: 'escl',
        name: 'HP LaserJet MFP M234sdw',
        address: 'http://192.168.1.31:8080/eSCL',
      },
    ]);
    expect(fake.questions).toEqual(
      expect.arrayContaining([
        { name: '_uscan._tcp.local', type: 'PTR' },
        { name: '_uscans._tcp.local', type: 'PTR' },
        { name: canon, type: 'SRV' },
        { name: canon, type: 'TXT' },
        { name: 'canon-mf643c.local', type: 'A' },
      ]),
    );
    expect(fake.destroyed).toBe(true);
  });

  it('keeps one entry per device, over plain HTTP, and defaults the path and the name', async () => {
    const plain = 'Brother MFC-L2750DW._uscan._tcp.local';
    const secure = 'Brother MFC-L2750DW._uscans._tcp.local';
    const lone = 'Lone._uscans._tcp.local';
    const fake = new FakeMdns((q) =>
      q.type !== 'PTR'
        ? null
        : {
            answers: [{ name: q.name, type: 'PTR', data: q.name.startsWith('_uscans') ? secure : plain }].concat(
              q.name.startsWith('_uscans') ? [{ name: q.name, type: 'PTR', data: lone }] : [],
            ),
            additionals: [
              { name: plain, type: 'SRV', data: { port: 80, target: 'brn.local' } },
              { name: secure, type: 'SRV', data: { port: 443, target: 'brn.local' } },
              { name: plain, type: 'TXT', data: txt('UUID=E3248000-80CE-11DB-8000-30055C773BCF') },
              { name: secure, type: 'TXT', data: txt('uuid=e3248000-80ce-11db-8000-30055c773bcf', 'rs=') },
              { name: 'brn.local', type: 'A', data: '10.1.2.3' },
              { name: lone, type: 'SRV', data: { port: 9443, target: 'lone.local' } },
              { name: 'lone.local', type: 'A', data: '10.1.2.4' },
            ],
          },
    );
    const found = await discoverEsclScanners({ mdns: () => fake, windowMs: 40 });
    expect(found.map((r) => [r.name, r.address])).toEqual([
      ['Brother MFC-L2750DW', 'http://10.1.2.3/eSCL'],
      ['Lone', 'https://10.1.2.4:9443/eSCL'],
    ]);
  });

  it('ignores junk records and answers with what it has when the socket fails', async () => {
    const fake = new FakeMdns((q) =>
      q.type === 'PTR'
        ? {
            answers: [
              { name: '_uscan._tcp.local', type: 'PTR', data: 'X._uscan._tcp.local' },
              { name: 'X._uscan._tcp.local', type: 'SRV', data: { port: 'eighty', target: 'x.local' } },
              { name: 'x.local', type: 'A', data: 'not an address' },
              { name: '_printer._tcp.local', type: 'PTR', data: 'Printer._printer._tcp.local' },
              null as unknown as Record,
            ],
          }
        : null,
    );
    setTimeout(() => fake.emit('error', new Error('EADDRINUSE')), 5);
    expect(await discoverEsclScanners({ mdns: () => fake, windowMs: 30 })).toEqual([]);
  });

  it('stops at once when aborted', async () => {
    const fake = new FakeMdns(() => null);
    const controller = new AbortController();
    const pending = discoverEsclScanners({ mdns: () => fake, windowMs: 10_000 }, controller.signal);
    controller.abort(new Error('closed the devices screen'));
    await expect(pending).rejects.toThrow('closed the devices screen');
    expect(fake.destroyed).toBe(true);
  });
});
