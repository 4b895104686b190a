import { AsyncLocalStorage } from 'node:async_hooks';
import { z } from 'zod';
import en from 'zod/v4/locales/en.js';
import zhCN from 'zod/v4/locales/zh-CN.js';

/**
 * The language of the current request: Simplified Chinese unless the caller asks for English
 * (`Accept-Language: en…` preferred over any Chinese tag). Held in AsyncLocalStorage so zod's
 * messages, made while parsing, come out in the caller's language.
 */
export type Language = 'zh' | 'en';

const current = new AsyncLocalStorage<Language>();

export function currentLanguage(): Language {
  return current.getStore() ?? 'zh';
}

export function runInLanguage<T>(language: Language, fn: () => T): T {
  return current.run(language, fn);
}

/** The caller's language from an Accept-Language header (q-values honoured; zh by default). */
export function languageOf(acceptLanguage: string | null | undefined): Language {
  if (!acceptLanguage) return 'zh';
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((l) => l.tag && !Number.isNaN(l.q) && l.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
    if (tag === 'zh' || tag.startsWith('zh-') || tag === '*') return 'zh';
  }
  return 'zh';
}

// Each locale by its own module: `z.locales` would bundle all of zod's ~50 locales into every Lambda.
const locales = { zh: zhCN().localeError, en: en().localeError };
type RawIssue = Parameters<typeof locales.en>[0];

/** zod's own messages in the request's language; a missing field says so plainly. */
export function zodLocaleError(issue: RawIssue) {
  const language = currentLanguage();
  if (issue.code === 'invalid_type' && issue.input === undefined)
    return language === 'zh' ? '必填项缺失' : 'Required';
  return locales[language](issue);
}

z.config({ localeError: zodLocaleError });
