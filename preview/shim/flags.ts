/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * `showFlag`: Jira shows flags at the bottom left of the whole window, outside the app's frame.
 * The launcher (host) renders them; a page opened on its own renders them itself.
 */
import type { PreviewFlag } from './config';

const CONTAINER_ID = 'lpm-flags';
const AUTO_DISMISS_MS = 8000;

const ICON_COLOUR: Record<PreviewFlag['type'], string> = {
  info: 'var(--ds-icon-information, #1D7AFC)',
  success: 'var(--ds-icon-success, #22A06B)',
  warning: 'var(--ds-icon-warning, #E56910)',
  error: 'var(--ds-icon-danger, #C9372C)',
};

const ICON_GLYPH: Record<PreviewFlag['type'], string> = { info: 'i', success: '✓', warning: '!', error: '!' };

function container(doc: Document): HTMLElement {
  const existing = doc.getElementById(CONTAINER_ID);
  if (existing !== null) return existing;
  const element = doc.createElement('div');
  element.id = CONTAINER_ID;
  Object.assign(element.style, {
    position: 'fixed',
    left: 'var(--ds-space-300, 24px)',
    bottom: 'var(--ds-space-300, 24px)',
    display: 'flex',
    flexDirection: 'column-reverse',
    gap: 'var(--ds-space-100, 8px)',
    zIndex: '600',
    width: '400px',
    maxWidth: 'calc(100vw - 48px)',
  });
  doc.body.appendChild(element);
  return element;
}

export function closeFlag(doc: Document, id: string): void {
  doc.querySelector(`[data-flag-id="${CSS.escape(id)}"]`)?.remove();
}

export function renderFlag(doc: Document, flag: PreviewFlag): void {
  closeFlag(doc, flag.id);
  const element = doc.createElement('div');
  element.dataset.flagId = flag.id;
  element.dataset.testid = 'lpm-flag';
  element.dataset.flagType = flag.type;
  element.setAttribute('role', flag.type === 'error' || flag.type === 'warning' ? 'alert' : 'status');
  Object.assign(element.style, {
    display: 'flex',
    gap: 'var(--ds-space-200, 16px)',
    padding: 'var(--ds-space-200, 16px)',
    borderRadius: 'var(--ds-border-radius-200, 8px)',
    background: 'var(--ds-surface-overlay, #FFFFFF)',
    color: 'var(--ds-text, #172B4D)',
    boxShadow: 'var(--ds-shadow-overlay, 0px 8px 12px #091E4226, 0px 0px 1px #091E424F)',
    font: 'var(--ds-font-body, normal 400 14px/20px ui-sans-serif, system-ui, sans-serif)',
  });

  const icon = doc.createElement('span');
  icon.textContent = ICON_GLYPH[flag.type];
  icon.setAttribute('aria-hidden', 'true');
  Object.assign(icon.style, {
    flex: '0 0 20px',
    height: '20px',
    borderRadius: '50%',
    background: ICON_COLOUR[flag.type],
    color: 'var(--ds-text-inverse, #FFFFFF)',
    textAlign: 'center',
    fontWeight: '700',
    fontSize: '12px',
    lineHeight: '20px',
  });

  const body = doc.createElement('div');
  body.style.flex = '1';
  const title = doc.createElement('strong');
  title.textContent = flag.title;
  title.style.display = 'block';
  body.appendChild(title);
  if (flag.description !== '') {
    const description = doc.createElement('div');
    description.textContent = flag.description;
    description.style.marginTop = 'var(--ds-space-050, 4px)';
    body.appendChild(description);
  }

  const dismiss = doc.createElement('button');
  dismiss.type = 'button';
  dismiss.textContent = '×';
  dismiss.setAttribute('aria-label', 'Dismiss');
  Object.assign(dismiss.style, {
    border: 'none',
    background: 'transparent',
    color: 'var(--ds-icon-subtle, #626F86)',
    cursor: 'pointer',
    fontSize: '18px',
    alignSelf: 'flex-start',
  });
  dismiss.addEventListener('click', () => element.remove());

  element.append(icon, body, dismiss);
  container(doc).appendChild(element);
  if (flag.autoDismiss) setTimeout(() => element.remove(), AUTO_DISMISS_MS);
}

/** Reads the options `showFlag` passes over the bridge into a flag we can render. */
export function flagFromOptions(options: unknown): PreviewFlag {
  const record = typeof options === 'object' && options !== null ? (options as Record<string, unknown>) : {};
  const type = record.type === 'success' || record.type === 'warning' || record.type === 'error' ? record.type : 'info';
  const text = (value: unknown): string => (typeof value === 'string' ? value : '');
  return {
    id: String(record.id ?? ''),
    title: text(record.title),
    description: text(record.description),
    type,
    autoDismiss: record.isAutoDismiss === true,
  };
}
