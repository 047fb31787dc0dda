import type { ScreeningRow } from '@innocluster/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { requestJson } from '../../api/api-client.ts';
import { useI18n } from '../../app/I18nProvider.tsx';
import { ErrorMessage } from '../../components/QueryState.tsx';

type Outcome = 'pass' | 'fail' | 'fast_track';

/**
 * An officer's preliminary screening of a submitted proposal (POST
 * /api/v1/proposals/:id/screenings): pass to review, fail with a reason sent to the applicant,
 * or fast-track selection below the instrument's threshold. The server checks the state and the
 * threshold; its 409 is shown as it comes.
 */
export function ScreeningForm({
  proposalId,
  fastTrack,
}: {
  proposalId: number;
  fastTrack: boolean;
}) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [outcome, setOutcome] = useState<Outcome>('pass');
  const [reason, setReason] = useState('');
  const screen = useMutation({
    mutationFn: () =>
      requestJson<ScreeningRow>('POST', `/api/v1/proposals/${proposalId}/screenings`, {
        outcome,
        reason,
      }),
    onSuccess: () => client.invalidateQueries(),
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    screen.mutate();
  };
  const outcomes: Outcome[] = fastTrack ? ['pass', 'fail', 'fast_track'] : ['pass', 'fail'];
  return (
    <section className="card" data-testid="screening-form">
      <h2>{t('review.screening.title')}</h2>
      <form onSubmit={onSubmit} className="form-grid">
        <label>
          {t('review.screening.outcome')}
          <select
            value={outcome}
            onChange={(e) => setOutcome(e.target.value as Outcome)}
            data-testid="screening-outcome"
          >
            {outcomes.map((o) => (
              <option key={o} value={o}>
                {t(`review.screening.${o}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('review.reason')}
          <textarea
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            required={outcome !== 'pass'}
            data-testid="screening-reason"
          />
        </label>
        <div>
          <button className="button button-primary" disabled={screen.isPending} type="submit">
            {t('review.screening.submit')}
          </button>
        </div>
      </form>
      {screen.error && <ErrorMessage error={screen.error} />}
    </section>
  );
}
