// The right-click (or Shift+F10 / Menu key) menu of the map's selected stakeholders: a WAI-ARIA menu with
// arrow-key movement, Escape to close, focus back to the map.
import { useEffect, useRef } from 'react';

export type NodeMenuAction = 'edit' | 'focus' | 'connect' | 'pin' | 'hide' | 'delete';

interface NodeMenuProps {
  x: number;
  y: number;
  ids: number[];
  names: string[];
  pinned: boolean;
  canWrite: boolean;
  canFocus: boolean;
  onAction: (action: NodeMenuAction, ids: number[]) => void;
  onClose: () => void;
}

export function NodeMenu({ x, y, ids, names, pinned, canWrite, canFocus, onAction, onClose }: NodeMenuProps) {
  const ref = useRef<HTMLDivElement>(null);
  const many = ids.length > 1;
  const who = many ? `${ids.length} stakeholders` : (names[0] ?? 'stakeholder');
  const items: Array<{ action: NodeMenuAction; label: string; key: string; show: boolean; danger?: boolean }> = [
    { action: 'edit', label: 'Open details', key: 'Enter', show: !many },
    { action: 'focus', label: 'Focus on neighbourhood', key: 'F', show: canFocus && !many },
    { action: 'connect', label: 'Draw relationship from here', key: 'R', show: canWrite && !many },
    { action: 'pin', label: pinned ? 'Unpin' : 'Pin in place', key: 'P', show: canWrite },
    { action: 'hide', label: 'Hide from this view', key: '', show: canWrite },
    {
      action: 'delete',
      label: many ? `Delete ${ids.length} stakeholders…` : 'Delete…',
      key: 'Del',
      show: canWrite,
      danger: true,
    },
  ];
  const shown = items.filter((i) => i.show);

  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const away = (event: PointerEvent) => {
      if (ref.current && !ref.current.contains(event.target as Node)) onClose();
    };
    window.addEventListener('pointerdown', away, true);
    return () => window.removeEventListener('pointerdown', away, true);
  }, [onClose]);

  const onKeyDown = (event: React.KeyboardEvent) => {
    const buttons = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLElement);
    const go = (i: number) => buttons[(i + buttons.length) % buttons.length]?.focus();
    if (event.key === 'ArrowDown') go(at + 1);
    else if (event.key === 'ArrowUp') go(at - 1);
    else if (event.key === 'Home') go(0);
    else if (event.key === 'End') go(buttons.length - 1);
    else if (event.key === 'Escape' || event.key === 'Tab') onClose();
    else return;
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <div
      ref={ref}
      className="node-menu"
      role="menu"
      aria-label={`Actions for ${who}`}
      style={{ left: x, top: y }}
      onKeyDown={onKeyDown}
      data-testid="node-menu"
    >
      {shown.map((item) => (
        <button
          key={item.action}
          type="button"
          role="menuitem"
          tabIndex={-1}
          className={`node-menu-item${item.danger ? ' node-menu-danger' : ''}`}
          onClick={() => onAction(item.action, ids)}
        >
          <span>{item.label}</span>
          {item.key && <kbd className="node-menu-key">{item.key}</kbd>}
        </button>
      ))}
    </div>
  );
}
