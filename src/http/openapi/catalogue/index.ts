/** Every operation's entry, merged from one file per area, with the answers of answers.ts. */
import type { Catalogue } from '../types.ts';
import { staffCatalogue } from './staff.ts';
import { webhookCatalogue } from './webhooks.ts';
import { livechatVisitorCatalogue } from './livechat-visitor.ts';
import { livechatStaffCatalogue } from './livechat-staff.ts';
import { ANSWERS } from './answers.ts';

const described: Catalogue = {
  ...staffCatalogue,
  ...webhookCatalogue,
  ...livechatVisitorCatalogue,
  ...livechatStaffCatalogue,
};

export const CATALOGUE: Catalogue = Object.fromEntries(
  Object.entries(described).map(([key, doc]) => [key, ANSWERS[key] && !doc.ok ? { ...doc, ok: ANSWERS[key] } : doc]),
);

/** Answers without words: a key there must have its entry in an area file. */
export const UNDESCRIBED_ANSWERS = Object.keys(ANSWERS).filter((key) => !described[key]);
