import { describe, expect, it } from 'vitest';
import { emptyDraft } from '@yichuang/domain/cases';
import { testCatalog } from '@yichuang/domain/testing/catalog';
import { checklistFor } from '../../../preload/contract/intake';
import type { ItemFile } from '@yichuang/domain/cases';
import { nextToCapture, withCapturedPage } from './draft-items';

/** What a camera capture does to the checklist: fewer clicks at a busy window (issue 15). */
const matter = testCatalog().matters.find((m) => m.code === 'TEST-JZZ-001')!;
const page = (via: ItemFile['via']): ItemFile => ({
  sha256: 'a'.repeat(64),
  mime: 'image/jpeg',
  pages: 1,
  rotation: 0,
  name: 'p.jpg',
  via,
  addedAt: '2026-12-07T00:00:00.000Z',
});

describe('a page taken with the document camera', () => {
  it('marks the original as seen when the item checks originals; an import does not', () => {
    const item = matter.materials.find((m) => m.originalCheck)!;
    const draft = emptyDraft(matter.code);
    expect(withCapturedPage(draft, item, page('camera')).items[item.id]).toMatchObject({ originalChecked: true });
    expect(withCapturedPage(draft, item, page('import')).items[item.id]).toMatchObject({ originalChecked: false });
    const noCheck = matter.materials.find((m) => !m.originalCheck)!;
    expect(withCapturedPage(draft, noCheck, page('camera')).items[noCheck.id]).toMatchObject({
      originalChecked: false,
    });
  });

  it('a page on a conditional item means it applies', () => {
    const conditional = matter.materials.find((m) => m.requirement === 'conditional')!;
    const after = withCapturedPage(emptyDraft(matter.code), conditional, page('import'));
    expect(after.items[conditional.id]).toMatchObject({ applies: true });
    expect(after.items[conditional.id]!.files).toHaveLength(1);
  });

  it('moves on to the next required item without a page, then to an untouched optional one, else stays', () => {
    const draft = emptyDraft(matter.code);
    const entries = checklistFor(matter, draft);
    const required = entries.filter((e) => e.required).map((e) => e.item.id);
    expect(required.length).toBeGreaterThan(1);
    expect(nextToCapture(entries, required[0]!)).toBe(required[1]);
    // Past the last item: stay.
    expect(nextToCapture(entries, entries.at(-1)!.item.id)).toBeNull();
    // A required item already captured is passed over.
    let filled = draft;
    filled = withCapturedPage(filled, entries.find((e) => e.item.id === required[1])!.item, page('camera'));
    const later = required[2] ?? null;
    const next = nextToCapture(checklistFor(matter, filled), required[0]!);
    expect(next).not.toBe(required[1]);
    if (later) expect(next).toBe(later);
  });
});
