/** Re-send every failed delivery of an endpoint created in a time range (e.g. after a CRM outage). */
import { useState } from 'react';
import type { FormEvent } from 'react';
import { api } from '../../api.ts';
import { ErrorText, SelectField, TextField, toIso, useToast } from '../ui.tsx';
import { endpointLabel } from '../types.ts';
import type { Endpoint } from '../types.ts';

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
      const r = await api<{ recovered: number }>('POST', `webhooks/endpoints/${endpointId}/recover`, {
        body: { since: toIso(since), until: toIso(until) },
      });
      toast(`Recovered ${r.recovered} failed deliveries`);
      onDone();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form className="card recover" onSubmit={submit} aria-labelledby="recover-title">
      <h2 id="recover-title">Recover a time range</h2>
      <p className="muted">Sends again every failed delivery of an endpoint created in the range.</p>
      <div className="filters">
        <SelectField
          label="Endpoint to recover"
          required
          value={endpointId}
          onChange={(e) => setEndpointId(e.target.value)}
        >
          <option value="">Choose…</option>
          {endpoints.map((e) => (
            <option key={e._id} value={e._id}>
              {endpointLabel(e)}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Failed since"
          type="datetime-local"
          required
          value={since}
          onChange={(e) => setSince(e.target.value)}
        />
        <TextField
          label="Until (optional)"
          type="datetime-local"
          value={until}
          onChange={(e) => setUntil(e.target.value)}
        />
        <button type="submit">Recover</button>
      </div>
      <ErrorText error={error} />
    </form>
  );
}
