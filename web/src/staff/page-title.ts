/**
 * The tab title, composed from two owners: the page ("Departments", from its heading, so it never
 * drifts from what the page says and follows the chosen language) and the unread count that
 * notify.ts keeps ("(3) "), so a person with many tabs, or a screen reader, knows where they are
 * and that something waits: "(3) Current Chats · Omnihook". Some headings fill in after loading
 * (a chat's visitor name), so the heading is watched, not read once.
 */
import { useEffect } from 'react';

const PRODUCT = 'Omnihook'; // i18n-ignore: the product name
let page = '';
let unread = 0;

function render(): void {
  const base = page ? `${page} · ${PRODUCT}` : PRODUCT;
  document.title = unread > 0 ? `(${unread}) ${base}` : base;
}

/** notify.ts: how many messages and chats wait unseen (0: none). */
export function setUnreadInTitle(n: number): void {
  unread = n;
  render();
}

export function usePageTitle(path: string): void {
  useEffect(() => {
    const update = () => {
      const heading = document.querySelector('main h1')?.textContent?.trim() ?? '';
      if (heading === page) return;
      page = heading;
      render();
    };
    update();
    const main = document.querySelector('main') ?? document.body;
    const observer = new MutationObserver(update);
    observer.observe(main, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, [path]);
}
