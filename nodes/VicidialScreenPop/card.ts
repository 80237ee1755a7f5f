/**
 * The screen-pop card the VICIdial Screen Pop node answers the agent screen's Web Form with: one
 * self-contained HTML page (inline CSS, no script, no external asset, no web font), so it
 * renders at once in the agent screen's frame or a new window. Every value is escaped, and a
 * link is written only for an http(s) URL, so a lead field cannot inject markup or a
 * `javascript:` link.
 */

export interface CardField {
	name: string;
	value: string;
}

export interface CardLink {
	url: string;
	text: string;
}

export type LinkTarget = '_blank' | '_self' | '_top';

export interface Card {
	title: string;
	/** A line under the title ("No record for 3125550100"). */
	message?: string;
	fields?: readonly CardField[];
	/** The record in the CRM. */
	link?: CardLink;
	/** Where to create the record when none was found. */
	createLink?: CardLink;
	/** Where links open: a new window by default, as the agent screen's own frame stays put. */
	target?: LinkTarget;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** HTML-escapes text for an element's content or a quoted attribute. */
export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (char) => ESCAPES[char]);
}

/** The URL when it is absolute http(s), else undefined (`javascript:`, `data:`, relative, junk). */
export function safeUrl(url: string): string | undefined {
	const trimmed = url.trim();
	if (!/^https?:\/\//i.test(trimmed)) return undefined;
	try {
		return new URL(trimmed).toString();
	} catch {
		return undefined;
	}
}

const STYLE = [
	'*{box-sizing:border-box}',
	'body{margin:0;padding:12px;font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1f2933;background:#fff}',
	'.card{border:1px solid #d9e2ec;border-radius:6px;padding:12px 14px;max-width:640px}',
	'h1{font-size:17px;margin:0 0 4px}',
	'p{margin:0 0 8px;color:#52606d}',
	'dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px;margin:8px 0}',
	'dt{color:#52606d}',
	'dd{margin:0;word-break:break-word}',
	'a.button{display:inline-block;margin:6px 8px 0 0;padding:6px 12px;border-radius:4px;background:#1f6feb;color:#fff;text-decoration:none}',
	'a.create{background:#2f855a}',
].join('');

function linkHtml(link: CardLink | undefined, className: string, target: LinkTarget): string {
	const url = link === undefined ? undefined : safeUrl(link.url);
	if (link === undefined || url === undefined) return '';
	const text = link.text.trim() === '' ? url : link.text;
	return `<a class="${className}" href="${escapeHtml(url)}" target="${target}" rel="noopener noreferrer">${escapeHtml(text)}</a>`;
}

/** The whole page, a few hundred bytes plus the values. */
export function renderCard(card: Card): string {
	const target = card.target ?? '_blank';
	const fields = (card.fields ?? []).filter((field) => field.name.trim() !== '');
	const rows = fields.map((field) => `<dt>${escapeHtml(field.name)}</dt><dd>${escapeHtml(field.value)}</dd>`).join('');
	const links = linkHtml(card.link, 'button', target) + linkHtml(card.createLink, 'button create', target);
	return [
		'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
		'<meta name="viewport" content="width=device-width,initial-scale=1">',
		'<meta name="referrer" content="no-referrer">',
		`<title>${escapeHtml(card.title)}</title><style>${STYLE}</style></head>`,
		`<body><main class="card"><h1>${escapeHtml(card.title)}</h1>`,
		card.message !== undefined && card.message !== '' ? `<p>${escapeHtml(card.message)}</p>` : '',
		rows === '' ? '' : `<dl>${rows}</dl>`,
		links === '' ? '' : `<div>${links}</div>`,
		'</main></body></html>',
	].join('');
}
