import type { ItemFile } from '@yichuang/domain/cases';

// The case room's shared types: who acts, and a checklist item as decided.

/** Who acts: the signed-in staff member. */
export interface Actor {
  id: number;
  username: string;
  displayName: string;
}

/** One checklist item of a decided case version. */
export interface DecidedMaterial {
  itemId: string;
  name: string;
  required: boolean;
  status: string;
  pages: number;
  originalChecked: boolean;
  copies: number;
  eLicence: boolean;
  files: ItemFile[];
}
