// One layout for every email: plain text, and HTML that reads well in a screen reader
// (a language, one h1, paragraphs and lists, links whose text says where they go; no layout tables).
import type { EmailContent } from './templates/template.js';

export interface LayoutContext {
  /** The server's public address (PUBLIC_URL); app paths become links under it. */
  baseUrl: string;
  /** For kinds a person may turn off: their signed one-click unsubscribe page, and what the kind is called. */
  unsubscribe?: { url: string; label: string };
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/** An app path ("/my/...") under the public address; a full URL stays as it is. */
export const absoluteUrl = (href: string, baseUrl: string) =>
  /^https?:\/\//.test(href) ? href : `${baseUrl.replace(/\/$/, '')}${href}`;

const font = "font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";

export function renderEmail(content: EmailContent, ctx: LayoutContext): RenderedEmail {
  const action = content.action
    ? { ...content.action, url: absoluteUrl(content.action.href, ctx.baseUrl) }
    : null;
  const preferencesUrl = absoluteUrl('/notifications/preferences', ctx.baseUrl);

  const text = [
    content.heading,
    '='.repeat(Math.min(content.heading.length, 60)),
    '',
    ...content.paragraphs.flatMap((p) => [p, '']),
    ...(content.list ? [`${content.list.caption}:`, ...content.list.items.map((i) => `- ${i}`), ''] : []),
    ...(action ? [`${action.label}:`, action.url, ''] : []),
    ...(content.footnote ? [content.footnote, ''] : []),
    ...(ctx.unsubscribe
      ? [
          '-- ',
          `Choose which emails Twoway sends you: ${preferencesUrl}`,
          `Stop emails about "${ctx.unsubscribe.label}": ${ctx.unsubscribe.url}`,
        ]
      : []),
  ]
    .join('\n')
    .trimEnd();

  const p = (s: string) => `<p style="margin:0 0 16px">${escapeHtml(s)}</p>`;
  const html = [
    '<!doctype html>',
    '<html lang="en" dir="ltr">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(content.subject)}</title>`,
    '</head>',
    `<body style="margin:0;padding:0;background:#f4f4f2;color:#1f2328;${font}">`,
    `<div role="article" aria-label="${escapeHtml(content.subject)}" lang="en" style="max-width:36rem;margin:0 auto;padding:24px;background:#ffffff;font-size:16px;line-height:1.5">`,
    `<h1 style="font-size:22px;line-height:1.3;margin:0 0 16px">${escapeHtml(content.heading)}</h1>`,
    ...content.paragraphs.map(p),
    ...(content.list
      ? [
          `<h2 style="font-size:17px;margin:0 0 8px">${escapeHtml(content.list.caption)}</h2>`,
          '<ul style="margin:0 0 16px;padding-left:24px">',
          ...content.list.items.map((i) => `<li>${escapeHtml(i)}</li>`),
          '</ul>',
        ]
      : []),
    ...(action
      ? [
          `<p style="margin:24px 0"><a href="${escapeHtml(action.url)}" style="display:inline-block;padding:12px 18px;background:#1d4ed8;color:#ffffff;border-radius:6px;text-decoration:underline;font-weight:600">${escapeHtml(action.label)}</a></p>`,
        ]
      : []),
    ...(content.footnote ? [p(content.footnote)] : []),
    ...(ctx.unsubscribe
      ? [
          '<hr style="border:0;border-top:1px solid #d0d7de;margin:24px 0 12px">',
          `<p style="margin:0;font-size:14px;color:#57606a"><a href="${escapeHtml(preferencesUrl)}" style="color:#0b57d0">Choose which emails Twoway sends you</a> or <a href="${escapeHtml(ctx.unsubscribe.url)}" style="color:#0b57d0">stop emails about “${escapeHtml(ctx.unsubscribe.label)}”</a>.</p>`,
        ]
      : []),
    '</div>',
    '</body>',
    '</html>',
  ].join('\n');

  return { subject: content.subject, text, html };
}
