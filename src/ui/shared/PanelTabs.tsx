import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import './PanelTabs.css';

export interface PanelTab {
  /** Used in element ids and the address's #fragment. */
  id: string;
  label: string;
  content: ReactNode;
}

interface PanelTabsProps {
  /** The tab list's accessible name. */
  label: string;
  tabs: readonly PanelTab[];
  selected: string;
  onSelect: (id: string) => void;
}

/** The tab a key moves to from `index` of `count` (arrows wrap around), or null for other keys. */
export function nextTabIndex(key: string, index: number, count: number): number | null {
  if (count < 1) return null;
  if (key === 'ArrowRight') return (index + 1) % count;
  if (key === 'ArrowLeft') return (index + count - 1) % count;
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return null;
}

/**
 * The page's sections as tabs (WAI-ARIA tabs pattern: one tab stop, arrow keys, Home and End move
 * and select). Every panel stays mounted and is only hidden: a run's requests, a drawing and the
 * answers already shown survive a look at another tab.
 */
export function PanelTabs({ label, tabs, selected, onSelect }: PanelTabsProps) {
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const current = tabs.some((t) => t.id === selected) ? selected : tabs[0]?.id;

  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const next = nextTabIndex(event.key, index, tabs.length);
    const tab = next === null ? undefined : tabs[next];
    if (!tab) return;
    event.preventDefault();
    onSelect(tab.id);
    buttons.current.get(tab.id)?.focus();
  };

  return (
    <>
      <div className="panel-tabs" role="tablist" aria-label={label}>
        {tabs.map((tab, index) => (
          <button
            key={tab.id}
            ref={(el) => {
              if (el) buttons.current.set(tab.id, el);
              else buttons.current.delete(tab.id);
            }}
            type="button"
            role="tab"
            id={`tab-${tab.id}`}
            aria-controls={`panel-${tab.id}`}
            aria-selected={tab.id === current}
            tabIndex={tab.id === current ? 0 : -1}
            onClick={() => onSelect(tab.id)}
            onKeyDown={(e) => onKeyDown(e, index)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {tabs.map((tab) => (
        <div
          key={tab.id}
          className="tab-panel"
          role="tabpanel"
          id={`panel-${tab.id}`}
          aria-labelledby={`tab-${tab.id}`}
          hidden={tab.id !== current}
        >
          {tab.content}
        </div>
      ))}
    </>
  );
}
