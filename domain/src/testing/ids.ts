import { citizenIdCheckChar, creditCodeCheckChar } from '../id-numbers';

/** Test data only: ID numbers and credit codes with correct check digits. */

export function validCitizenId(first17: string): string {
  return first17 + citizenIdCheckChar(first17)!;
}

export function validCreditCode(first17: string): string {
  return first17 + creditCodeCheckChar(first17)!;
}

export const zhangSanId = validCitizenId('37030319900101123');
export const liSiId = validCitizenId('37030319851212004');
export const companyCode = validCreditCode('91370303MA3C2B4X1');
