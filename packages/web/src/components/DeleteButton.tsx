import type { EntityKey } from '@innocluster/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/api-client.ts';
import { useI18n } from '../app/I18nProvider.tsx';
import { ErrorMessage } from './QueryState.tsx';

export function DeleteButton({
  entity,
  id,
  onDeleted,
}: {
  entity: EntityKey;
  id: number;
  onDeleted: () => void;
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: () => api.remove(entity, id),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: ['registry', entity, 'one', id] });
      await queryClient.invalidateQueries();
      onDeleted();
    },
  });
  return (
    <>
      <button
        type="button"
        className="button button-danger"
        data-testid="delete"
        disabled={mutation.isPending}
        onClick={() => {
          if (window.confirm(t('common.confirmDelete'))) mutation.mutate();
        }}
      >
        {t('common.delete')}
      </button>
      {mutation.error && <ErrorMessage error={mutation.error} />}
    </>
  );
}
