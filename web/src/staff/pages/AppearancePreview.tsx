/**
 * The Appearance page's live preview: the visitor widget at its real width (360 px), drawn with
 * the widget's own classes and theme (web/src/widget/theme.ts), from the form's unsaved values.
 * It shows a sample chat, the registration form or the offline form; it calls no API.
 */
import { useState } from 'react';
import { themeStyle } from '../../widget/theme.ts';
import type { FieldMode, RegistrationFields } from '../../widget/Forms.tsx';
import { t } from '../../i18n/index.ts';

export interface PreviewValues {
  title: string;
  color: string;
  buttonColor: string;
  agentBubbleColor: string;
  visitorBubbleColor: string;
  welcome: string;
  offlineTitle: string;
  offlineColor: string;
  offlineMessage: string;
  offlineUnavailable: string;
  displayOfflineForm: boolean;
  registrationMessage: string;
  fields: RegistrationFields;
  customFields: { _id: string; label: string; required: boolean }[];
  limit: number | false;
}

type Mode = 'chat' | 'registration' | 'offline';

function Field({ label, mode }: { label: string; mode: FieldMode }) {
  if (mode === 'off') return null;
  return (
    <label className="wfield">
      <span>
        {label}
        {mode === 'optional' && <span className="woptional"> {t('preview.optional')}</span>}
      </span>
      <input tabIndex={-1} readOnly />
    </label>
  );
}

export function AppearancePreview({ v }: { v: PreviewValues }) {
  const [mode, setMode] = useState<Mode>('chat');
  const offline = mode === 'offline';
  return (
    <div>
      <p className="appearance-preview-label">
        <span>{t('preview.label')}</span>
        <label>
          {t('offlineMessages.show')}{' '}
          <select value={mode} onChange={(e) => setMode(e.target.value as Mode)} aria-label={t('preview.screen')}>
            <option value="chat">{t('customFields.chat')}</option>
            <option value="registration">{t('appearance.registration')}</option>
            <option value="offline">{t('preview.offline')}</option>
          </select>
        </label>
      </p>
      <div className="appearance-preview" data-testid="appearance-preview" aria-hidden="true" inert>
        <div
          className="widget"
          style={themeStyle(
            {
              color: v.color,
              offlineColor: v.offlineColor,
              buttonColor: v.buttonColor,
              agentBubbleColor: v.agentBubbleColor,
              visitorBubbleColor: v.visitorBubbleColor,
            },
            offline,
          )}
        >
          <header className="wheader">
            <div>
              <h1>{offline ? v.offlineTitle : v.title}</h1>
            </div>
          </header>
          <div className="wbody">
            {mode === 'chat' && (
              <ol className="messages">
                <li className="system">{v.welcome || t('preview.defaultWelcome')}</li>
                <li className="bubble mine">
                  <span className="text">{t('preview.visitorSample')}</span>
                </li>
                <li className="bubble agent">
                  <span className="author">{t('preview.agentName')}</span>
                  <span className="text">{t('preview.agentSample')}</span>
                </li>
              </ol>
            )}
            {mode === 'registration' && (
              <div className="wform">
                <p>{v.registrationMessage || t('preview.defaultRegistration')}</p>
                <Field label={t('common.name')} mode={v.fields.name} />
                <Field label={t('common.email')} mode={v.fields.email} />
                <Field label={t('common.phone')} mode={v.fields.phone} />
                <Field label={t('common.department')} mode={v.fields.department} />
                {v.customFields.map((f) => (
                  <Field key={f._id} label={f.label} mode={f.required ? 'required' : 'optional'} />
                ))}
                <button type="button" className="primary" tabIndex={-1}>
                  {t('preview.startChat')}
                </button>
              </div>
            )}
            {offline &&
              (v.displayOfflineForm ? (
                <div className="wform">
                  <p>{v.offlineMessage || t('preview.defaultOffline')}</p>
                  <Field label={t('common.name')} mode="required" />
                  <Field label={t('common.email')} mode="required" />
                  <Field label={t('triggerForm.message')} mode="required" />
                  <button type="button" className="primary" tabIndex={-1}>
                    {t('common.send')}
                  </button>
                </div>
              ) : (
                <p className="wnote">{v.offlineUnavailable || t('preview.unavailable')}</p>
              ))}
          </div>
          {mode === 'chat' && (
            <div className="wcomposer">
              <textarea rows={1} placeholder={t('preview.placeholder')} tabIndex={-1} readOnly />
              {v.limit !== false && <span className="wcount">0/{v.limit}</span>}
              <button type="button" className="primary" tabIndex={-1}>
                {t('common.send')}
              </button>
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
