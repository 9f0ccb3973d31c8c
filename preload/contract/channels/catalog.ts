import { z } from 'zod';
import { channel, none } from '../channel';
import { catalogInfoSchema, catalogMatterSchema } from '@yichuang/domain/catalog';

/** The matter catalog (事项目录). */
export const catalogChannels = {
  'catalog.list': channel({
    input: none,
    output: z.object({ info: catalogInfoSchema, matters: z.array(catalogMatterSchema) }),
    access: 'signedIn',
    audit: false,
  }),
} as const;
