import { createContext, useContext } from 'react';
import type { ScreenKey } from './navigation';

/** Moving between screens with what the next screen needs (a case to show, a draft to continue). */
export interface Navigation {
  go(screen: ScreenKey): void;
  /** The case page of one case (办件 → 详情). */
  openCase(caseId: string): void;
  /** The intake screen with this draft loaded (continue a draft, or a case resumed after a supplement). */
  continueDraft(caseId: string): void;
}

export const NavigationContext = createContext<Navigation | null>(null);

export function useNavigation(): Navigation {
  const value = useContext(NavigationContext);
  if (!value) throw new Error('useNavigation outside the Shell');
  return value;
}
