import { centralSupplementItemSchema, type CasePut, type CentralSupplementItem } from '@yichuang/domain/protocol';
import { CentralError } from './errors';
import type { z } from 'zod';

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
      throw new CentralError(400, 'supplement_item_unknown', 'supplement.itemUnknown', { itemId });
    }
  }
  const items: CentralSupplementItem[] = [];
  for (const m of materials) {
    const reason = chosen.get(m.itemId);
    if (reason === undefined) continue;
    const parsed = centralSupplementItemSchema.safeParse({ itemId: m.itemId, name: m.name, reason });
    if (!parsed.success) throw reasonRefusal(m.name, parsed.error.issues[0]);
    items.push(parsed.data);
  }
  return items;
}

/** What is wrong with a supplement item's reason, said with the material's name (in the catalog's words). */
function reasonRefusal(name: string, issue: z.core.$ZodIssue | undefined): CentralError {
  const about = issue?.path[0] === 'reason';
  if (!issue || (about && issue.code === 'too_small')) {
    return new CentralError(400, 'supplement_reason_invalid', 'supplement.reasonMissing', { name });
  }
  if (about && issue.code === 'too_big') {
    return new CentralError(400, 'supplement_reason_invalid', 'supplement.reasonTooLong', {
      name,
      max: Number(issue.maximum),
    });
  }
  return new CentralError(400, 'supplement_reason_invalid', 'supplement.itemInvalid', {
    name,
    detail: issue?.message ?? '',
  });
}
