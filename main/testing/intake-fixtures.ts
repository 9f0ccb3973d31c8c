import type { CaseDraft } from '@yichuang/domain/cases';
import { emptyDraft, emptyItemState } from '@yichuang/domain/cases';
import type { StoredFile } from '../../preload/contract/materials';
import { zhangSanId } from '@yichuang/domain/testing/ids';

/** A draft of 居住证申领 for 张三 with every required item captured (the file is one stored PNG). */
export function completeResidenceDraft(file: StoredFile, now = '2026-09-30T02:00:00.000Z'): CaseDraft {
  const draft = emptyDraft('TEST-JZZ-001');
  draft.person = { ...draft.person, name: '张三', idNumber: zhangSanId, phone: '13800138000', source: 'typed' };
  draft.form = { phone: '13800138000', residenceAddress: '张店区人民西路 1 号', reason: '务工' };
  const page = {
    sha256: file.sha256,
    mime: file.mime,
    pages: file.pages,
    rotation: 0 as const,
    name: 'scan.png',
    via: 'import' as const,
    addedAt: now,
  };
  for (const id of ['id-card', 'photo', 'residence-proof']) {
    draft.items[id] = { ...emptyItemState(), files: [page], originalChecked: true };
  }
  return draft;
}
