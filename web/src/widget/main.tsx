import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../styles.css';
import { Widget } from './Widget.tsx';
import { startLanguage } from '../i18n/boot.ts';

// Rocket.Chat's isWidget test, which its own widget passes the same way: with these two cookies
// the server records a new room's source as `widget` (a plain REST client's rooms say `api`).
document.cookie = 'rc_room_type=l; path=/; SameSite=Lax';
document.cookie = 'rc_is_widget=t; path=/; SameSite=Lax';

// The visitor's language first (their browser), then the shop's `Language` setting.
void startLanguage().then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <Widget />
    </StrictMode>,
  ),
);
