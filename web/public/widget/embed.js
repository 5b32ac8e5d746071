/* global document, window, URL */
/**
 * Omnihook's embeddable widget: <script src="https://HOST/widget/embed.js" async></script>.
 * Adds a launcher button and an iframe with the widget (served by the same Omnihook), isolated
 * from the host page's CSS and scripts. data-open="true" on the tag opens it at once.
 */
(function () {
  var script = document.currentScript;
  if (!script || window.__omnihookWidget) return;
  window.__omnihookWidget = true;
  var base = new URL(script.src).origin;
  var startOpen = script.getAttribute('data-open') === 'true';

  var host = document.createElement('div');
  host.id = 'omnihook-widget';
  var root = host.attachShadow ? host.attachShadow({ mode: 'open' }) : host;
  var style = document.createElement('style');
  style.textContent =
    ':host{all:initial}' +
    '.launcher{position:fixed;right:20px;bottom:20px;width:56px;height:56px;border-radius:50%;border:0;background:#1d74f5;color:#fff;' +
    'font:600 24px/56px system-ui,sans-serif;cursor:pointer;box-shadow:0 4px 12px rgba(0,0,0,.25);z-index:2147483646}' +
    '.launcher:focus-visible{outline:3px solid #095ad2;outline-offset:3px}' +
    '.frame{position:fixed;right:20px;bottom:88px;width:360px;height:min(560px,calc(100vh - 108px));border:0;border-radius:8px;' +
    'box-shadow:0 8px 24px rgba(0,0,0,.25);background:#fff;z-index:2147483647}' +
    '.frame[hidden]{display:none}' +
    '@media (max-width:480px){.frame{right:0;bottom:0;width:100%;height:100%;border-radius:0}}';
  var button = document.createElement('button');
  button.className = 'launcher';
  button.type = 'button';
  button.setAttribute('aria-label', 'Open chat');
  button.setAttribute('aria-expanded', 'false');
  button.textContent = '\u{1F4AC}';
  var frame = document.createElement('iframe');
  frame.className = 'frame';
  frame.title = 'Livechat';
  frame.src = base + '/widget/frame';
  frame.hidden = true;

  function setOpen(open) {
    frame.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    button.setAttribute('aria-label', open ? 'Close chat' : 'Open chat');
    button.textContent = open ? '\u2715' : '\u{1F4AC}';
  }
  button.addEventListener('click', function () {
    setOpen(frame.hidden);
  });
  window.addEventListener('message', function (e) {
    if (e.origin === base && e.data && e.data.omnihook === 'minimize') {
      setOpen(false);
      button.focus();
    }
  });
  root.appendChild(style);
  root.appendChild(frame);
  root.appendChild(button);
  document.body.appendChild(host);
  if (startOpen) setOpen(true);
})();
