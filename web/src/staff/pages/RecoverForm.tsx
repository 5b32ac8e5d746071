/** Re-send every failed delivery of an endpoint created in a time range (e.g. after a CRM outage). */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { api } from '../../api.ts';
import { ErrorText, SelectField, TextField, toIso, useToast } from '../ui.tsx';
import { endpointLabel } from '../types.ts';
import type { Endpoint } from '../types.ts';
import { t, tn } from '../../i18n/index.ts';
import type { paths } from '../../api-schema.gen.ts';

/** The recover answer: how many were queued again, and how many of those arrive after a newer event of their room. */
type RecoverAnswer =
  paths['/api/v1/webhooks/endpoints/{_id}/recover']['post']['responses'][200]['content']['application/json'];

export function RecoverForm({ endpoints, onDone }: { endpoints: Endpoint[]; onDone: () => void }) {
  const toast = useToast();
  const [endpointId, setEndpointId] = useState('');
  const [since, setSince] = useState('');
  const [until, setUntil] = useState('');
  const [error, setError] = useState<unknown>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      const r = await api<RecoverAnswer>('POST', `webhooks/endpoints/${endpointId}/recover`, {
        body: { since: toIso(since), until: toIso(until) },
      });
      // recovered events are sent outside per-room order: say how many land after newer ones
      toast(
        r.arriveLate > 0
          ? tn('recoverForm.arriveLate', r.arriveLate, { recovered: r.recovered })
          : tn('recoverForm.recovered', r.recovered),
      );
      onDone();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form className="card recover" onSubmit={submit} aria-labelledby="recover-title">
      <h2 id="recover-title">{t('recoverForm.recoverATimeRange')}</h2>
      <p className="muted">{t('recoverForm.sendsAgainEveryFailed')}</p>
      <div className="filters">
        <SelectField
          label={t('recoverForm.endpointToRecover')}
          required
          value={endpointId}
          onChange={(e) => setEndpointId(e.target.value)}
        >
          <option value="">{t('chatActions.choose')}</option>
          {endpoints.map((e) => (
            <option key={e._id} value={e._id}>
              {endpointLabel(e)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('recoverForm.failedSince')}
          type="datetime-local"
          required
          value={since}
          onChange={(e) => setSince(e.target.value)}
        />
        <TextField
          label={t('recoverForm.untilOptional')}
          type="datetime-local"
          value={until}
          onChange={(e) => setUntil(e.target.value)}
        />
        <button type="submit">{t('recoverForm.recover')}</button>
      </div>
      <ErrorText error={error} />
    </form>
  );
}
