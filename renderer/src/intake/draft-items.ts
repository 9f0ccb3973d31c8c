import type { CaseDraft, ItemFile, ItemState } from '@yichuang/domain/cases';
import { emptyItemState } from '@yichuang/domain/cases';
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
