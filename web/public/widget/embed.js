/* global document, window, URL */
/**
 * Omnihook's embeddable widget: <script src="https://HOST/widget/embed.js" async></script>.
 * Adds a launcher button and an iframe with the widget (served by the same Omnihook), isolated
 * from the host page's CSS and scripts. data-open="true" on the tag opens it at once.
 *
 * The launcher takes the shop's colour and side from livechat/config (the Appearance page) through
 * the frame ({omnihook:'theme'}; the host page never calls the server): an inline SVG icon (no
 * emoji font needed), an unread badge and a preview of the agent's last message while the chat is
 * minimised ({omnihook:'agent-message'}). We tell the frame whether it is open
 * ({omnihook:'state'}), and it moves focus inside when it opens.
 */
(function () {
  var script = document.currentScript;
  if (!script || window.__omnihookWidget) return;
  window.__omnihookWidget = true;
  var base = new URL(script.src).origin;
  var startOpen = script.getAttribute('data-open') === 'true';

  // English until the frame has loaded; then the frame's words in the visitor's language
  // ({omnihook:'labels'}, web/src/widget/launcher-labels.ts).
  var TEXT = {
    lang: 'en',
    open: 'Open chat',
    close: 'Close chat',
    unread: { one: '{count} unread message', other: '{count} unread messages' },
    frame: 'Livechat',
    preview: 'New message from {author}',
  };
  function unreadText(n) {
    var form = 'other';
    try {
      form = new Intl.PluralRules(TEXT.lang).select(n);
    } catch {
      // an unknown tag: the "other" form
    }
    return (TEXT.unread[form] || TEXT.unread.other).replace('{count}', String(n));
  }
  function takeLabels(data) {
    var text = function (v) {
      return typeof v === 'string' && v.length > 0 && v.length < 200;
    };
    if (!data.unread || !text(data.unread.other)) return;
    var forms = {};
    for (var form in data.unread) if (text(data.unread[form])) forms[form] = data.unread[form];
    if (text(data.lang)) TEXT.lang = data.lang;
    if (text(data.open)) TEXT.open = data.open;
    if (text(data.close)) TEXT.close = data.close;
    if (text(data.frame)) TEXT.frame = data.frame;
    if (text(data.preview)) TEXT.preview = data.preview;
    TEXT.unread = forms;
    frame.title = TEXT.frame;
  }
  var CHAT_ICON =
    '<svg width="28" height="28" viewBox="0 0 24 24" aria-hidden="true" focusable="false">' +
    '<path fill="currentColor" d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2Zm3 6.5a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3Zm5 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3Zm5 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3Z"/></svg>';
  var CLOSE_ICON =
    '<svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true" focusable="false">' +
    '<path d="M6 6l12 12M18 6L6 18" stroke="currentColor" stroke-width="2.4" stroke-linecap="round"/></svg>';

  var host = document.createElement('div');
  host.id = 'omnihook-widget';
  var root = host.attachShadow ? host.attachShadow({ mode: 'open' }) : host;
  var style = document.createElement('style');
  style.textContent =
    ':host{all:initial;--oh-color:#1d74f5;--oh-fg:#fff}' +
    '.launcher{position:fixed;right:20px;bottom:20px;width:56px;height:56px;border-radius:50%;border:0;' +
    'background:var(--oh-color);color:var(--oh-fg);display:flex;align-items:center;justify-content:center;padding:0;' +
    'cursor:pointer;box-shadow:0 4px 12px rgba(0,0,0,.25);z-index:2147483646}' +
    '.launcher:focus-visible{outline:3px solid #1f2329;outline-offset:3px;box-shadow:0 0 0 6px #fff}' +
    '.badge{position:absolute;top:-4px;right:-4px;min-width:22px;height:22px;padding:0 6px;box-sizing:border-box;' +
    'border-radius:11px;background:#c8102e;color:#fff;border:2px solid #fff;font:700 12px/18px system-ui,sans-serif;text-align:center}' +
    '.badge[hidden],.preview[hidden]{display:none}' +
    '.preview{position:fixed;right:20px;bottom:88px;max-width:260px;padding:10px 12px;border-radius:10px;background:#fff;' +
    'color:#1f2329;font:14px/1.4 system-ui,sans-serif;box-shadow:0 4px 16px rgba(0,0,0,.2);z-index:2147483646;cursor:pointer;' +
    'border:0;text-align:left}' +
    '.preview strong{display:block;font-size:12px;color:#4a5058}' +
    '.preview span{display:-webkit-box;-webkit-line-clamp:3;-webkit-box-orient:vertical;overflow:hidden}' +
    '.preview:focus-visible{outline:3px solid #1f2329;outline-offset:2px}' +
    '.frame{position:fixed;right:20px;bottom:88px;width:360px;height:min(560px,calc(100vh - 108px));border:0;border-radius:8px;' +
    'box-shadow:0 8px 24px rgba(0,0,0,.25);background:#fff;z-index:2147483647}' +
    '.frame[hidden]{display:none}' +
    '.left .launcher,.left .preview,.left .frame{right:auto;left:20px}' +
    '@media (max-width:480px){.frame{right:0;left:0;bottom:0;width:100%;height:100%;border-radius:0}}';
  var box = document.createElement('div');
  var button = document.createElement('button');
  button.className = 'launcher';
  button.type = 'button';
  button.setAttribute('aria-expanded', 'false');
  var icon = document.createElement('span');
  icon.style.display = 'flex';
  var badge = document.createElement('span');
  badge.className = 'badge';
  badge.hidden = true;
  badge.setAttribute('aria-hidden', 'true'); // the button's label carries the count
  button.appendChild(icon);
  button.appendChild(badge);
  var preview = document.createElement('button');
  preview.type = 'button';
  preview.className = 'preview';
  preview.hidden = true;
  var previewAuthor = document.createElement('strong');
  var previewText = document.createElement('span');
  preview.appendChild(previewAuthor);
  preview.appendChild(previewText);
  var frame = document.createElement('iframe');
  frame.className = 'frame';
  frame.title = TEXT.frame;
  frame.allow = 'autoplay'; // the notification sound
  frame.src = base + '/widget/frame';
  frame.hidden = true;

  var unread = 0;

  function render() {
    var open = !frame.hidden;
    icon.innerHTML = open ? CLOSE_ICON : CHAT_ICON;
    button.setAttribute('aria-expanded', String(open));
    var label = open ? TEXT.close : TEXT.open;
    if (!open && unread > 0) label += ', ' + unreadText(unread);
    button.setAttribute('aria-label', label);
    preview.setAttribute(
      'aria-label',
      TEXT.preview.replace('{author}', previewAuthor.textContent || '') + ': ' + previewText.textContent,
    );
    badge.hidden = open || unread === 0;
    badge.textContent = unread > 9 ? '9+' : String(unread);
    if (open) preview.hidden = true;
  }
  function tellFrame() {
    if (frame.contentWindow) frame.contentWindow.postMessage({ omnihook: 'state', open: !frame.hidden }, base);
  }
  function setOpen(open) {
    frame.hidden = !open;
    if (open) {
      unread = 0;
      frame.focus();
    }
    render();
    tellFrame();
  }
  button.addEventListener('click', function () {
    setOpen(frame.hidden);
    // proactive triggers: chat-opened-by-visitor waits for this
    if (!frame.hidden) tell({ omnihook: 'opened' });
  });
  // Triggers match the host page's URL (page-url), which the frame cannot read: we tell it on load,
  // when it asks ({omnihook:'hello'}) and on every change (links, history; the poll catches
  // single-page apps).
  function tell(message) {
    if (frame.contentWindow) frame.contentWindow.postMessage(message, base);
  }
  var lastUrl = window.location.href;
  function sendPage() {
    lastUrl = window.location.href;
    tell({ omnihook: 'page', url: lastUrl });
  }
  frame.addEventListener('load', sendPage);
  window.addEventListener('popstate', sendPage);
  window.addEventListener('hashchange', sendPage);
  window.setInterval(function () {
    if (window.location.href !== lastUrl) sendPage();
  }, 1000);
  preview.addEventListener('click', function () {
    setOpen(true);
  });
  window.addEventListener('message', function (e) {
    if (e.origin !== base || e.source !== frame.contentWindow || !e.data) return;
    var data = e.data;
    if (data.omnihook === 'minimize') {
      setOpen(false);
      button.focus();
    } else if (data.omnihook === 'ready') {
      tellFrame();
    } else if (data.omnihook === 'hello') {
      sendPage();
    } else if (data.omnihook === 'open' && frame.hidden) {
      // a trigger fired: the chat opens to show its message, leaving the focus on the page
      frame.hidden = false;
      unread = 0;
      render();
      tellFrame();
    } else if (data.omnihook === 'theme') {
      // the shop's colour (and its readable text colour) and side, from livechat/config
      var hex = /^#[0-9a-f]{3,8}$/i;
      if (hex.test(data.color || '')) host.style.setProperty('--oh-color', data.color);
      if (hex.test(data.fg || '')) host.style.setProperty('--oh-fg', data.fg);
      box.className = data.position === 'left' ? 'left' : '';
    } else if (data.omnihook === 'labels') {
      takeLabels(data);
      render();
    } else if (data.omnihook === 'agent-message' && frame.hidden) {
      unread += 1;
      previewAuthor.textContent = String(data.author || '');
      previewText.textContent = String(data.text || '');
      preview.hidden = !data.text;
      render();
    }
  });

  render();
  box.appendChild(preview);
  box.appendChild(frame);
  box.appendChild(button);
  root.appendChild(style);
  root.appendChild(box);
  document.body.appendChild(host);
  if (startOpen) setOpen(true);
})();
