/**
 * Omnichannel > Appearance, as in Rocket.Chat (apps/meteor/client/views/omnichannel/appearance):
 * the widget's title and colours, texts, offline form and registration form, saved through
 * livechat/appearance in one request, with a live 360 px preview beside the form. Omnihook adds
 * button and bubble colours, a welcome text and a mode per registration field; the name and email
 * modes map onto Rocket.Chat's booleans (shown) plus ours (required), so Rocket.Chat's widget
 * obeys the same switches.
 */
import { useEffect, useMemo, useState } from 'react';
import { api, errorText } from '../../api.ts';
import { Check, ErrorText, Field, SelectField, TextArea, TextField, useToast } from '../ui.tsx';
import { Link } from '../router.tsx';
import { AppearancePreview } from './AppearancePreview.tsx';
import type { PreviewValues } from './AppearancePreview.tsx';
import type { FieldMode, RegistrationFields } from '../../widget/Forms.tsx';
import { t } from '../../i18n/index.ts';

const TEXT = {
  badColour: (label: string) => t('appearance.badColour', { label }),
};

type Values = Record<string, string | number | boolean | string[]>;
interface Setting {
  _id: string;
  value: Values[string];
}
interface CustomField {
  _id: string;
  label: string;
  scope: string;
  visibility: string;
  public?: boolean;
  required?: boolean;
}

const HEX = /^#[0-9a-f]{3,8}$/i;
/** What an empty colour means, for the extra colours (Rocket.Chat has only the header's). */
const EMPTY_MEANS: Record<string, string> = {
  Livechat_button_color: t('appearance.sameAsHeader'),
  Livechat_visitor_bubble_color: t('appearance.followsButton'),
  Livechat_agent_bubble_color: t('appearance.lightGrey'),
};
const MODES: FieldMode[] = ['off', 'optional', 'required'];
const MODE_LABEL: Record<FieldMode, string> = {
  off: t('appearance.modeOff'),
  optional: t('appearance.modeOptional'),
  required: t('common.required'),
};

const str = (v: Values, id: string) => String(v[id] ?? '');
const bool = (v: Values, id: string) => v[id] === true;
const shownMode = (shown: boolean, required: boolean): FieldMode =>
  !shown ? 'off' : required ? 'required' : 'optional';
const asMode = (s: string): FieldMode => (s === 'optional' || s === 'required' ? s : 'off');

function fieldsOf(v: Values): RegistrationFields {
  return {
    name: shownMode(bool(v, 'Livechat_name_field_registration_form'), bool(v, 'Livechat_name_field_required')),
    email: shownMode(bool(v, 'Livechat_email_field_registration_form'), bool(v, 'Livechat_email_field_required')),
    phone: asMode(str(v, 'Livechat_phone_field_registration_form')),
    department: asMode(str(v, 'Livechat_department_field_registration_form')),
  };
}

/** A field's mode as settings: name and email map onto Rocket.Chat's shown flag plus our required. */
function modePatch(field: keyof RegistrationFields, mode: FieldMode): Values {
  if (field === 'phone' || field === 'department') return { [`Livechat_${field}_field_registration_form`]: mode };
  return {
    [`Livechat_${field}_field_registration_form`]: mode !== 'off',
    ...(mode !== 'off' ? { [`Livechat_${field}_field_required`]: mode === 'required' } : {}),
  };
}

/**
 * A hex text box with a colour picker beside it. '' is allowed where `empty` says what it means;
 * the swatch then shows the colour in effect (`fallback`).
 */
function ColourField({
  label,
  value,
  onChange,
  empty,
  fallback,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  empty?: string;
  fallback?: string;
}) {
  const shown = HEX.test(value) ? value : (fallback ?? '#ffffff');
  const six = shown.length === 4 ? `#${[...shown.slice(1)].map((c) => c + c).join('')}` : shown.slice(0, 7);
  return (
    <Field label={label} hint={empty && value === '' ? empty : undefined}>
      {(id, hintId) => (
        <div className="colour">
          <input type="color" aria-label={`${label} picker`} value={six} onChange={(e) => onChange(e.target.value)} />
          <input
            id={id}
            aria-describedby={hintId}
            value={value}
            placeholder={empty ? '' : '#1d74f5'}
            spellCheck={false}
            aria-invalid={value !== '' && !HEX.test(value)}
            onChange={(e) => onChange(e.target.value.trim())}
          />
        </div>
      )}
    </Field>
  );
}

export function AppearancePage() {
  const toast = useToast();
  const [saved, setSaved] = useState<Values>();
  const [form, setForm] = useState<Values>();
  const [customFields, setCustomFields] = useState<CustomField[]>([]);
  const [loadError, setLoadError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api<{ appearance: Setting[] }>('GET', 'livechat/appearance').then((r) => {
      const v: Values = Object.fromEntries(r.appearance.map((s) => [s._id, s.value]));
      setSaved(v);
      setForm(v);
    }, setLoadError);
    api<{ customFields: CustomField[] }>('GET', 'livechat/custom-fields', { query: { count: 100 } }).then(
      (r) =>
        setCustomFields(
          r.customFields.filter((f) => f.scope === 'visitor' && f.visibility === 'visible' && f.public === true),
        ),
      () => setCustomFields([]), // the list is a hint here; the form works without it
    );
  }, []);

  const changed = useMemo(
    () =>
      form && saved ? Object.keys(form).filter((id) => JSON.stringify(form[id]) !== JSON.stringify(saved[id])) : [],
    [form, saved],
  );

  if (loadError) return <ErrorText error={loadError} />;
  if (!form || !saved) return <p className="loading">{t('common.loading')}</p>;
  const set = (patch: Values) => setForm({ ...form, ...patch });
  const fields = fieldsOf(form);
  const limitOn = bool(form, 'Livechat_enable_message_character_limit');

  const colours: [string, string][] = [
    ['Livechat_title_color', t('appearance.headerColour')],
    ['Livechat_offline_title_color', t('appearance.offlineColour')],
    ['Livechat_button_color', t('appearance.buttonColour')],
    ['Livechat_agent_bubble_color', t('appearance.agentBubble')],
    ['Livechat_visitor_bubble_color', t('appearance.visitorBubble')],
  ];

  const header = HEX.test(str(form, 'Livechat_title_color')) ? str(form, 'Livechat_title_color') : '#1d74f5';
  const button = HEX.test(str(form, 'Livechat_button_color')) ? str(form, 'Livechat_button_color') : header;
  const fallbackOf = (id: string) =>
    id === 'Livechat_button_color'
      ? header
      : id === 'Livechat_visitor_bubble_color'
        ? button
        : id === 'Livechat_agent_bubble_color'
          ? '#eef0f2'
          : undefined;

  const save = async () => {
    const bad = colours.find(([id]) => {
      const c = str(form, id);
      return c !== '' ? !HEX.test(c) : id === 'Livechat_title_color' || id === 'Livechat_offline_title_color';
    });
    if (bad) {
      toast(TEXT.badColour(bad[1]), 'error');
      return;
    }
    setBusy(true);
    try {
      const body = changed.map((id) => ({ _id: id, value: form[id] }));
      await api('POST', 'livechat/appearance', { body });
      setSaved(form);
      toast(t('common.saved'));
    } catch (err) {
      toast(errorText(err), 'error');
    } finally {
      setBusy(false);
    }
  };

  const preview: PreviewValues = {
    title: str(form, 'Livechat_title'),
    color: str(form, 'Livechat_title_color'),
    buttonColor: str(form, 'Livechat_button_color'),
    agentBubbleColor: str(form, 'Livechat_agent_bubble_color'),
    visitorBubbleColor: str(form, 'Livechat_visitor_bubble_color'),
    welcome: str(form, 'Livechat_welcome_message'),
    offlineTitle: str(form, 'Livechat_offline_title'),
    offlineColor: str(form, 'Livechat_offline_title_color'),
    offlineMessage: str(form, 'Livechat_offline_message'),
    offlineUnavailable: str(form, 'Livechat_offline_form_unavailable'),
    displayOfflineForm: bool(form, 'Livechat_display_offline_form'),
    registrationMessage: str(form, 'Livechat_registration_form_message'),
    fields: bool(form, 'Livechat_registration_form')
      ? fields
      : { name: 'off', email: 'off', phone: 'off', department: 'off' },
    customFields: bool(form, 'Livechat_registration_form')
      ? customFields.map((f) => ({ _id: f._id, label: f.label, required: f.required === true }))
      : [],
    limit: limitOn ? Number(form.Livechat_message_character_limit) || 5000 : false,
  };

  const text = (id: string, label: string, hint?: string) => (
    <TextField label={label} hint={hint} value={str(form, id)} onChange={(e) => set({ [id]: e.target.value })} />
  );
  const area = (id: string, label: string, hint?: string) => (
    <TextArea
      label={label}
      hint={hint}
      rows={2}
      value={str(form, id)}
      onChange={(e) => set({ [id]: e.target.value })}
    />
  );
  const check = (id: string, label: string) => (
    <Check label={label} checked={bool(form, id)} onChange={(e) => set({ [id]: e.target.checked })} />
  );
  const modeSelect = (field: keyof RegistrationFields, label: string, hint?: string) => (
    <SelectField
      label={label}
      hint={hint}
      value={fields[field]}
      onChange={(e) => set(modePatch(field, asMode(e.target.value)))}
    >
      {MODES.map((m) => (
        <option key={m} value={m}>
          {MODE_LABEL[m]}
        </option>
      ))}
    </SelectField>
  );

  return (
    <section className="page">
      <header className="page-header">
        <h1>{t('app.appearance')}</h1>
        <div className="actions">
          <button type="button" onClick={() => setForm(saved)} disabled={changed.length === 0 || busy}>
            {t('common.reset')}
          </button>
          <button type="button" className="primary" onClick={save} disabled={changed.length === 0 || busy}>
            {busy ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </header>
      <p className="hint">{t('appearance.intro')}</p>
      <div className="appearance">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <fieldset>
            <legend>{t('appearance.online')}</legend>
            {text('Livechat_title', t('appearance.widgetTitle'))}
            <div className="colours">
              {colours
                .filter(([id]) => id !== 'Livechat_offline_title_color')
                .map(([id, label]) => (
                  <ColourField
                    key={id}
                    label={label}
                    value={str(form, id)}
                    onChange={(v) => set({ [id]: v })}
                    empty={EMPTY_MEANS[id]}
                    fallback={fallbackOf(id)}
                  />
                ))}
            </div>
            <SelectField
              label={t('appearance.position')}
              value={str(form, 'Livechat_widget_position') || 'right'}
              onChange={(e) => set({ Livechat_widget_position: e.target.value })}
            >
              <option value="right">{t('appearance.right')}</option>
              <option value="left">{t('appearance.left')}</option>
            </SelectField>
            {area('Livechat_welcome_message', t('appearance.welcome'), t('appearance.welcomeHint'))}
            {check('Livechat_show_agent_email', t('appearance.showAgentEmail'))}
            {check('Livechat_enable_message_character_limit', t('appearance.limitOn'))}
            {limitOn && (
              <TextField
                label={t('appearance.limit')}
                hint={t('appearance.limitHint')}
                type="number"
                min={0}
                value={String(form.Livechat_message_character_limit ?? 0)}
                onChange={(e) =>
                  set({ Livechat_message_character_limit: Math.max(0, Math.trunc(Number(e.target.value) || 0)) })
                }
              />
            )}
          </fieldset>

          <fieldset>
            <legend>{t('appearance.registration')}</legend>
            {check('Livechat_registration_form', t('appearance.registrationOn'))}
            {bool(form, 'Livechat_registration_form') && (
              <>
                {area('Livechat_registration_form_message', t('appearance.registrationMessage'))}
                {modeSelect('name', t('common.name'))}
                {modeSelect('email', t('common.email'))}
                {modeSelect('phone', t('common.phone'))}
                {modeSelect('department', t('common.department'), t('appearance.departmentHint'))}
                <div>
                  <strong>{t('appearance.customFields')}</strong>
                  {customFields.length === 0 ? (
                    <p className="hint">{t('appearance.noCustomFields')}</p>
                  ) : (
                    <ul>
                      {customFields.map((f) => (
                        <li key={f._id}>
                          {f.label}
                          {f.required ? ` (${t('common.required').toLowerCase()})` : ''}
                        </li>
                      ))}
                    </ul>
                  )}
                  <Link to="/omnichannel/custom-fields">{t('appearance.editCustomFields')}</Link>
                </div>
              </>
            )}
          </fieldset>

          <fieldset>
            <legend>{t('appearance.offline')}</legend>
            {check('Livechat_display_offline_form', t('appearance.displayOffline'))}
            {text('Livechat_offline_title', t('appearance.offlineTitle'))}
            <ColourField
              label={t('appearance.offlineColour')}
              value={str(form, 'Livechat_offline_title_color')}
              onChange={(v) => set({ Livechat_offline_title_color: v })}
            />
            {area('Livechat_offline_message', t('appearance.offlineMessage'))}
            {area('Livechat_offline_form_unavailable', t('appearance.offlineUnavailable'))}
            {area('Livechat_offline_success_message', t('appearance.offlineSuccess'))}
            {text('Livechat_offline_email', t('appearance.offlineEmail'))}
          </fieldset>

          <fieldset>
            <legend>{t('appearance.finished')}</legend>
            {area('Livechat_conversation_finished_message', t('appearance.finishedMessage'))}
            {area('Livechat_conversation_finished_text', t('appearance.finishedText'))}
          </fieldset>
        </form>
        <AppearancePreview v={preview} />
      </div>
    </section>
  );
}
