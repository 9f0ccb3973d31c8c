import { useEffect } from 'react';
import { api } from '../bridge';
import { useCitizenStatus } from './citizen-status';

/**
 * Tells main which case the intake has open, so the citizen screen follows it (masked, in main).
 * `loaded` is the case as last loaded into the screen: a new draft, a recovered one, a decided one
 * (each load is a new object, so a decision shows its paper too); null when the intake is empty.
 * Leaving the intake sends null. A failure is ignored: the citizen screen is a courtesy, not a step.
 */
export function useCitizenShow(loaded: { id: string } | null): void {
  const { apply } = useCitizenStatus();
  useEffect(() => {
    void api.citizen.show({ caseId: loaded?.id ?? null }).then((result) => result.ok && apply(result.value));
  }, [loaded, apply]);
  useEffect(() => () => void api.citizen.show({ caseId: null }), []);
}
