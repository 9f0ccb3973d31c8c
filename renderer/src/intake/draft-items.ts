import type { CaseDraft, ItemFile, ItemState } from '@yichuang/domain/cases';
import { emptyItemState } from '@yichuang/domain/cases';
import type { MaterialItem } from '@yichuang/domain/catalog';
import type { ChecklistEntry } from '../../../preload/contract/intake';
import type { StoredFile } from '../../../preload/contract/materials';

/** A stored file as a page of a checklist item. */
export function toItemFile(file: StoredFile, name: string, via: ItemFile['via']): ItemFile {
  return {
    sha256: file.sha256,
    mime: file.mime,
    pages: file.pages,
    rotation: 0,
    name,
    via,
    addedAt: new Date().toISOString(),
  };
}

/** The draft with one checklist item changed. */
export function withItem(draft: CaseDraft, itemId: string, change: (state: ItemState) => ItemState): CaseDraft {
  return { ...draft, items: { ...draft.items, [itemId]: change(draft.items[itemId] ?? emptyItemState()) } };
}

/**
 * A page taken onto an item. Taken with the document camera, the original lay under it: the
 * original counts as seen (the clerk can untick it). A page on a conditional item means it applies.
 */
export function withCapturedPage(draft: CaseDraft, item: MaterialItem, file: ItemFile): CaseDraft {
  return withItem(draft, item.id, (s) => ({
    ...s,
    files: [...s.files, file],
    originalChecked: s.originalChecked || (file.via === 'camera' && item.originalCheck),
    applies: s.applies || item.requirement === 'conditional',
  }));
}

/**
 * Where the checklist goes after a page was taken onto `doneId` with the camera: the next item in the
 * matter's order still needing a page (required in effect, or optional and untouched), or none
 * (stay). The captured item itself is done (Shift+F4 adds another page to it instead).
 */
export function nextToCapture(entries: readonly ChecklistEntry[], doneId: string): string | null {
  const at = entries.findIndex((e) => e.item.id === doneId);
  const after = entries.slice(at + 1);
  const open = (e: ChecklistEntry) =>
    e.state.files.length === 0 && !e.state.eLicence && (e.required || e.item.requirement === 'optional');
  return after.find((e) => e.required && open(e))?.item.id ?? after.find(open)?.item.id ?? null;
}
