import { centralSupplementItemSchema, type CasePut, type CentralSupplementItem } from '@yichuang/domain/protocol';
import { CentralError } from './errors';

/** What the approver marked for a supplement: a checklist item of the case, and what is wrong with it. */
export interface SupplementChoice {
  itemId: string;
  reason: string;
}

/**
 * The supplement list as the event carries it: each chosen item named as central received it, in
 * the checklist's order, each with its reason; refused when an item is not the case's or has no reason.
 */
export function supplementItemsOf(body: CasePut | null, choices: SupplementChoice[]): CentralSupplementItem[] {
  const materials = body?.materials ?? [];
  const chosen = new Map(choices.map((c) => [c.itemId, c.reason.trim()]));
  for (const itemId of chosen.keys()) {
    if (!materials.some((m) => m.itemId === itemId)) {
      throw new CentralError(400, 'supplement_item_unknown', `材料 ${itemId} 不在该办件的材料清单中：请刷新页面后再选`);
    }
  }
  const items: CentralSupplementItem[] = [];
  for (const m of materials) {
    const reason = chosen.get(m.itemId);
    if (reason === undefined) continue;
    const parsed = centralSupplementItemSchema.safeParse({ itemId: m.itemId, name: m.name, reason });
    if (!parsed.success) {
      const why = parsed.error.issues[0]?.message ?? '请写明需补正的内容';
      throw new CentralError(400, 'supplement_reason_invalid', `「${m.name}」：${why}`);
    }
    items.push(parsed.data);
  }
  return items;
}
