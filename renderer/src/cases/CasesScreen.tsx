import { CaseList } from './CaseList';
import { CasePage } from './CasePage';
import './cases.css';

/**
 * 办件: the list, or one case's page when `caseId` is set. The list stays mounted (hidden) under
 * the page, so its filters, page and focus are where the clerk left them on the way back.
 */
export function CasesScreen({
  caseId,
  onOpenCase,
  onBack,
  findRequest,
}: {
  caseId: string | null;
  onOpenCase: (id: string) => void;
  onBack: () => void;
  /** Changes on every Ctrl+F (the shell owns the key): the list focuses its search box. */
  findRequest: number;
}) {
  return (
    <div className="cases-screen" data-testid="cases">
      <div className="cases-list-pane" hidden={caseId !== null}>
        <CaseList onOpen={onOpenCase} active={caseId === null} findRequest={findRequest} />
      </div>
      {caseId !== null && <CasePage key={caseId} caseId={caseId} onBack={onBack} />}
    </div>
  );
}
