// The styles only the signed-in body uses (balance, progress, the reward list and its amount
// field), in the member chunk with it; the element adopts them when the chunk arrives. The
// custom properties they use (--_accent, --_border, …) are set on :host in styles.ts.

import { css } from 'lit';

export const memberStyles = css`
  [part~='balance'] {
    font-weight: 600;
  }
  progress {
    inline-size: 100%;
    accent-color: var(--_accent);
  }
  [part~='reward-detail'] {
    color: var(--_muted);
    font-size: 0.9em;
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.5rem;
  }
  legend {
    padding: 0;
    margin-block-end: 0.5rem;
  }
  [part~='reward'] {
    display: grid;
    grid-template-columns: auto 1fr auto;
    gap: 0.25rem 0.75rem;
    align-items: center;
    padding: 0.6rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 1.5);
    cursor: pointer;
  }
  /* The choice's label lays its parts out in the row's grid. */
  [part~='reward'] .choice {
    display: contents;
  }
  [part~='reward']:has(input:checked) {
    border-color: var(--_accent-line);
    box-shadow: inset 0 0 0 1px var(--_accent-line);
  }
  [part~='reward'] input {
    accent-color: var(--_accent);
    margin: 0;
  }
  [part~='reward-value'] {
    font-weight: 600;
  }
  [part~='reward-detail'] {
    grid-column: 2 / -1;
  }
  /* Held for a placed order: shown, not choosable; the text keeps its full contrast. */
  [part~='reward-held'] {
    cursor: default;
    border-style: dashed;
  }
  input[type='number'] {
    font: inherit;
    inline-size: 7em;
  }
  /* A narrow widget (240 px phones, side columns): a reward's value goes under its name,
     so neither wraps word by word. */
  @container (max-width: 20rem) {
    [part~='reward'] {
      grid-template-columns: auto 1fr;
    }
    [part~='reward-value'] {
      grid-column: 2;
    }
  }
  @media (forced-colors: active) {
    [part~='reward']:has(input:checked) {
      outline: 2px solid Highlight;
    }
  }
`;
