import { describe, expect, it } from 'vitest';
import { hallDate } from '@yichuang/domain/hall-time';
import { identitySchema, simulatedReaderHoldsSchema } from '../../../preload/contract/devices';
import { isValidCitizenId } from '@yichuang/domain/id-numbers';
import { isSampleCardHolds, sampleCards, sampleForeign2023 } from './sample-cards';
import { isValidPermitNumber } from './text-block';

describe('sample cards', () => {
  it('has a card for every SimulatedReaderHolds value that is a card, and only those', () => {
    const cards = simulatedReaderHoldsSchema.options.filter(
      (holds) => !['none', 'sam_failure', 'corrupted_frame'].includes(holds),
    );
    expect(Object.keys(sampleCards).sort()).toEqual([...cards].sort());
    expect(cards.every(isSampleCardHolds)).toBe(true);
    expect(isSampleCardHolds('none')).toBe(false);
  });

  it('are valid identities with correct check digits, synthetic names and Zibo addresses', () => {
    for (const card of [...Object.values(sampleCards), sampleForeign2023]) {
      expect(identitySchema.parse(card)).toEqual(card);
      expect(card.checkDigitValid).toBe(true);
      expect(card.idNumber.length === 15 ? isValidPermitNumber(card.idNumber) : isValidCitizenId(card.idNumber)).toBe(
        true,
      );
      expect(card.name).toMatch(/测试|样例|示范|过期|示例/);
      if (card.cardType !== 'foreign_permanent') expect(card.address).toMatch(/^山东省淄博市张店区/);
      if (card.cardType === 'resident') expect(card.idNumber.startsWith('370303')).toBe(true);
    }
  });

  it('include an expired card and a 长期 card', () => {
    const today = hallDate(new Date());
    expect(sampleCards.resident_expired.validTo! < today).toBe(true);
    expect(sampleCards.resident_long_term).toMatchObject({ validTo: null, longTerm: true });
    for (const holds of ['resident_zhang', 'resident_li'] as const)
      expect(sampleCards[holds].validTo! > today).toBe(true);
  });
});
