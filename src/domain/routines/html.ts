/**
 * Routine texts as sanitised HTML, on the server (issue 14 point 4): headings, paragraphs, lists,
 * tables, links and bold/italic stay; scripts, styles, event handlers, other attributes and
 * javascript: (or any non-web) URLs go. The editor's output and Word imports (mammoth) pass
 * through the same filter before they are stored.
 */
import mammoth from 'mammoth';
import sanitizeHtml from 'sanitize-html';
import { InputError } from '../../errors.js';

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'p',
    'br',
    'ul',
    'ol',
    'li',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'a',
    'strong',
    'b',
    'em',
    'i',
    'u',
    'blockquote',
  ],
  allowedAttributes: { a: ['href', 'title'], th: ['colspan', 'rowspan'], td: ['colspan', 'rowspan'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // a script's or style's text is dropped with it, not kept as text
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object'],
};

/** The HTML with only what a routine may hold. */
export const sanitizeRoutineHtml = (html: string): string => sanitizeHtml(html, OPTIONS).trim();

/** The text of sanitised HTML (for search and the version diff): blocks on their own lines. */
export function htmlText(html: string): string {
  const spaced = html
    .replace(/<\/(p|h[1-6]|li|tr|blockquote)>/g, '$&\n')
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/<\/t[dh]>/g, '$& ');
  return sanitizeHtml(spaced, { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&nbsp;/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('\n');
}

/** Plain text (the demo routines' bodies) as one escaped paragraph per blank-line block. */
export const textToHtml = (text: string): string =>
  text
    .split(/\n{2,}/)
    .map((p) => `<p>${sanitizeHtml(p, { allowedTags: [], allowedAttributes: {} })}</p>`)
    .join('');

/** A Word document (.docx) as sanitised HTML: headings, lists and tables kept (mammoth's default style map). */
export async function docxToHtml(docx: Buffer): Promise<string> {
  try {
    const { value } = await mammoth.convertToHtml({ buffer: docx });
    return sanitizeRoutineHtml(value);
  } catch {
    throw new InputError('Filen kunde inte läsas som ett Word-dokument (.docx)');
  }
}
