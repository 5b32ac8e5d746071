/** Livechat_Routing_Method: auto-assign new chats, or leave them in the queue for agents to take. */
import { useEffect, useState } from 'react';
import { api, errorText } from '../../api.ts';
import { SelectField, useToast } from '../ui.tsx';
import { t } from '../../i18n/index.ts';

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
      toast(t('common.saved'));
    } catch (err) {
      toast(errorText(err), 'error');
    }
  };
  return (
    <div className="card narrow-card">
      <SelectField
        label={t('routingSetting.routing')}
        value={value}
        onChange={(e) => void change(e.target.value)}
        hint={t('routingSetting.manualNewChatsWait')}
      >
        <option value="Auto_Selection">{t('routingSetting.autoSelection')}</option>
        <option value="Manual_Selection">{t('routingSetting.manualSelectionQueue')}</option>
      </SelectField>
    </div>
  );
}
