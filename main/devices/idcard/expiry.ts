import type { Identity } from '../../../preload/contract/devices';
import { hallDate } from '@yichuang/domain/hall-time';

/** A card is expired from the day after its 有效期限 end date (Beijing date); 长期 cards never are. */
export function isExpired(identity: Identity, now: Date): boolean {
  if (identity.longTerm || identity.validTo === null) return false;
  return identity.validTo < hallDate(now);
}
