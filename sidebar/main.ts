/** The sidebar: tabs over the status, import, settings, tally and plan-review panels. */
import { setUpCompare } from './comparePanel';
import { byId } from './dom';
import type { Texts } from './i18n';
import { setUpImport } from './importPanel';
import { plansPanelTexts, renderPlanReview } from './plansPanel';
import { server } from './rpc';
import { loadSettings, setUpSettings } from './settingsPanel';
import { refreshStatus, setUpStatus } from './statusPanel';
import { setUpTally } from './tallyPanel';
import { busy, lang, root, t } from './ui';

type Panel = 'status' | 'import' | 'settings' | 'tally' | 'plans';
const PANELS: Panel[] = ['status', 'import', 'settings', 'tally', 'plans'];

/** 예산 검토: the panel keeps its own texts; the shell only mounts it. */
function setUpPlans(): void {
  const texts = plansPanelTexts(lang);
  byId('tab-plans').textContent = lang === 'ko' ? '예산 검토' : 'Plans';
  byId('plans-heading').textContent = lang === 'ko' ? '예산 검토' : 'Check plans';
  byId('plans-run').textContent = texts.run;
  byId('plans-run').addEventListener('click', () => {
    void busy('plans', texts.running, () => server.rpcCheckPlans()).then((r) => {
      if (r) renderPlanReview(byId('plans-result'), r, lang);
    });
  });
}

function show(panel: Panel, focus = false): void {
  for (const p of PANELS) {
    const tab = byId(`tab-${p}`);
    const selected = p === panel;
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
    byId(`panel-${p}`).hidden = !selected;
    if (selected && focus) tab.focus();
  }
  if (panel === 'status') void refreshStatus();
  if (panel === 'settings') void loadSettings();
}

/** Arrow keys, Home and End move between tabs (WAI-ARIA tabs pattern, automatic activation). */
function onTabKey(e: KeyboardEvent, panel: Panel): void {
  const i = PANELS.indexOf(panel);
  const next =
    e.key === 'ArrowRight' ? PANELS[(i + 1) % PANELS.length]
    : e.key === 'ArrowLeft' ? PANELS[(i + PANELS.length - 1) % PANELS.length]
    : e.key === 'Home' ? PANELS[0]
    : e.key === 'End' ? PANELS[PANELS.length - 1]
    : null;
  if (next) {
    e.preventDefault();
    show(next, true);
  }
}

function applyTexts(): void {
  root.lang = lang;
  document.title = t.appTitle;
  for (const node of Array.from(document.querySelectorAll<HTMLElement>('[data-i18n]'))) {
    const value = t[node.dataset.i18n as keyof Texts];
    if (typeof value === 'string') node.textContent = value;
  }
  for (const node of Array.from(document.querySelectorAll<HTMLElement>('[data-i18n-label]'))) {
    const value = t[node.dataset.i18nLabel as keyof Texts];
    if (typeof value === 'string') node.setAttribute('aria-label', value);
  }
}

function start(): void {
  applyTexts();
  for (const p of PANELS) {
    const tab = byId(`tab-${p}`);
    tab.addEventListener('click', () => show(p));
    tab.addEventListener('keydown', (e) => onTabKey(e, p));
  }
  setUpStatus();
  setUpImport();
  setUpSettings();
  setUpTally();
  setUpCompare();
  setUpPlans();
  const first = root.dataset.start as Panel;
  show(PANELS.includes(first) ? first : 'status');
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
