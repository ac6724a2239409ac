// The element's styles for every shopper (the member's own: templates/member-styles.ts). Inherits the host page's font and colours; themed only through the
// --spendgo-* custom properties and ::part(); logical properties so right-to-left locales
// mirror; no inline styles anywhere, so it runs under a CSP without 'unsafe-inline'.

import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    color-scheme: light dark;
    font: inherit;
    color: var(--spendgo-text, inherit);
    --_accent: var(--spendgo-accent, #1b5e20);
    /* Lines and error text are mixed with the inherited text colour, so they keep their
       contrast on light and dark host pages alike (light text: lighter, dark text: darker). */
    --_accent-line: color-mix(in srgb, var(--_accent) 60%, currentColor);
    --_danger: var(--spendgo-danger, color-mix(in srgb, #c62828 60%, currentColor));
    --_border: var(--spendgo-border, color-mix(in srgb, currentColor 25%, transparent));
    --_muted: var(--spendgo-muted, color-mix(in srgb, currentColor 70%, transparent));
    --_radius: var(--spendgo-radius, 0.5rem);
    --_gap: var(--spendgo-gap, 0.75rem);
  }
  :host([hidden]) {
    display: none;
  }
  [part='base'] {
    display: grid;
    gap: var(--_gap);
    padding: var(--spendgo-padding, 1rem);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--spendgo-surface, transparent);
    min-block-size: 11rem;
    /* Rows stay at the top when the box is held taller than its content (a member's reload). */
    align-content: start;
    box-sizing: border-box;
    container-type: inline-size;
  }
  h2,
  ::slotted([slot='heading']) {
    margin: 0;
    font-size: 1.1em;
  }
  p {
    margin: 0;
  }
  [part~='banner'] {
    padding: 0.25rem 0.5rem;
    border-radius: calc(var(--_radius) / 2);
    background: color-mix(in srgb, #ffb300 30%, transparent);
    font-size: 0.85em;
  }
  .row {
    display: flex;
    gap: var(--_gap);
    align-items: center;
    justify-content: space-between;
    flex-wrap: wrap;
  }
  .muted {
    color: var(--_muted);
    font-size: 0.9em;
  }
  button {
    font: inherit;
    cursor: pointer;
    padding: 0.5rem 1rem;
    border-radius: calc(var(--_radius) / 1.5);
    border: 1px solid var(--_accent-line);
    background: transparent;
    color: inherit;
  }
  [part~='sign-in-button'] {
    background: var(--_accent);
    color: var(--spendgo-accent-contrast, #fff);
  }
  button:focus-visible,
  input:focus-visible {
    outline: 3px solid var(--spendgo-focus, Highlight);
    outline-offset: 2px;
  }
  [part~='status'] {
    min-block-size: 1.5em;
  }
  [part~='status'][data-tone='bad'],
  [part~='error'] {
    color: var(--_danger);
  }
  [part~='skeleton'] {
    display: grid;
    gap: 0.5rem;
  }
  [part~='skeleton'] span {
    display: block;
    block-size: 1.25rem;
    border-radius: 0.25rem;
    background: color-mix(in srgb, currentColor 12%, transparent);
  }
  [part~='skeleton'] span:nth-child(2) {
    block-size: 2.75rem;
  }
  @media (prefers-reduced-motion: no-preference) {
    [part~='skeleton'] span {
      animation: pulse 1.4s ease-in-out infinite;
    }
  }
  @keyframes pulse {
    50% {
      opacity: 0.5;
    }
  }
  @media (forced-colors: active) {
    [part~='sign-in-button'] {
      border: 1px solid ButtonText;
    }
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
