/** Livechat_Routing_Method: auto-assign new chats, or leave them in the queue for agents to take. */
import { useEffect, useState } from 'react';
import { api, errorText } from '../../api.ts';
import { SelectField, useToast } from '../ui.tsx';

export function RoutingSetting() {
  const toast = useToast();
  const [value, setValue] = useState<string>();
  const [hidden, setHidden] = useState(false);
  useEffect(() => {
    // changing it needs the admin's edit-privileged-setting; managers without it do not see the control
    api<{ value: string }>('GET', 'settings/Livechat_Routing_Method').then(
      (r) => setValue(r.value),
      () => setHidden(true),
    );
  }, []);
  if (hidden || value === undefined) return null;
  const change = async (v: string) => {
    try {
      await api('POST', 'settings/Livechat_Routing_Method', { body: { value: v } });
      setValue(v);
      toast('Saved');
    } catch (err) {
      toast(errorText(err), 'error');
    }
  };
  return (
    <div className="card narrow-card">
      <SelectField
        label="Routing"
        value={value}
        onChange={(e) => void change(e.target.value)}
        hint="Manual: new chats wait in the queue until an agent takes them."
      >
        <option value="Auto_Selection">Auto selection</option>
        <option value="Manual_Selection">Manual selection (queue)</option>
      </SelectField>
    </div>
  );
}
