import { agentTermOf, type Matter } from '@yichuang/domain/catalog';
import { agentItems } from '../../preload/contract/intake';

/**
 * What the paper says in the matter's own words: how the applicant chose to receive the result,
 * and one word for the agent (the checklist comes in the matter's order from the case views).
 */

/**
 * The 结果领取 line: the delivery the applicant chose (by post with the mailing address), or the
 * matter's fixed way of collection when it offers no choice or none was recorded.
 */
export function collectionOf(
  matter: Pick<Matter, 'collection' | 'delivery'>,
  form: Readonly<Record<string, string>>,
): { collection: string; byPost: boolean } {
  const delivery = matter.delivery;
  const chosen = delivery ? (form[delivery.field] ?? '').trim() : '';
  if (!delivery || chosen === '') return { collection: matter.collection, byPost: false };
  if (chosen !== delivery.mailOption) return { collection: chosen, byPost: false };
  const address = (form[delivery.addressField] ?? '').trim().replace(/\s+/g, ' ');
  return {
    collection: address ? `${chosen}（邮寄地址：${address}）` : `${chosen}（未填写邮寄地址，请与受理窗口联系）`,
    byPost: true,
  };
}

const agentItemIds = new Set(agentItems.map((m) => m.id));

/** An agent item's name in the matter's word for the agent (代办人身份证件 → 代理人身份证件). */
export function agentItemName(matter: Pick<Matter, 'agentTerm'>, item: { itemId: string; name: string }): string {
  if (!agentItemIds.has(item.itemId)) return item.name;
  return item.name.replaceAll('代办人', agentTermOf(matter));
}
