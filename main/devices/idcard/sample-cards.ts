import type { Identity, SimulatedReaderHolds } from '../../../preload/contract/devices';
import { citizenIdCheckChar } from '@yichuang/domain/id-numbers';
import { icaoCheckDigit } from './text-block';

/**
 * Synthetic cards for the simulated reader, demos and tests. The names say they are samples
 * (测试, 样例, 示范 …); the numbers are well-formed with correct check digits so every check
 * downstream runs as it would on a real card. Addresses are in 淄博市张店区 (370303).
 */

/** The SimulatedReaderHolds values that put a card on the reader. */
export type SampleCardHolds = Exclude<SimulatedReaderHolds, 'none' | 'sam_failure' | 'corrupted_frame'>;

/** First 17 digits plus their GB 11643 check character. */
function citizenNumber(first17: string): string {
  return first17 + citizenIdCheckChar(first17)!;
}

/** First 14 characters of a 2017 permit number plus its ICAO check digit. */
function permitNumber(first14: string): string {
  return first14 + icaoCheckDigit(first14)!;
}

const issuer = '淄博市公安局张店分局';

export const sampleCards: Readonly<Record<SampleCardHolds, Identity>> = {
  resident_zhang: {
    cardType: 'resident',
    name: '张测试',
    sex: 'male',
    nationCode: '01',
    nation: '汉',
    birthDate: '1985-03-12',
    address: '山东省淄博市张店区人民西路88号1号楼2单元301室',
    idNumber: citizenNumber('37030319850312001'),
    checkDigitValid: true,
    issuer,
    validFrom: '2016-04-20',
    validTo: '2036-04-20',
    longTerm: false,
    appendedAddress: null,
  },
  resident_li: {
    cardType: 'resident',
    name: '李样例',
    sex: 'female',
    nationCode: '03',
    nation: '回',
    birthDate: '1999-11-08',
    address: '山东省淄博市张店区共青团西路126号',
    idNumber: citizenNumber('37030319991108002'),
    checkDigitValid: true,
    issuer,
    validFrom: '2019-09-02',
    validTo: '2029-09-02',
    longTerm: false,
    appendedAddress: null,
  },
  resident_long_term: {
    cardType: 'resident',
    name: '王示范',
    sex: 'male',
    nationCode: '01',
    nation: '汉',
    birthDate: '1958-07-01',
    address: '山东省淄博市张店区柳泉路55号',
    idNumber: citizenNumber('37030319580701003'),
    checkDigitValid: true,
    issuer,
    validFrom: '2008-05-06',
    validTo: null,
    longTerm: true,
    appendedAddress: null,
  },
  resident_expired: {
    cardType: 'resident',
    name: '赵过期',
    sex: 'female',
    nationCode: '01',
    nation: '汉',
    birthDate: '1979-05-20',
    address: '山东省淄博市张店区华光路166号',
    idNumber: citizenNumber('37030319790520004'),
    checkDigitValid: true,
    issuer,
    validFrom: '2010-06-15',
    validTo: '2020-06-15',
    longTerm: false,
    appendedAddress: null,
  },
  foreign_permanent: {
    cardType: 'foreign_permanent',
    name: '测试人',
    englishName: 'SAMPLE, TESTER ALEX',
    sex: 'male',
    birthDate: '1984-02-29',
    // 2017 edition: nationality, office 3703 (淄博), YYMMDD, sequence, ICAO check digit.
    idNumber: permitNumber('USA37038402291'),
    checkDigitValid: true,
    nationalityCode: 'USA',
    nationality: '美国',
    validFrom: '2018-07-01',
    validTo: '2028-07-01',
    longTerm: false,
    cardVersion: '01',
    issuerCode: '3700',
    typeLetter: 'I',
  },
  hk_macao_taiwan: {
    cardType: 'hk_macao_taiwan',
    name: '陈示例',
    sex: 'female',
    birthDate: '1990-08-15',
    address: '山东省淄博市张店区新村西路77号',
    idNumber: citizenNumber('81000019900815002'),
    checkDigitValid: true,
    issuer,
    validFrom: '2024-03-01',
    validTo: '2029-03-01',
    longTerm: false,
    passNumber: 'H12345678',
    issueCount: 1,
  },
};

/**
 * A 2023-edition foreign permanent resident card (`Y`): 9, province 37, ISO numeric country
 * 276, birth date, sequence, sex digit, GB 11643 check. The English name runs past 35
 * characters, so it fills both name fields of the `Y` layout.
 */
export const sampleForeign2023: Identity = {
  cardType: 'foreign_permanent',
  name: '样例',
  englishName: 'EXAMPLE, MARIA ISABEL SAMPLE-PERSON TESTING',
  sex: 'female',
  birthDate: '1991-12-31',
  idNumber: citizenNumber('93727619911231002'),
  checkDigitValid: true,
  nationalityCode: 'DEU',
  nationality: '德国',
  validFrom: '2024-01-15',
  validTo: '2034-01-15',
  longTerm: false,
  cardVersion: '',
  issuerCode: '',
  typeLetter: 'Y',
};

export function isSampleCardHolds(holds: SimulatedReaderHolds): holds is SampleCardHolds {
  return holds in sampleCards;
}
