// The join form's styles, in its chunk: stacked labelled fields, consent lines with their
// checkbox, and the error lines, themed by the same --spendgo-* properties as the element.
// A constructed sheet rather than Lit's css tag, which would make this chunk import a second
// module of the core (join-panel.ts says why that matters). Named `css` all the same, so the
// build minifies it like the element's other styles.

const css = (text: TemplateStringsArray): CSSStyleSheet => {
  const built = new CSSStyleSheet();
  built.replaceSync(text.join(''));
  return built;
};

export const joinStyles = css`
  form {
    display: grid;
    gap: var(--_gap);
  }
  fieldset {
    display: grid;
    gap: calc(var(--_gap) / 1.5);
    margin: 0;
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }
  legend {
    padding: 0;
    font-weight: 600;
  }
  label {
    display: grid;
    gap: 0.25rem;
  }
  label.consent {
    grid-template-columns: auto 1fr;
    align-items: start;
    gap: 0.5rem;
    font-size: 0.9em;
  }
  input:not([type='checkbox']) {
    font: inherit;
    color: inherit;
    background: transparent;
    padding: 0.45rem 0.6rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 1.5);
    min-inline-size: 0;
  }
  input[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  input[type='checkbox'] {
    inline-size: 1.1rem;
    block-size: 1.1rem;
    margin: 0.1rem 0 0;
    accent-color: var(--_accent);
  }
  [part~='error'] {
    display: grid;
    gap: 0.5rem;
    justify-items: start;
  }
  .field-error {
    color: var(--_danger);
    font-size: 0.9em;
  }
  a {
    color: inherit;
  }
  [part~='join-button'] {
    justify-self: start;
  }
  [part~='join-submit'] {
    background: var(--_accent);
    color: var(--spendgo-accent-contrast, #fff);
  }
`;
