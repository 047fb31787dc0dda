import { reportUrl } from '../../api/evaluation-client.ts';
import { useI18n } from '../../app/I18nProvider.tsx';

/**
 * Downloads of the programme report of an index run (ranking, indicators, method, and the
 * uncertainty run and allocation scenario when given), as PDF and XLSX.
 */
export function ReportButtons({
  indexRunId,
  uncertaintyRunId = null,
  allocationScenarioId = null,
}: {
  indexRunId: number;
  uncertaintyRunId?: number | null;
  allocationScenarioId?: number | null;
}) {
  const { t } = useI18n();
  const options = { uncertaintyRunId, allocationScenarioId };
  return (
    <span className="report-buttons" data-testid="report-buttons">
      <a
        className="button"
        href={reportUrl(indexRunId, 'pdf', options)}
        download
        data-testid="report-pdf"
        title={t('evaluation.report.hint')}
      >
        {t('evaluation.report.pdf')}
      </a>
      <a
        className="button"
        href={reportUrl(indexRunId, 'xlsx', options)}
        download
        data-testid="report-xlsx"
        title={t('evaluation.report.hint')}
      >
        {t('evaluation.report.xlsx')}
      </a>
    </span>
  );
}
