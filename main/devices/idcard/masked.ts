import type { Identity } from '../../../preload/contract/devices';
import { maskIdNumber } from '@yichuang/domain/id-numbers';

/**
 * A card's identity as events, lists and frame dumps show it: the ID number (and an HK/Macao/Taiwan
 * card's pass number) masked by the domain's rule; the unmasked one stays in main.
 */
export function maskedIdentity(identity: Identity): Identity {
  const idNumber = maskIdNumber(identity.idNumber);
  if (identity.cardType === 'hk_macao_taiwan') {
    return { ...identity, idNumber, passNumber: maskIdNumber(identity.passNumber) };
  }
  return { ...identity, idNumber };
}
